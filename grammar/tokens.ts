/**
 * Tokens of the contract language. Order matters: chevrotain tries token types in
 * this order and keywords must precede `Identifier` (they use `longer_alt` so that
 * `tasks` is an identifier, not `task` + `s`).
 *
 * Strings and regexes have lenient patterns that also match an unterminated literal
 * up to the end of the line; the AST builder reports those precisely (HIR1002,
 * HIR1006), so one missing quote does not derail the rest of the file.
 */
import type { CustomPatternMatcherFunc, TokenType } from "chevrotain";
import { chevrotain } from "./chevrotain.js";

const { createToken, Lexer } = chevrotain;

/**
 * Matches `open ... close`, or `open ...` to the end of the input when `close` is
 * missing (the AST builder reports that). A custom matcher because chevrotain
 * forbids the end-of-input anchor in token regexes.
 */
function delimited(open: string, close: string): CustomPatternMatcherFunc {
  return (text, offset) => {
    if (!text.startsWith(open, offset)) return null;
    const end = text.indexOf(close, offset + open.length);
    const stop = end < 0 ? text.length : end + close.length;
    const match = [text.slice(offset, stop)] as unknown as RegExpExecArray;
    return match;
  };
}

const LINE_END = (c: string | undefined): boolean => c === "\n" || c === "\r";

/**
 * `"..."` on one line (backslash escapes any character but a line break), or an
 * unterminated one up to the line end. A scanning loop, not a regex: V8's regex engine
 * needs stack per repetition of an alternation, so a 10 MB string literal overflowed it.
 */
const singleString: CustomPatternMatcherFunc = (text, offset) => {
  if (text[offset] !== '"') return null;
  let i = offset + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return [text.slice(offset, i + 1)] as unknown as RegExpExecArray;
    if (LINE_END(c)) break;
    if (c === "\\" && i + 1 < text.length && !LINE_END(text[i + 1])) i += 2;
    else if (c === "\\") break;
    else i++;
  }
  return [text.slice(offset, i)] as unknown as RegExpExecArray;
};

/** `/pattern/flags` on one line, `[...]` classes may hold `/`; the same scan as `singleString`. */
const regexLiteral: CustomPatternMatcherFunc = (text, offset) => {
  if (text[offset] !== "/" || text[offset + 1] === "*" || text[offset + 1] === "/") return null;
  let i = offset + 1;
  let inClass = false;
  let closed = false;
  while (i < text.length) {
    const c = text[i];
    if (LINE_END(c)) break;
    if (c === "\\") {
      if (i + 1 < text.length && !LINE_END(text[i + 1])) i += 2;
      else break;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      i++;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "/") {
      i++;
      closed = true;
      break;
    }
    i++;
  }
  if (closed || !inClass) while (i < text.length && /[A-Za-z]/.test(text[i]!)) i++;
  return [text.slice(offset, i)] as unknown as RegExpExecArray;
};

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: "a name" });

function keyword(word: string): TokenType {
  return createToken({ name: `Kw_${word}`, pattern: new RegExp(`${word}\\b`), longer_alt: Identifier, label: `\`${word}\`` });
}

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v\u00a0\ufeff\u2028\u2029]+/, group: Lexer.SKIPPED, line_breaks: true });
export const DocComment = createToken({ name: "DocComment", pattern: /\/\/\/[^\n\r]*/, group: "comments" });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: "comments" });
export const BlockComment = createToken({ name: "BlockComment", pattern: delimited("/*", "*/"), group: "comments", line_breaks: true, start_chars_hint: ["/"] });

export const TripleString = createToken({ name: "TripleString", pattern: delimited('"""', '"""'), line_breaks: true, label: "a string", start_chars_hint: ['"'] });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: singleString, label: "a string", start_chars_hint: ['"'], line_breaks: false });
export const RegexLiteral = createToken({
  name: "RegexLiteral",
  pattern: regexLiteral,
  start_chars_hint: ["/"],
  line_breaks: false,
  label: "a regular expression",
});
export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, label: "a number" });

export const Import = keyword("import");
export const Contract = keyword("contract");
export const Constraints = keyword("constraints");
export const Input = keyword("input");
export const Prompt = keyword("prompt");
export const Task = keyword("task");
export const Quality = keyword("quality");
export const Safety = keyword("safety");
export const Pinned = keyword("pinned");
export const Check = keyword("check");
export const Judge = keyword("judge");
export const Use = keyword("use");
export const Requires = keyword("requires");
export const Couple = keyword("couple");
export const Replay = keyword("replay");
export const And = keyword("and");
export const Or = keyword("or");
export const Not = keyword("not");
export const In = keyword("in");
export const True = keyword("true");
export const False = keyword("false");

export const LCurly = createToken({ name: "LCurly", pattern: "{", label: "`{`" });
export const RCurly = createToken({ name: "RCurly", pattern: "}", label: "`}`" });
export const LParen = createToken({ name: "LParen", pattern: "(", label: "`(`" });
export const RParen = createToken({ name: "RParen", pattern: ")", label: "`)`" });
export const LBracket = createToken({ name: "LBracket", pattern: "[", label: "`[`" });
export const RBracket = createToken({ name: "RBracket", pattern: "]", label: "`]`" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "`,`" });
export const Colon = createToken({ name: "Colon", pattern: ":", label: "`:`" });
export const DotDot = createToken({ name: "DotDot", pattern: "..", label: "`..`" });
export const Dot = createToken({ name: "Dot", pattern: ".", label: "`.`" });
export const EqEq = createToken({ name: "EqEq", pattern: "==", label: "`==`" });
export const NotEq = createToken({ name: "NotEq", pattern: "!=", label: "`!=`" });
export const LtEq = createToken({ name: "LtEq", pattern: "<=", label: "`<=`" });
export const GtEq = createToken({ name: "GtEq", pattern: ">=", label: "`>=`" });
export const Lt = createToken({ name: "Lt", pattern: "<", label: "`<`" });
export const Gt = createToken({ name: "Gt", pattern: ">", label: "`>`" });
export const Equals = createToken({ name: "Equals", pattern: "=", label: "`=`" });
export const Plus = createToken({ name: "Plus", pattern: "+", label: "`+`" });
export const Minus = createToken({ name: "Minus", pattern: "-", label: "`-`" });
export const Star = createToken({ name: "Star", pattern: "*", label: "`*`" });

export const ROLE_TOKENS = [Task, Quality, Safety] as const;

export const KEYWORDS: readonly string[] = [
  "import", "contract", "constraints", "input", "prompt", "task", "quality", "safety", "pinned", "check",
  "judge", "use", "requires", "couple", "replay", "and", "or", "not", "in", "true", "false",
];

export const allTokens: TokenType[] = [
  WhiteSpace,
  DocComment,
  LineComment,
  BlockComment,
  TripleString,
  StringLiteral,
  RegexLiteral,
  NumberLiteral,
  Import, Contract, Constraints, Input, Prompt, Task, Quality, Safety, Pinned, Check, Judge, Use, Requires,
  Couple, Replay, And, Or, Not, In, True, False,
  Identifier,
  LCurly, RCurly, LParen, RParen, LBracket, RBracket, Comma, Colon, DotDot, Dot,
  EqEq, NotEq, LtEq, GtEq, Lt, Gt, Equals, Plus, Minus, Star,
];

/**
 * Chevrotain's lexer for these tokens, built on first use: the hand-written lexer
 * (grammar/fast-lexer.ts) handles well-formed text, so most runs never need it, and
 * building it (chevrotain analyses every pattern) cost about a tenth of a small
 * `hir lint`'s start. Offsets only: the AST builder computes lines and columns, and
 * only for the ranges it keeps.
 */
let lexer: InstanceType<typeof Lexer> | undefined;
export function contractLexer(): InstanceType<typeof Lexer> {
  lexer ??= new Lexer(allTokens, {
    positionTracking: "onlyOffset",
    ensureOptimizations: false,
    recoveryEnabled: true,
  });
  return lexer;
}
