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
    const prev = this.tokens[this.pos - 1]!;
    const end = this.tokens[this.pos]!.startOffset;
    for (let i = prev.startOffset + prev.image.length; i < end; i++) {
      const c = this.text.charCodeAt(i);
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
    const n: S.MemberSyntax = { start: this.startOffset, end: -1 };
    n.inner = this.memberBody();
    n.end = this.lastEnd;
    return n;
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

  private constraintDecl(): S.ConstraintSyntax {
    const n: S.ConstraintSyntax = { start: this.startOffset, end: -1, rule: "constraintDecl" };
    if (this.type(0) === T.Pinned) n.pinned = this.expect(T.Pinned);
    const role = this.type(0);
    if (role !== T.Task && role !== T.Quality && role !== T.Safety) throw GIVE_UP;
    n.role = this.tokens[this.pos++]!;
    n.id = this.expect(T.Identifier);
    if (isString(this.type(0))) n.clause = this.stringLit();
    const body = this.type(0);
    if (body === T.Check) {
      n.check = this.expect(T.Check);
      n.expression = this.expression();
    } else if (body === T.Judge) {
      n.judge = this.expect(T.Judge);
      n.rubric = this.stringLit();
    } else throw GIVE_UP;
    n.end = this.lastEnd;
    return n;
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
    const n: S.RequiresSyntax = { start: this.startOffset, end: -1, rule: "requiresDecl", targets: [] };
    n.subject = this.expect(T.Identifier);
    this.expect(T.Requires);
    this.identifierList(n.targets);
    n.end = this.lastEnd;
    return n;
  }

  private coupleDecl(): S.CoupleSyntax {
    const n: S.CoupleSyntax = { start: this.startOffset, end: -1, rule: "coupleDecl", members: [] };
    this.pos++;
    this.identifierList(n.members);
    n.end = this.lastEnd;
    return n;
  }

  /** `a, b, c` (AT_LEAST_ONE_SEP of identifiers). */
  private identifierList(into: IToken[]): void {
    into.push(this.expect(T.Identifier));
    while (this.type(0) === T.Comma) {
      this.pos++;
      into.push(this.expect(T.Identifier));
    }
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

  private expression(): S.OrSyntax {
    const n: S.OrSyntax = { start: this.startOffset, end: -1, rule: "expression", operands: [] };
    n.operands.push(this.andExpr());
    while (this.type(0) === T.Or) {
      this.pos++;
      n.operands.push(this.andExpr());
    }
    n.end = this.lastEnd;
    return n;
  }

  private andExpr(): S.AndSyntax {
    const n: S.AndSyntax = { start: this.startOffset, end: -1, operands: [] };
    n.operands.push(this.notExpr());
    while (this.type(0) === T.And) {
      this.pos++;
      n.operands.push(this.notExpr());
    }
    n.end = this.lastEnd;
    return n;
  }

  private notExpr(): S.NotSyntax {
    const n: S.NotSyntax = { start: this.startOffset, end: -1 };
    if (this.type(0) === T.Not) {
      n.not = this.expect(T.Not);
      n.operand = this.notExpr();
    } else n.comparison = this.comparison();
    n.end = this.lastEnd;
    return n;
  }

  private comparison(): S.ComparisonSyntax {
    const n: S.ComparisonSyntax = { start: this.startOffset, end: -1 };
    n.left = this.additive();
    const next = this.type(0);
    if (next !== undefined && COMPARISON_OPS.has(next)) {
      n.op = this.tokens[this.pos++]!;
      n.right = this.additive();
    } else if (next === T.In) {
      n.in = this.expect(T.In);
      n.low = this.additive();
      this.expect(T.DotDot);
      n.high = this.additive();
    }
    n.end = this.lastEnd;
    return n;
  }

  private additive(): S.AdditiveSyntax {
    const n: S.AdditiveSyntax = { start: this.startOffset, end: -1, operands: [], ops: [] };
    n.operands.push(this.multiplicative());
    for (let op = this.type(0); op === T.Plus || op === T.Minus; op = this.type(0)) {
      n.ops.push(this.tokens[this.pos++]!);
      n.operands.push(this.multiplicative());
    }
    n.end = this.lastEnd;
    return n;
  }

  private multiplicative(): S.MultiplicativeSyntax {
    const n: S.MultiplicativeSyntax = { start: this.startOffset, end: -1, operands: [] };
    n.operands.push(this.unary());
    while (this.type(0) === T.Star) {
      this.pos++;
      n.operands.push(this.unary());
    }
    n.end = this.lastEnd;
    return n;
  }

  private unary(): S.UnarySyntax {
    const n: S.UnarySyntax = { start: this.startOffset, end: -1 };
    if (this.type(0) === T.Minus) {
      n.minus = this.expect(T.Minus);
      n.operand = this.unary();
    } else n.postfix = this.postfix();
    n.end = this.lastEnd;
    return n;
  }

  private postfix(): S.PostfixSyntax {
    const n: S.PostfixSyntax = { start: this.startOffset, end: -1, calls: [] };
    n.primary = this.primary();
    while (this.type(0) === T.Dot) {
      const m: S.MethodCallSyntax = { start: this.startOffset, end: -1 };
      this.pos++;
      m.method = this.expect(T.Identifier);
      if (this.type(0) === T.LParen) m.args = this.callArgs();
      m.end = this.lastEnd;
      n.calls.push(m);
    }
    // `infixPredicateAhead`: a name on the subject's line, not starting `a requires b`.
    if (this.type(0) === T.Identifier && this.type(1) !== T.Requires && !this.lineBreakBeforeNext()) {
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
    const n: S.PrimarySyntax = { start: t.startOffset, end: -1 };
    switch (t.tokenType) {
      case T.NumberLiteral: n.number = t; this.pos++; break;
      case T.StringLiteral: case T.TripleString: n.string = this.stringLit(); break;
      case T.RegexLiteral: n.regex = t; this.pos++; break;
      case T.True: n.true = t; this.pos++; break;
      case T.False: n.false = t; this.pos++; break;
      case T.LBracket: n.list = this.listLit(); break;
      case T.Identifier:
        n.name = t;
        this.pos++;
        if (this.type(0) === T.LParen) n.args = this.callArgs();
        // `literalOperandAhead`: a literal right after a bare name, on its line.
        else if ((isString(this.type(0)) || this.type(0) === T.RegexLiteral || this.type(0) === T.LBracket) && !this.lineBreakBeforeNext()) {
          n.operand = this.literal();
        }
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
