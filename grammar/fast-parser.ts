/**
 * A hand-written recursive-descent parser for well-formed contracts: the same parse tree
 * (grammar/syntax.ts) as the chevrotain parser of grammar/parser.ts builds for input it
 * accepts without an error, at a fraction of the cost.
 *
 * Every decision mirrors the chevrotain grammar's lookahead (alternatives tried in order,
 * the same gates), and node fields are assigned in the order the embedded actions assign
 * them. It never recovers: at the first token it does not expect it gives up (`undefined`)
 * and the caller runs chevrotain, whose errors and recovery then decide everything.
 * Nesting is bounded before it runs (`firstTooDeep` in grammar/parser.ts), so its
 * recursion is too. test/grammar/fast-path.test.ts checks it against chevrotain.
 *
 * src/language/direct-builder.ts takes the same decisions while building the AST straight
 * from the token arrays (what `parseDocument` runs on well-formed text): a grammar change
 * goes into grammar/parser.ts, this file and that one (test/language/direct-builder.test.ts
 * checks the last two agree).
 */
import type { IToken, TokenType } from "chevrotain";
import * as T from "./tokens.js";
import type * as S from "./syntax.js";

/**
 * Thrown to abandon the fast path; never escapes `fastParse`. One preallocated instance:
 * throwing it captures no new stack trace.
 */
const GIVE_UP = new Error("the fast parser gives up; chevrotain decides");

/** First tokens of an expression: what makes chevrotain enter an expression-shaped repetition. */
const EXPRESSION_START: ReadonlySet<TokenType> = new Set([
  T.Not, T.Minus, T.NumberLiteral, T.StringLiteral, T.TripleString, T.RegexLiteral, T.True, T.False, T.LBracket, T.Identifier, T.LParen,
]);

const COMPARISON_OPS: ReadonlySet<TokenType> = new Set([T.EqEq, T.NotEq, T.LtEq, T.GtEq, T.Lt, T.Gt]);

const isString = (t: TokenType | undefined): boolean => t === T.StringLiteral || t === T.TripleString;

/*
 * Nodes are created with `end: -1` and get their end once complete (a node is only returned
 * complete): a small-integer placeholder, where NaN would make V8 store the field as a double.
 */
class FastParser {
  private pos = 0;

  constructor(
    private readonly tokens: readonly IToken[],
    private readonly text: string,
  ) {}

  file(): S.FileSyntax {
    const file: S.FileSyntax = { start: NaN, end: NaN, declarations: [] };
    for (;;) {
      const type = this.type(0);
      let d: S.DeclarationSyntax;
      if (type === T.Import) d = this.importDecl();
      else if (type === T.Contract) d = this.contractDecl("contractDecl", T.Contract);
      else if (type === T.Constraints) d = this.contractDecl("setDecl", T.Constraints);
      else break;
      if (file.declarations.length === 0) file.start = d.start;
      file.end = d.end;
      file.declarations.push(d);
    }
    // Anything left over is an error chevrotain reports.
    if (this.pos !== this.tokens.length) throw GIVE_UP;
    return file;
  }

  // ---- token access ----------------------------------------------------------------------

  /** The type of the token `ahead` places after the current one (undefined past the end). */
  private type(ahead: number): TokenType | undefined {
    return this.tokens[this.pos + ahead]?.tokenType;
  }

  /** Where the next token starts: where a node created now starts (every rule consumes a token first). */
  private get startOffset(): number {
    const t = this.tokens[this.pos];
    if (t === undefined) throw GIVE_UP;
    return t.startOffset;
  }

  /** End (exclusive) of the last consumed token: where every node that just finished ends. */
  private get lastEnd(): number {
    const t = this.tokens[this.pos - 1]!;
    return t.startOffset + t.image.length;
  }

  private expect(type: TokenType): IToken {
    const t = this.tokens[this.pos];
    if (t === undefined || t.tokenType !== type) throw GIVE_UP;
    this.pos++;
    return t;
  }

  /** `infixPredicateAhead`/`literalOperandAhead`: whether a line break separates the last consumed token from the next. */
  private lineBreakBeforeNext(): boolean {
    return this.lineBreakAfter(this.pos - 1);
  }

  /** Whether a line break separates token `i` from token `i + 1`. */
  private lineBreakAfter(i: number): boolean {
    const prev = this.tokens[i]!;
    const end = this.tokens[i + 1]!.startOffset;
    for (let at = prev.startOffset + prev.image.length; at < end; at++) {
      const c = this.text.charCodeAt(at);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }

  // ---- declarations ----------------------------------------------------------------------

  private importDecl(): S.ImportSyntax {
    const n: S.ImportSyntax = { start: this.startOffset, end: -1, rule: "importDecl" };
    this.pos++;
    n.path = this.stringLit();
    n.end = this.lastEnd;
    return n;
  }

  private contractDecl(rule: S.ContractSyntax["rule"], keyword: TokenType): S.ContractSyntax {
    const n: S.ContractSyntax = { start: this.startOffset, end: -1, rule, members: [] };
    this.expect(keyword);
    n.name = this.expect(T.Identifier);
    this.expect(T.LCurly);
    while (this.type(0) !== T.RCurly) n.members.push(this.member());
    this.pos++;
    n.end = this.lastEnd;
    return n;
  }

  private member(): S.MemberSyntax {
    const start = this.startOffset;
    const inner = this.memberBody();
    return { start, end: this.lastEnd, inner };
  }

  private memberBody(): S.MemberBodySyntax {
    switch (this.type(0)) {
      case T.Input: return this.inputDecl();
      case T.Prompt: return this.promptDecl();
      case T.Pinned: case T.Task: case T.Quality: case T.Safety: return this.constraintDecl();
      case T.Use: return this.useDecl();
      case T.Identifier: return this.requiresDecl();
      case T.Couple: return this.coupleDecl();
      case T.Replay: return this.replayDecl();
      default: throw GIVE_UP;
    }
  }

  private inputDecl(): S.InputSyntax {
    const n: S.InputSyntax = { start: this.startOffset, end: -1, rule: "inputDecl" };
    this.pos++;
    n.name = this.expect(T.Identifier);
    this.expect(T.Colon);
    const type: S.TypeRefSyntax = { start: this.startOffset, end: -1 };
    type.name = this.expect(T.Identifier);
    if (this.type(0) === T.LBracket) {
      type.list = this.expect(T.LBracket);
      this.expect(T.RBracket);
    }
    type.end = this.lastEnd;
    n.type = type;
    if (this.type(0) === T.Equals) {
      this.pos++;
      n.default = this.expression();
    }
    n.end = this.lastEnd;
    return n;
  }

  private promptDecl(): S.PromptSyntax {
    const n: S.PromptSyntax = { start: this.startOffset, end: -1, rule: "promptDecl" };
    this.pos++;
    n.text = this.stringLit();
    n.end = this.lastEnd;
    return n;
  }

  /** Built in one step; an absent optional part is an undefined field (the tree's readers and its JSON treat both alike). */
  private constraintDecl(): S.ConstraintSyntax {
    const start = this.startOffset;
    const pinned = this.type(0) === T.Pinned ? this.expect(T.Pinned) : undefined;
    const roleType = this.type(0);
    if (roleType !== T.Task && roleType !== T.Quality && roleType !== T.Safety) throw GIVE_UP;
    const role = this.tokens[this.pos++]!;
    const id = this.expect(T.Identifier);
    const clause = isString(this.type(0)) ? this.stringLit() : undefined;
    const body = this.type(0);
    if (body === T.Check) {
      const check = this.expect(T.Check);
      const expression = this.expression();
      return { start, end: this.lastEnd, rule: "constraintDecl", pinned, role, id, clause, check, expression };
    }
    if (body === T.Judge) {
      const judge = this.expect(T.Judge);
      const rubric = this.stringLit();
      return { start, end: this.lastEnd, rule: "constraintDecl", pinned, role, id, clause, judge, rubric };
    }
    throw GIVE_UP;
  }

  private useDecl(): S.UseSyntax {
    const n: S.UseSyntax = { start: this.startOffset, end: -1, rule: "useDecl", names: [] };
    this.pos++;
    n.names.push(this.qualifiedName());
    while (this.type(0) === T.Comma) {
      this.pos++;
      n.names.push(this.qualifiedName());
    }
    n.end = this.lastEnd;
    return n;
  }

  private qualifiedName(): S.QualifiedNameSyntax {
    const q: S.QualifiedNameSyntax = { start: this.startOffset, end: -1, parts: [] };
    q.parts.push(this.expect(T.Identifier));
    if (this.type(0) === T.Dot) {
      this.pos++;
      q.parts.push(this.expect(T.Identifier));
    }
    q.end = this.lastEnd;
    return q;
  }

  private requiresDecl(): S.RequiresSyntax {
    const start = this.startOffset;
    const subject = this.expect(T.Identifier);
    this.expect(T.Requires);
    const targets = this.identifierList();
    return { start, end: this.lastEnd, rule: "requiresDecl", targets, subject };
  }

  private coupleDecl(): S.CoupleSyntax {
    const start = this.startOffset;
    this.pos++;
    const members = this.identifierList();
    return { start, end: this.lastEnd, rule: "coupleDecl", members };
  }

  /** `a, b, c` (AT_LEAST_ONE_SEP of identifiers); a literal array (one grown from empty reserves room for 17). */
  private identifierList(): IToken[] {
    const list = [this.expect(T.Identifier)];
    while (this.type(0) === T.Comma) {
      this.pos++;
      list.push(this.expect(T.Identifier));
    }
    return list;
  }

  private replayDecl(): S.ReplaySyntax {
    const n: S.ReplaySyntax = { start: this.startOffset, end: -1, rule: "replayDecl", settings: [] };
    this.pos++;
    this.expect(T.LCurly);
    while (this.type(0) === T.Identifier) {
      const s: S.ReplaySettingSyntax = { start: this.startOffset, end: -1 };
      s.name = this.expect(T.Identifier);
      const value = this.type(0);
      if (value === T.NumberLiteral) s.number = this.expect(T.NumberLiteral);
      else if (value === T.Identifier) s.value = this.expect(T.Identifier);
      else throw GIVE_UP;
      s.end = this.lastEnd;
      n.settings.push(s);
    }
    this.expect(T.RCurly);
    n.end = this.lastEnd;
    return n;
  }

  private stringLit(): S.StringSyntax {
    if (!isString(this.type(0))) throw GIVE_UP;
    const t = this.tokens[this.pos++]!;
    return { start: t.startOffset, end: t.startOffset + t.image.length, token: t };
  }

  // ---- expressions, lowest precedence first ----------------------------------------------
  //
  // A level returns the level below's node unless it holds more than that one operand
  // (grammar/syntax.ts; `collapseLevel` in grammar/parser.ts for chevrotain). Nodes are
  // built once complete, fields in the order the embedded actions assign them, arrays as
  // literals (an array grown by `push` from empty reserves room for 17 elements).

  private expression(): S.ExpressionSyntax {
    const start = this.startOffset;
    const first = this.andExpr();
    if (this.type(0) !== T.Or) return first;
    const operands = [first];
    while (this.type(0) === T.Or) {
      this.pos++;
      operands.push(this.andExpr());
    }
    return { start, end: this.lastEnd, rule: "expression", operands };
  }

  private andExpr(): S.AndLevel {
    const start = this.startOffset;
    const first = this.notExpr();
    if (this.type(0) !== T.And) return first;
    const operands = [first];
    while (this.type(0) === T.And) {
      this.pos++;
      operands.push(this.notExpr());
    }
    return { start, end: this.lastEnd, rule: "andExpr", operands };
  }

  private notExpr(): S.NotLevel {
    if (this.type(0) !== T.Not) return this.comparison();
    const start = this.startOffset;
    const not = this.expect(T.Not);
    const operand = this.notExpr();
    return { start, end: this.lastEnd, rule: "notExpr", not, operand };
  }

  private comparison(): S.ComparisonLevel {
    const start = this.startOffset;
    const left = this.additive();
    const next = this.type(0);
    if (next !== undefined && COMPARISON_OPS.has(next)) {
      const op = this.tokens[this.pos++]!;
      const right = this.additive();
      return { start, end: this.lastEnd, rule: "comparison", left, op, right };
    }
    if (next === T.In) {
      const inToken = this.expect(T.In);
      const low = this.additive();
      this.expect(T.DotDot);
      const high = this.additive();
      return { start, end: this.lastEnd, rule: "comparison", left, in: inToken, low, high };
    }
    return left;
  }

  private additive(): S.AdditiveLevel {
    const start = this.startOffset;
    const first = this.multiplicative();
    let op = this.type(0);
    if (op !== T.Plus && op !== T.Minus) return first;
    const operands = [first];
    const ops: IToken[] = [];
    for (; op === T.Plus || op === T.Minus; op = this.type(0)) {
      ops.push(this.tokens[this.pos++]!);
      operands.push(this.multiplicative());
    }
    return { start, end: this.lastEnd, rule: "additive", operands, ops };
  }

  private multiplicative(): S.MultiplicativeLevel {
    const start = this.startOffset;
    const first = this.unary();
    if (this.type(0) !== T.Star) return first;
    const operands = [first];
    while (this.type(0) === T.Star) {
      this.pos++;
      operands.push(this.unary());
    }
    return { start, end: this.lastEnd, rule: "multiplicative", operands };
  }

  private unary(): S.UnaryLevel {
    if (this.type(0) !== T.Minus) return this.postfix();
    const start = this.startOffset;
    const minus = this.expect(T.Minus);
    const operand = this.unary();
    return { start, end: this.lastEnd, rule: "unary", minus, operand };
  }

  /** `infixPredicateAhead`: a name on the subject's line, not starting `a requires b`. */
  private infixAhead(): boolean {
    return this.type(0) === T.Identifier && this.type(1) !== T.Requires && !this.lineBreakBeforeNext();
  }

  private postfix(): S.PostfixLevel {
    const start = this.startOffset;
    const primary = this.primary();
    if (this.type(0) !== T.Dot && !this.infixAhead()) return primary;
    const n: S.PostfixSyntax = { start, end: -1, rule: "postfix", calls: [] };
    n.primary = primary;
    while (this.type(0) === T.Dot) {
      const m: S.MethodCallSyntax = { start: this.startOffset, end: -1 };
      this.pos++;
      m.method = this.expect(T.Identifier);
      if (this.type(0) === T.LParen) m.args = this.callArgs();
      m.end = this.lastEnd;
      n.calls.push(m);
    }
    if (this.infixAhead()) {
      n.infix = this.expect(T.Identifier);
      // Chevrotain tries the argument list first, so `(` always opens one.
      if (this.type(0) === T.LParen) n.infixArgs = this.callArgs();
      else n.infixOperand = this.primary();
    }
    n.end = this.lastEnd;
    return n;
  }

  private primary(): S.PrimarySyntax {
    const t = this.tokens[this.pos];
    if (t === undefined) throw GIVE_UP;
    const start = t.startOffset;
    // The commonest primaries, one token each, built in one step.
    switch (t.tokenType) {
      case T.NumberLiteral:
        this.pos++;
        return { start, end: start + t.image.length, rule: "primary", number: t };
      case T.Identifier:
        if (this.type(1) !== T.LParen && !this.literalOperandAfterName()) {
          this.pos++;
          return { start, end: start + t.image.length, rule: "primary", name: t };
        }
    }
    const n: S.PrimarySyntax = { start, end: -1, rule: "primary" };
    switch (t.tokenType) {
      case T.StringLiteral: case T.TripleString: n.string = this.stringLit(); break;
      case T.RegexLiteral: n.regex = t; this.pos++; break;
      case T.True: n.true = t; this.pos++; break;
      case T.False: n.false = t; this.pos++; break;
      case T.LBracket: n.list = this.listLit(); break;
      case T.Identifier:
        n.name = t;
        this.pos++;
        if (this.type(0) === T.LParen) n.args = this.callArgs();
        else n.operand = this.literal();
        break;
      case T.LParen:
        this.pos++;
        n.inner = this.expression();
        this.expect(T.RParen);
        break;
      default:
        throw GIVE_UP;
    }
    n.end = this.lastEnd;
    return n;
  }

  /** `literalOperandAhead` for the name that is the current token: a literal right after it, on its line. */
  private literalOperandAfterName(): boolean {
    const next = this.type(1);
    return (isString(next) || next === T.RegexLiteral || next === T.LBracket) && !this.lineBreakAfter(this.pos);
  }

  private literal(): S.LiteralSyntax {
    const n: S.LiteralSyntax = { start: this.startOffset, end: -1 };
    const type = this.type(0);
    if (isString(type)) n.string = this.stringLit();
    else if (type === T.RegexLiteral) n.regex = this.expect(T.RegexLiteral);
    else n.list = this.listLit();
    n.end = this.lastEnd;
    return n;
  }

  private callArgs(): S.CallArgsSyntax {
    const n: S.CallArgsSyntax = { start: this.startOffset, end: -1, args: [] };
    this.pos++;
    if (EXPRESSION_START.has(this.type(0)!)) {
      n.args.push(this.argument());
      while (this.type(0) === T.Comma) {
        this.pos++;
        n.args.push(this.argument());
      }
    }
    this.expect(T.RParen);
    n.end = this.lastEnd;
    return n;
  }

  private argument(): S.ArgumentSyntax {
    const n: S.ArgumentSyntax = { start: this.startOffset, end: -1 };
    if (this.type(0) === T.Identifier && this.type(1) === T.Colon) {
      n.name = this.expect(T.Identifier);
      this.pos++;
    }
    n.value = this.expression();
    n.end = this.lastEnd;
    return n;
  }

  /** `[a, b]` with an optional trailing comma: a comma continues the list only before an expression. */
  private listLit(): S.ListSyntax {
    const n: S.ListSyntax = { start: this.startOffset, end: -1, items: [] };
    this.pos++;
    if (EXPRESSION_START.has(this.type(0)!)) {
      n.items.push(this.expression());
      while (this.type(0) === T.Comma && EXPRESSION_START.has(this.type(1)!)) {
        this.pos++;
        n.items.push(this.expression());
      }
      if (this.type(0) === T.Comma) this.pos++;
    }
    this.expect(T.RBracket);
    n.end = this.lastEnd;
    return n;
  }
}

/**
 * The parse tree of `tokens` (the fast or chevrotain lexer's, of `text`), or undefined
 * where the input has a syntax error or anything else chevrotain must decide.
 */
export function fastParse(tokens: readonly IToken[], text: string): S.FileSyntax | undefined {
  try {
    return new FastParser(tokens, text).file();
  } catch (err) {
    // A give-up, or a stack overflow on input deeper than expected: chevrotain decides either way.
    if (err === GIVE_UP || err instanceof RangeError) return undefined;
    throw err;
  }
}
