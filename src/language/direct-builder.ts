/**
 * Builds the AST of a well-formed document straight from the fast lexer's token arrays
 * (grammar/fast-lexer.ts `scanContract`), without token objects or a parse tree: on a large
 * spec those were most of what parsing allocated, and all of it stayed alive (and was
 * copied by the garbage collector) until the AST was done.
 *
 * It accepts exactly what the hand-written parser (grammar/fast-parser.ts) accepts, taking
 * each decision the same way, and gives up (`undefined`) wherever that parser would; the
 * caller then goes through the parse tree (ast-builder.ts), where chevrotain decides errors
 * and recovery. Each node is the one ast-builder.ts makes from that parser's tree: same
 * fields in the same order, literals and doc comments made by the shared NodeFactory, in
 * source order, so diagnostics come in the same order too.
 * test/language/direct-builder.test.ts checks both paths agree.
 */
import type { IToken } from "chevrotain";
import { TOKEN_KINDS, kindOf, tokenImage, type ScannedText } from "../../grammar/fast-lexer.js";
import * as T from "../../grammar/tokens.js";
import type * as A from "./ast.js";
import { NodeFactory, type ParseResult } from "./ast-nodes.js";
import type { Range } from "./diagnostics/types.js";
import { coverRange } from "./line-index.js";
import { MAX_EXPRESSION_DEPTH } from "./nesting.js";

/** Thrown to abandon the direct path; never escapes `buildDirect`. Preallocated: no stack trace is captured. */
const GIVE_UP = new Error("the direct builder gives up; the parse tree decides");

/** No token: past the end of the input. */
const NONE = -1;

const K = {
  import: kindOf(T.Import), contract: kindOf(T.Contract), constraints: kindOf(T.Constraints), input: kindOf(T.Input),
  prompt: kindOf(T.Prompt), task: kindOf(T.Task), quality: kindOf(T.Quality), safety: kindOf(T.Safety), pinned: kindOf(T.Pinned),
  check: kindOf(T.Check), judge: kindOf(T.Judge), use: kindOf(T.Use), requires: kindOf(T.Requires), couple: kindOf(T.Couple),
  replay: kindOf(T.Replay), and: kindOf(T.And), or: kindOf(T.Or), not: kindOf(T.Not), in: kindOf(T.In), true: kindOf(T.True),
  false: kindOf(T.False), identifier: kindOf(T.Identifier), number: kindOf(T.NumberLiteral), string: kindOf(T.StringLiteral),
  triple: kindOf(T.TripleString), regex: kindOf(T.RegexLiteral), lCurly: kindOf(T.LCurly), rCurly: kindOf(T.RCurly),
  lParen: kindOf(T.LParen), rParen: kindOf(T.RParen), lBracket: kindOf(T.LBracket), rBracket: kindOf(T.RBracket),
  comma: kindOf(T.Comma), colon: kindOf(T.Colon), dotDot: kindOf(T.DotDot), dot: kindOf(T.Dot), equals: kindOf(T.Equals),
  plus: kindOf(T.Plus), minus: kindOf(T.Minus), star: kindOf(T.Star),
};

/** Kinds by membership, indexed by kind. */
function kindSet(types: readonly (typeof T.Identifier)[]): readonly boolean[] {
  return TOKEN_KINDS.map((t) => types.includes(t));
}

/** First tokens of an expression (as in grammar/fast-parser.ts). */
const EXPRESSION_START = kindSet([T.Not, T.Minus, T.NumberLiteral, T.StringLiteral, T.TripleString, T.RegexLiteral, T.True, T.False, T.LBracket, T.Identifier, T.LParen]);
const COMPARISON = kindSet([T.EqEq, T.NotEq, T.LtEq, T.GtEq, T.Lt, T.Gt]);
const ROLE: readonly (A.Role | undefined)[] = TOKEN_KINDS.map((t) => (t === T.Task ? "task" : t === T.Quality ? "quality" : t === T.Safety ? "safety" : undefined));

const isString = (k: number): boolean => k === K.string || k === K.triple;

/** The AST of well-formed `text` from its scan, or undefined where the parse tree must decide. */
export function buildDirect(text: string, path: string, scan: ScannedText): ParseResult | undefined {
  try {
    return new DirectBuilder(text, path, scan).build();
  } catch (err) {
    // A give-up, or a stack overflow on input deeper than expected: the parse tree decides either way.
    if (err === GIVE_UP || err instanceof RangeError) return undefined;
    throw err;
  }
}

class DirectBuilder extends NodeFactory {
  private pos = 0;
  private readonly count: number;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /**
   * The most tokens one nesting expression (a check, an input's default) took. Every
   * expression node takes at least one token of its own (an operator, `.`, `(`, `[`, a name
   * or a literal), so no expression nests deeper than this.
   */
  private longestExpression = 0;

  constructor(text: string, path: string, private readonly scan: ScannedText) {
    super(text, path);
    this.count = scan.count;
    this.kinds = scan.kinds;
    this.starts = scan.starts;
    this.ends = scan.ends;
  }

  build(): ParseResult {
    const codeBefore = (c: IToken): boolean => this.codeBefore(c);
    this.useComments(this.scan.comments, codeBefore);
    const declarations: A.Declaration[] = [];
    for (;;) {
      const kind = this.kind(0);
      if (kind === K.import) declarations.push(this.importDecl());
      else if (kind === K.contract || kind === K.constraints) declarations.push(this.contractDecl(kind));
      else break;
    }
    // Anything left over is an error chevrotain reports.
    if (this.pos !== this.count) throw GIVE_UP;
    return this.finish(declarations, this.scan.comments, codeBefore, this.longestExpression > MAX_EXPRESSION_DEPTH);
  }

  // ---- token access ----------------------------------------------------------------------

  /** The kind of the token `ahead` places after the current one (NONE past the end). */
  private kind(ahead: number): number {
    const i = this.pos + ahead;
    return i < this.count ? this.kinds[i]! : NONE;
  }

  /** Where the next token starts: where a node begun now starts. */
  private get startOffset(): number {
    if (this.pos >= this.count) throw GIVE_UP;
    return this.starts[this.pos]!;
  }

  /** End (exclusive) of the last consumed token: where every node that just finished ends. */
  private get lastEnd(): number {
    return this.ends[this.pos - 1]!;
  }

  /** Consumes a token of `kind` and returns its index. */
  private expect(kind: number): number {
    if (this.pos >= this.count || this.kinds[this.pos] !== kind) throw GIVE_UP;
    return this.pos++;
  }

  private image(i: number): string {
    return tokenImage(this.scan, this.text, i);
  }

  private ident(i: number): A.Identifier {
    return this.identAt(this.text.slice(this.starts[i], this.ends[i]), this.starts[i]!);
  }

  private tokenRange(i: number): Range {
    return this.idx.range(this.starts[i]!, this.ends[i]!);
  }

  /** A node's range: from `start` to the end of the last consumed token. */
  private rangeFrom(start: number): Range {
    return this.idx.range(start, this.lastEnd);
  }

  /** Whether a line break separates token `i` from token `i + 1`. */
  private lineBreakAfter(i: number): boolean {
    const end = this.starts[i + 1]!;
    for (let at = this.ends[i]!; at < end; at++) {
      const c = this.text.charCodeAt(at);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }

  /** Whether a token ends on comment `c`'s line before it. */
  private codeBefore(c: IToken): boolean {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < c.startOffset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.sameLine(this.ends[lo - 1]!, c);
  }

  // ---- declarations ----------------------------------------------------------------------

  private importDecl(): A.ImportDecl {
    const start = this.startOffset;
    this.pos++;
    const path = this.stringLit();
    return { kind: "Import", path, range: this.rangeFrom(start) };
  }

  private contractDecl(keyword: number): A.Declaration {
    const start = this.startOffset;
    this.pos++;
    const name = this.expect(K.identifier);
    this.expect(K.lCurly);
    const doc = this.docFor(start);
    const members: A.Member[] = [];
    while (this.kind(0) !== K.rCurly) members.push(this.member());
    this.pos++;
    const range = this.rangeFrom(start);
    const kind = keyword === K.contract ? "Contract" : "ConstraintSet";
    const id = this.ident(name);
    return doc !== undefined ? { kind, name: id, members, range, doc } : { kind, name: id, members, range };
  }

  private member(): A.Member {
    const kind = this.kind(0);
    if (kind === K.identifier) return this.requiresDecl();
    if (ROLE[kind] !== undefined || kind === K.pinned) return this.constraint();
    if (kind === K.input) return this.inputDecl();
    if (kind === K.prompt) return this.promptDecl();
    if (kind === K.use) return this.useDecl();
    if (kind === K.couple) return this.coupleDecl();
    if (kind === K.replay) return this.replayDecl();
    throw GIVE_UP;
  }

  private inputDecl(): A.InputDecl {
    const start = this.startOffset;
    this.pos++;
    const name = this.expect(K.identifier);
    this.expect(K.colon);
    const type = this.expect(K.identifier);
    let isList = false;
    if (this.kind(0) === K.lBracket) {
      this.pos++;
      this.expect(K.rBracket);
      isList = true;
    }
    const defaultExpr = this.kind(0) === K.equals ? (this.pos++, this.nestingExpression()) : undefined;
    const range = this.rangeFrom(start);
    const doc = this.docFor(start);
    return {
      kind: "Input", name: this.ident(name), type: this.ident(type), isList,
      range, ...(doc !== undefined ? { doc } : {}), ...(defaultExpr ? { default: defaultExpr } : {}),
    };
  }

  private promptDecl(): A.PromptDecl {
    const start = this.startOffset;
    this.pos++;
    const text = this.stringLit();
    return { kind: "Prompt", text, range: this.rangeFrom(start) };
  }

  private constraint(): A.ConstraintDecl {
    const start = this.startOffset;
    const pinned = this.kind(0) === K.pinned;
    if (pinned) this.pos++;
    const role = ROLE[this.kind(0)];
    if (role === undefined) throw GIVE_UP;
    const roleAt = this.pos++;
    const id = this.expect(K.identifier);
    const clause = isString(this.kind(0)) ? this.stringLit() : undefined;
    const bodyKind = this.kind(0);
    let body: A.CheckBody | A.JudgeBody;
    if (bodyKind === K.check) {
      const check = this.pos++;
      const expression = this.nestingExpression();
      body = { kind: "Check", expression, range: coverRange(this.tokenRange(check), expression.range) };
    } else if (bodyKind === K.judge) {
      const judge = this.pos++;
      const rubric = this.stringLit();
      body = { kind: "Judge", rubric, range: coverRange(this.tokenRange(judge), rubric.range) };
    } else throw GIVE_UP;
    const range = this.rangeFrom(start);
    const doc = this.docFor(start);
    const roleRange = this.tokenRange(roleAt);
    const ident = this.ident(id);
    // The field order of ast-builder.ts `constraint`, with its optional fields present or not.
    if (doc === undefined) {
      return clause !== undefined
        ? { kind: "Constraint", pinned, role, roleRange, id: ident, range, clause, body }
        : { kind: "Constraint", pinned, role, roleRange, id: ident, range, body };
    }
    return clause !== undefined
      ? { kind: "Constraint", pinned, role, roleRange, id: ident, range, doc, clause, body }
      : { kind: "Constraint", pinned, role, roleRange, id: ident, range, doc, body };
  }

  private useDecl(): A.UseDecl {
    const start = this.startOffset;
    this.pos++;
    const names = [this.qualifiedName()];
    while (this.kind(0) === K.comma) {
      this.pos++;
      names.push(this.qualifiedName());
    }
    return { kind: "Use", names, range: this.rangeFrom(start) };
  }

  private qualifiedName(): A.QualifiedName {
    const start = this.startOffset;
    const first = this.expect(K.identifier);
    if (this.kind(0) !== K.dot) return { name: this.ident(first), range: this.rangeFrom(start) };
    this.pos++;
    const second = this.expect(K.identifier);
    return { qualifier: this.ident(first), name: this.ident(second), range: this.rangeFrom(start) };
  }

  private requiresDecl(): A.RequiresDecl {
    const start = this.startOffset;
    const subject = this.pos++;
    this.expect(K.requires);
    const targets = this.identifierList();
    return { kind: "Requires", subject: this.ident(subject), targets, range: this.rangeFrom(start) };
  }

  private coupleDecl(): A.CoupleDecl {
    const start = this.startOffset;
    this.pos++;
    const members = this.identifierList();
    return { kind: "Couple", members, range: this.rangeFrom(start) };
  }

  /** `a, b, c`. */
  private identifierList(): A.Identifier[] {
    const list = [this.ident(this.expect(K.identifier))];
    while (this.kind(0) === K.comma) {
      this.pos++;
      list.push(this.ident(this.expect(K.identifier)));
    }
    return list;
  }

  private replayDecl(): A.ReplayDecl {
    const start = this.startOffset;
    this.pos++;
    this.expect(K.lCurly);
    const settings: A.ReplaySetting[] = [];
    while (this.kind(0) === K.identifier) {
      const settingStart = this.startOffset;
      const name = this.pos++;
      const valueKind = this.kind(0);
      let value: A.ReplaySetting["value"];
      if (valueKind === K.number) {
        const at = this.pos++;
        value = this.numberAt(this.image(at), this.starts[at]!);
      } else if (valueKind === K.identifier) value = this.ident(this.pos++);
      else throw GIVE_UP;
      settings.push({ name: this.ident(name), value, range: this.rangeFrom(settingStart) });
    }
    this.expect(K.rCurly);
    return { kind: "Replay", settings, range: this.rangeFrom(start) };
  }

  private stringLit(): A.StringLiteral {
    if (!isString(this.kind(0))) throw GIVE_UP;
    const at = this.pos++;
    return this.stringAt(this.image(at), this.starts[at]!);
  }

  // ---- expressions, lowest precedence first ----------------------------------------------
  //
  // A level folds its operands left to right into binary nodes as ast-builder.ts `leftAssoc`
  // does, and is no node of its own when it holds one operand.

  private binary(left: A.Expression, op: A.BinaryOperator, right: A.Expression): A.Expression {
    return { kind: "Binary", op, left, right, range: coverRange(left.range, right.range) };
  }

  /** An expression in a slot whose nesting is limited (nesting.ts). */
  private nestingExpression(): A.Expression {
    const first = this.pos;
    const expression = this.expression();
    if (this.pos - first > this.longestExpression) this.longestExpression = this.pos - first;
    return expression;
  }

  private expression(): A.Expression {
    let acc = this.andExpr();
    while (this.kind(0) === K.or) {
      this.pos++;
      acc = this.binary(acc, "or", this.andExpr());
    }
    return acc;
  }

  private andExpr(): A.Expression {
    let acc = this.notExpr();
    while (this.kind(0) === K.and) {
      this.pos++;
      acc = this.binary(acc, "and", this.notExpr());
    }
    return acc;
  }

  private notExpr(): A.Expression {
    if (this.kind(0) !== K.not) return this.comparison();
    const start = this.startOffset;
    this.pos++;
    const operand = this.notExpr();
    return { kind: "Unary", op: "not", operand, range: this.rangeFrom(start) };
  }

  private comparison(): A.Expression {
    const left = this.additive();
    const next = this.kind(0);
    if (next !== NONE && COMPARISON[next]) {
      const op = this.image(this.pos++) as A.ComparisonOperator;
      const right = this.additive();
      return { kind: "Binary", op, left, right, range: coverRange(left.range, right.range) };
    }
    if (next === K.in) {
      this.pos++;
      const low = this.additive();
      this.expect(K.dotDot);
      const high = this.additive();
      return { kind: "InRange", subject: left, low, high, range: coverRange(left.range, high.range) };
    }
    return left;
  }

  private additive(): A.Expression {
    let acc = this.multiplicative();
    for (let op = this.kind(0); op === K.plus || op === K.minus; op = this.kind(0)) {
      this.pos++;
      acc = this.binary(acc, op === K.plus ? "+" : "-", this.multiplicative());
    }
    return acc;
  }

  private multiplicative(): A.Expression {
    let acc = this.unary();
    while (this.kind(0) === K.star) {
      this.pos++;
      acc = this.binary(acc, "*", this.unary());
    }
    return acc;
  }

  private unary(): A.Expression {
    if (this.kind(0) !== K.minus) return this.postfix();
    const start = this.startOffset;
    this.pos++;
    const operand = this.unary();
    return { kind: "Unary", op: "-", operand, range: this.rangeFrom(start) };
  }

  /** `infixPredicateAhead`: a name on the subject's line, not starting `a requires b`. */
  private infixAhead(): boolean {
    return this.kind(0) === K.identifier && this.kind(1) !== K.requires && !this.lineBreakAfter(this.pos - 1);
  }

  private postfix(): A.Expression {
    let acc = this.primary();
    while (this.kind(0) === K.dot) {
      this.pos++;
      const method = this.expect(K.identifier);
      const parenthesized = this.kind(0) === K.lParen;
      let args: A.Argument[] = [];
      let end: Range;
      if (parenthesized) {
        const argsStart = this.startOffset;
        args = this.callArgs();
        end = this.rangeFrom(argsStart);
      } else end = this.tokenRange(method);
      acc = { kind: "Call", callee: this.ident(method), subject: acc, args, style: "method", parenthesized, range: coverRange(acc.range, end) };
    }
    if (this.infixAhead()) {
      const infix = this.pos++;
      // Chevrotain tries the argument list first, so `(` always opens one.
      const parenthesized = this.kind(0) === K.lParen;
      let args: A.Argument[];
      let end: Range;
      if (parenthesized) {
        const argsStart = this.startOffset;
        args = this.callArgs();
        end = this.rangeFrom(argsStart);
      } else {
        const value = this.primary();
        args = [{ value, range: value.range }];
        end = value.range;
      }
      acc = { kind: "Call", callee: this.ident(infix), subject: acc, args, style: "infix", parenthesized, range: coverRange(acc.range, end) };
    }
    return acc;
  }

  private primary(): A.Expression {
    const at = this.pos;
    const start = this.startOffset;
    const kind = this.kinds[at]!;
    if (kind === K.number) {
      this.pos++;
      return this.numberAt(this.image(at), start);
    }
    if (kind === K.identifier) {
      const next = this.kind(1);
      if (next === K.lParen) {
        this.pos++;
        const callee = this.ident(at);
        const args = this.callArgs();
        return { kind: "Call", callee, args, style: "call", parenthesized: true, range: this.rangeFrom(start) };
      }
      if ((isString(next) || next === K.regex || next === K.lBracket) && !this.lineBreakAfter(at)) {
        // `ends_with "x"`: infix form with the whole response as the implicit subject.
        this.pos++;
        const value = this.literal();
        return { kind: "Call", callee: this.ident(at), args: [{ value, range: value.range }], style: "infix", parenthesized: false, range: this.rangeFrom(start) };
      }
      this.pos++;
      return { kind: "Name", name: this.ident(at), range: this.rangeFrom(start) };
    }
    if (isString(kind)) return this.stringLit();
    if (kind === K.regex) {
      this.pos++;
      return this.regexAt(this.image(at), start);
    }
    if (kind === K.true || kind === K.false) {
      this.pos++;
      return { kind: "Boolean", value: kind === K.true, range: this.rangeFrom(start) };
    }
    if (kind === K.lBracket) {
      const items = this.listItems();
      return { kind: "List", items, range: this.rangeFrom(start) };
    }
    if (kind === K.lParen) {
      this.pos++;
      const inner = this.expression();
      this.expect(K.rParen);
      return { kind: "Paren", inner, range: this.rangeFrom(start) };
    }
    throw GIVE_UP;
  }

  /** The literal right after a name (a string, a regex or a list; the caller checked which). */
  private literal(): A.Expression {
    const kind = this.kind(0);
    if (isString(kind)) return this.stringLit();
    const start = this.startOffset;
    if (kind === K.regex) {
      const at = this.pos++;
      return this.regexAt(this.image(at), start);
    }
    const items = this.listItems();
    return { kind: "List", items, range: this.rangeFrom(start) };
  }

  /** `(args)`, the current token being `(`. */
  private callArgs(): A.Argument[] {
    this.pos++;
    const args: A.Argument[] = [];
    if (this.kind(0) !== NONE && EXPRESSION_START[this.kind(0)]) {
      args.push(this.argument());
      while (this.kind(0) === K.comma) {
        this.pos++;
        args.push(this.argument());
      }
    }
    this.expect(K.rParen);
    return args;
  }

  private argument(): A.Argument {
    const start = this.startOffset;
    let name: number | undefined;
    if (this.kind(0) === K.identifier && this.kind(1) === K.colon) {
      name = this.pos;
      this.pos += 2;
    }
    const value = this.expression();
    const range = this.rangeFrom(start);
    return name === undefined ? { value, range } : { value, range, name: this.ident(name) };
  }

  /** `[a, b]` with an optional trailing comma, the current token being `[`: a comma continues the list only before an expression. */
  private listItems(): A.Expression[] {
    this.pos++;
    const items: A.Expression[] = [];
    if (this.kind(0) !== NONE && EXPRESSION_START[this.kind(0)]) {
      items.push(this.expression());
      while (this.kind(0) === K.comma && this.kind(1) !== NONE && EXPRESSION_START[this.kind(1)]) {
        this.pos++;
        items.push(this.expression());
      }
      if (this.kind(0) === K.comma) this.pos++;
    }
    this.expect(K.rBracket);
    return items;
  }
}
