/**
 * Turns the parser's typed parse tree (grammar/syntax.ts) into the AST, and
 * lexer/parser errors into diagnostics. Works on partial trees left by error
 * recovery: every missing piece is tolerated, and never throws.
 */
import type { IRecognitionException, IToken } from "chevrotain";
import { MAX_BRACKET_DEPTH, parseContractText } from "../../grammar/parser.js";
import type * as S from "../../grammar/syntax.js";
import { describeToken } from "../../grammar/messages.js";
import { scanContract, type ScannedText } from "../../grammar/fast-lexer.js";
import * as A from "./ast.js";
import { NodeFactory, type ParseResult } from "./ast-nodes.js";
import { buildDirect } from "./direct-builder.js";
import { CATALOG } from "./diagnostics/catalog.js";
import type { Range } from "./diagnostics/types.js";
import { coverRange } from "./line-index.js";
import { didYouMean } from "./suggest.js";

export type { ParseResult };

const MEMBER_WORDS = ["task", "quality", "safety", "pinned", "input", "prompt", "use", "couple", "replay", "check", "judge"];

function real(t: IToken | undefined): IToken | undefined {
  if (!t || t.isInsertedInRecovery || !Number.isFinite(t.startOffset)) return undefined;
  return t;
}

/**
 * Parses one document into an AST plus every syntax diagnostic. Never throws.
 *
 * Well-formed text is built straight from its tokens (direct-builder.ts); anything the
 * direct builder is not sure of goes through the parse tree, where chevrotain decides
 * errors and recovery. Both give the same result wherever the direct builder answers.
 */
export function parseDocument(text: string, path: string): ParseResult {
  const scan = scanContract(text);
  if (scan !== undefined && scan.nestingTokens <= MAX_BRACKET_DEPTH) {
    const direct = buildDirect(text, path, scan);
    if (direct !== undefined) return direct;
  }
  return new AstBuilder(text, path).build(scan);
}

/** {@link parseDocument} through the parse tree only: what the direct builder is tested against. */
export function parseDocumentViaTree(text: string, path: string): ParseResult {
  return new AstBuilder(text, path).build(scanContract(text));
}

class AstBuilder extends NodeFactory {
  /** Offsets where the parser reported a mistake; members spanning one are suspect. */
  private errorOffsets: number[] = [];

  build(scan: ScannedText | undefined): ParseResult {
    let out;
    try {
      out = parseContractText(this.text, { scanned: scan });
    } catch (err) {
      // Chevrotain should never throw on input; if it does, report instead of crashing.
      this.sink.report(CATALOG.syntaxError, this.idx.range(0, 0), `the parser failed: ${String(err)}`);
      return { file: this.emptyFile([]), diagnostics: this.sink.items };
    }
    if (out.tooDeep) {
      const bracket = out.tooDeep.image === "(" || out.tooDeep.image === "[";
      const what = bracket ? "parentheses and brackets" : "prefix operators (`not`, `-`) and brackets";
      this.sink.report(CATALOG.nestingTooDeep, this.tokRange(out.tooDeep), `${what} nest deeper than ${MAX_BRACKET_DEPTH} levels here`, {
        hint: bracket
          ? "Remove redundant parentheses, or split the check into several constraints."
          : "Remove repeated `not` or `-` (two in a row cancel out), or split the check into several constraints.",
      });
      return { file: this.emptyFile([]), diagnostics: this.sink.items };
    }
    for (const e of out.lexErrors) {
      const ch = this.text.slice(e.offset, e.offset + Math.max(1, e.length));
      this.sink.report(CATALOG.unexpectedCharacter, this.idx.range(e.offset, e.offset + Math.max(1, e.length)),
        `unexpected character ${JSON.stringify(ch.slice(0, 20))}`, { hint: "Remove it, or put it inside a string." });
    }
    this.reportParseErrors(out.parseErrors, new Set(out.lexErrors.map((e) => this.idx.position(e.offset).line)));
    for (const e of out.parseErrors) {
      for (const t of [e.token, (e as { previousToken?: IToken }).previousToken]) {
        const r = real(t);
        if (r) this.errorOffsets.push(r.startOffset);
      }
    }
    const tokens = out.tokens;
    const codeBefore = (c: IToken): boolean => this.codeBefore(c, tokens);
    this.useComments(out.comments, codeBefore);
    const declarations: A.Declaration[] = [];
    for (const child of out.syntax.declarations) {
      const d = this.declaration(child);
      if (d) declarations.push(d);
    }
    return this.finish(declarations, out.comments, codeBefore);
  }

  // ---- errors -------------------------------------------------------------------------

  private reportParseErrors(errors: readonly IRecognitionException[], lexErrorLines: ReadonlySet<number>): void {
    let lastLine = -1;
    for (const e of errors) {
      const tok = real(e.token);
      let range = tok ? this.tokRange(tok) : this.idx.range(this.text.length, this.text.length);
      let hint: string | undefined;
      const ruleStack = e.context?.ruleStack ?? [];
      const prev = real((e as { previousToken?: IToken }).previousToken);
      if (ruleStack[ruleStack.length - 1] === "requiresDecl" && prev && e.message.startsWith("expected a constraint role")) {
        range = this.tokRange(prev);
        const guess = didYouMean(prev.image, MEMBER_WORDS);
        hint = guess ? `Did you mean \`${guess}\`?` : "Start a constraint with its role: `task id \"clause\" check ...`.";
      } else if (prev && tok && this.idx.position(tok.startOffset).line > this.idx.position(prev.startOffset).line) {
        // Something is missing at the end of a line: point there, not at the next line's first token.
        const end = prev.startOffset + prev.image.length;
        range = this.idx.range(end, end);
        if (e.message.startsWith("expected `check` or `judge`")) hint = "Give the constraint a body: `check <condition>` or `judge \"<rubric>\"`.";
      } else if (tok && tok.image === "requires" && ruleStack[ruleStack.length - 1] !== "requiresDecl") {
        // `requires` opening a member: the dependent constraint's id comes first.
        hint = "A dependency names the dependent constraint first: `closing requires mentions` (closing needs mentions).";
      } else if (tok && tok.tokenType.name === "Identifier") {
        const guess = didYouMean(tok.image, MEMBER_WORDS);
        if (guess) hint = `Did you mean \`${guess}\`?`;
      }
      // Recovery can emit several errors for one mistake; keep the first on each line.
      if (range.start.line === lastLine || lexErrorLines.has(range.start.line)) continue;
      lastLine = range.start.line;
      this.sink.report(CATALOG.syntaxError, range, e.message, hint ? { hint } : {});
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** A node's range: from its first real token to the end of its last, or empty at the end of the text when it holds none. */
  private nodeRange(node: S.Span): Range {
    const s = node.start;
    const e = node.end;
    if (!Number.isFinite(s)) return this.idx.range(this.text.length, this.text.length);
    return this.idx.range(s, Number.isFinite(e) ? e : s);
  }

  private ident(t: IToken): A.Identifier {
    return this.identAt(t.image, t.startOffset);
  }

  /** Whether a (non-comment) token ends on `c`'s line before it. `tokens` is in source order. */
  private codeBefore(c: IToken, tokens: readonly IToken[]): boolean {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tokens[mid] as IToken).startOffset < c.startOffset) lo = mid + 1;
      else hi = mid;
    }
    const prev = tokens[lo - 1];
    if (!prev) return false;
    return this.sameLine(prev.startOffset + prev.image.length, c);
  }

  // ---- declarations ------------------------------------------------------------------------

  private declaration(node: S.DeclarationSyntax): A.Declaration | undefined {
    if (node.rule === "importDecl") {
      const path = node.path ? this.stringLit(node.path) : undefined;
      return path ? { kind: "Import", path, range: this.nodeRange(node) } : undefined;
    }
    const nameTok = node.name;
    if (!nameTok) return undefined;
    const range = this.nodeRange(node);
    const doc = this.docFor(range.start.offset);
    const members: A.Member[] = [];
    for (const m of node.members) {
      const member = this.member(m);
      if (member) members.push(member);
    }
    const base = { name: this.ident(nameTok), members, range, ...(doc !== undefined ? { doc } : {}) };
    return node.rule === "contractDecl" ? { kind: "Contract", ...base } : { kind: "ConstraintSet", ...base };
  }

  private member(node: S.MemberSyntax): A.Member | undefined {
    const inner = node.inner;
    if (!inner) return undefined;
    const range = this.nodeRange(inner);
    // Recovery can assemble members out of the debris of a syntax error (`tsk x` read as
    // `tsk requires x`); reporting on those would bury the real error. Constraints stay, so
    // that references to them still resolve.
    const damaged = this.errorOffsets.some((o) => o >= range.start.offset && o < range.end.offset);
    if (damaged && inner.rule !== "constraintDecl") return undefined;
    switch (inner.rule) {
      case "inputDecl": {
        const name = inner.name;
        const typeNode = inner.type;
        const typeTok = typeNode?.name;
        if (!name || !typeTok || !typeNode) return undefined;
        const doc = this.docFor(range.start.offset);
        const defaultExpr = inner.default ? this.expression(inner.default) : undefined;
        return {
          kind: "Input", name: this.ident(name), type: this.ident(typeTok), isList: typeNode.list !== undefined,
          range, ...(doc !== undefined ? { doc } : {}), ...(defaultExpr ? { default: defaultExpr } : {}),
        };
      }
      case "promptDecl": {
        const text = inner.text && this.stringLit(inner.text);
        return text ? { kind: "Prompt", text, range } : undefined;
      }
      case "constraintDecl":
        return this.constraint(inner, range);
      case "useDecl": {
        const names: A.QualifiedName[] = [];
        for (const q of inner.names) {
          const [first, second] = q.parts;
          if (!first) continue;
          names.push(second
            ? { qualifier: this.ident(first), name: this.ident(second), range: this.nodeRange(q) }
            : { name: this.ident(first), range: this.nodeRange(q) });
        }
        return { kind: "Use", names, range };
      }
      case "requiresDecl": {
        if (!inner.subject) return undefined;
        return { kind: "Requires", subject: this.ident(inner.subject), targets: inner.targets.map((t) => this.ident(t)), range };
      }
      case "coupleDecl":
        return { kind: "Couple", members: inner.members.map((t) => this.ident(t)), range };
      case "replayDecl": {
        const settings: A.ReplaySetting[] = [];
        for (const s of inner.settings) {
          if (!s.name) continue;
          if (s.number) settings.push({ name: this.ident(s.name), value: this.number(s.number), range: this.nodeRange(s) });
          else if (s.value) settings.push({ name: this.ident(s.name), value: this.ident(s.value), range: this.nodeRange(s) });
        }
        return { kind: "Replay", settings, range };
      }
    }
  }

  private constraint(node: S.ConstraintSyntax, range: Range): A.ConstraintDecl | undefined {
    const roleTok = node.role;
    const id = node.id;
    if (!roleTok || !id) return undefined;
    const clause = node.clause ? this.stringLit(node.clause) : undefined;
    let body: A.CheckBody | A.JudgeBody | undefined;
    if (node.check && node.expression) {
      const expression = this.expression(node.expression);
      body = { kind: "Check", expression, range: coverRange(this.tokRange(node.check), expression.range) };
    } else if (node.judge && node.rubric) {
      const rubric = this.stringLit(node.rubric);
      if (rubric) body = { kind: "Judge", rubric, range: coverRange(this.tokRange(node.judge), rubric.range) };
    }
    const doc = this.docFor(range.start.offset);
    return {
      kind: "Constraint", pinned: node.pinned !== undefined, role: roleTok.image as A.Role, roleRange: this.tokRange(roleTok),
      id: this.ident(id), range, ...(doc !== undefined ? { doc } : {}), ...(clause ? { clause } : {}), ...(body ? { body } : {}),
    };
  }

  // ---- literals ------------------------------------------------------------------------------

  private stringLit(node: S.StringSyntax): A.StringLiteral | undefined {
    return node.token ? this.stringFromToken(node.token) : undefined;
  }

  private stringFromToken(t: IToken): A.StringLiteral {
    return this.stringAt(t.image, t.startOffset);
  }

  private number(t: IToken): A.NumberLiteral {
    return this.numberAt(t.image, t.startOffset);
  }

  private regex(t: IToken): A.RegexLiteral {
    return this.regexAt(t.image, t.startOffset);
  }

  // ---- expressions ------------------------------------------------------------------------------

  private errorExpr(node: S.Span): A.ErrorExpression {
    return { kind: "Error", range: this.nodeRange(node) };
  }

  /** An expression node of any precedence level (single-operand levels are not in the tree). */
  private expression(node: S.ExpressionSyntax): A.Expression {
    switch (node.rule) {
      case "expression": return this.leftAssoc(node, node.operands.map((n) => this.expression(n)), () => "or");
      case "andExpr": return this.leftAssoc(node, node.operands.map((n) => this.expression(n)), () => "and");
      case "notExpr": return this.not(node);
      case "comparison": return this.comparison(node);
      case "additive": return this.leftAssoc(node, node.operands.map((n) => this.expression(n)), (i) => node.ops[i]?.image as A.BinaryOperator | undefined);
      case "multiplicative": return this.leftAssoc(node, node.operands.map((n) => this.expression(n)), () => "*");
      case "unary": return this.unary(node);
      case "postfix": return this.postfix(node);
      case "primary": return this.primary(node);
    }
  }

  private not(node: S.NotSyntax): A.Expression {
    if (node.not) {
      const operand = node.operand ? this.expression(node.operand) : this.errorExpr(node);
      return { kind: "Unary", op: "not", operand, range: this.nodeRange(node) };
    }
    return node.comparison ? this.expression(node.comparison) : this.errorExpr(node);
  }

  private unary(node: S.UnarySyntax): A.Expression {
    if (node.minus) {
      return { kind: "Unary", op: "-", operand: node.operand ? this.expression(node.operand) : this.errorExpr(node), range: this.nodeRange(node) };
    }
    return node.postfix ? this.expression(node.postfix) : this.errorExpr(node);
  }

  /** Folds operands (already built, left to right) into left-associative binary nodes; an operand without its operator is dropped. */
  private leftAssoc(node: S.Span, operands: A.Expression[], opAt: (i: number) => A.BinaryOperator | undefined): A.Expression {
    let acc = operands[0] ?? this.errorExpr(node);
    for (let i = 1; i < operands.length; i++) {
      const right = operands[i] as A.Expression;
      const op = opAt(i - 1);
      if (!op) continue;
      acc = { kind: "Binary", op, left: acc, right, range: coverRange(acc.range, right.range) };
    }
    return acc;
  }

  private comparison(node: S.ComparisonSyntax): A.Expression {
    const left = node.left ? this.expression(node.left) : this.errorExpr(node);
    if (node.op) {
      const r = node.right ? this.expression(node.right) : this.errorExpr(node);
      return { kind: "Binary", op: node.op.image as A.ComparisonOperator, left, right: r, range: coverRange(left.range, r.range) };
    }
    if (node.in) {
      const low = node.low ? this.expression(node.low) : this.errorExpr(node);
      const high = node.high ? this.expression(node.high) : this.errorExpr(node);
      return { kind: "InRange", subject: left, low, high, range: coverRange(left.range, high.range) };
    }
    return left;
  }

  private postfix(node: S.PostfixSyntax): A.Expression {
    let acc: A.Expression = node.primary ? this.primary(node.primary) : this.errorExpr(node);
    for (const call of node.calls) {
      // Each `.name(args)` is its own node, so the argument list is the one in the same
      // node, whatever comments sit between the name and `(`.
      const m = call.method;
      if (!m) continue;
      const argsNode = call.args;
      const args = argsNode ? this.callArgs(argsNode) : [];
      const end = argsNode ? this.nodeRange(argsNode) : this.tokRange(m);
      acc = { kind: "Call", callee: this.ident(m), subject: acc, args, style: "method", parenthesized: argsNode !== undefined, range: coverRange(acc.range, end) };
    }
    const infix = node.infix;
    if (infix) {
      const argsNode = node.infixArgs;
      const operandNode = node.infixOperand;
      let args: A.Argument[] = [];
      let end = this.tokRange(infix);
      if (argsNode) {
        args = this.callArgs(argsNode);
        end = this.nodeRange(argsNode);
      } else if (operandNode) {
        const value = this.primary(operandNode);
        args = [{ value, range: value.range }];
        end = value.range;
      }
      acc = { kind: "Call", callee: this.ident(infix), subject: acc, args, style: "infix", parenthesized: argsNode !== undefined, range: coverRange(acc.range, end) };
    }
    return acc;
  }

  private primary(node: S.PrimarySyntax): A.Expression {
    const range = this.nodeRange(node);
    if (node.number) return this.number(node.number);
    if (node.string) return this.stringLit(node.string) ?? this.errorExpr(node);
    if (node.regex) return this.regex(node.regex);
    if (node.true) return { kind: "Boolean", value: true, range };
    if (node.false) return { kind: "Boolean", value: false, range };
    if (node.list) return { kind: "List", items: node.list.items.map((e) => this.expression(e)), range };
    const id = node.name;
    if (id) {
      if (node.args) return { kind: "Call", callee: this.ident(id), args: this.callArgs(node.args), style: "call", parenthesized: true, range };
      if (node.operand) {
        // `ends_with "x"`: infix form with the whole response as the implicit subject.
        const value = this.literal(node.operand);
        return { kind: "Call", callee: this.ident(id), args: [{ value, range: value.range }], style: "infix", parenthesized: false, range };
      }
      return { kind: "Name", name: this.ident(id), range };
    }
    if (node.inner) return { kind: "Paren", inner: this.expression(node.inner), range };
    return this.errorExpr(node);
  }

  private literal(node: S.LiteralSyntax): A.Expression {
    if (node.string) return this.stringLit(node.string) ?? this.errorExpr(node);
    if (node.regex) return this.regex(node.regex);
    if (node.list) return { kind: "List", items: node.list.items.map((e) => this.expression(e)), range: this.nodeRange(node.list) };
    return this.errorExpr(node);
  }

  private callArgs(node: S.CallArgsSyntax): A.Argument[] {
    const out: A.Argument[] = [];
    for (const a of node.args) {
      if (!a.value) continue;
      const value = this.expression(a.value);
      out.push({ value, range: this.nodeRange(a), ...(a.name ? { name: this.ident(a.name) } : {}) });
    }
    return out;
  }
}

export { describeToken };
