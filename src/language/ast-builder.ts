/**
 * Turns the parser's typed parse tree (grammar/syntax.ts) into the AST, and
 * lexer/parser errors into diagnostics. Works on partial trees left by error
 * recovery: every missing piece is tolerated, and never throws.
 */
import { MAX_EXPRESSION_DEPTH, limitExpressionDepth } from "./nesting.js";
import type { IRecognitionException, IToken } from "chevrotain";
import { MAX_BRACKET_DEPTH, parseContractText } from "../../grammar/parser.js";
import type * as S from "../../grammar/syntax.js";
import { describeToken } from "../../grammar/messages.js";
import * as A from "./ast.js";
import { CATALOG } from "./diagnostics/catalog.js";
import { DiagnosticSink } from "./diagnostics/builder.js";
import type { Diagnostic, Range } from "./diagnostics/types.js";
import { LineIndex, SharedRanges, coverRange } from "./line-index.js";
import { decodeString, plainStringValue, splitInterpolations } from "./strings.js";
import { didYouMean } from "./suggest.js";

export interface ParseResult {
  readonly file: A.SourceFile;
  readonly diagnostics: readonly Diagnostic[];
}

const MEMBER_WORDS = ["task", "quality", "safety", "pinned", "input", "prompt", "use", "couple", "replay", "check", "judge"];

function real(t: IToken | undefined): IToken | undefined {
  if (!t || t.isInsertedInRecovery || !Number.isFinite(t.startOffset)) return undefined;
  return t;
}

/** Parses one document into an AST plus every syntax diagnostic. Never throws. */
export function parseDocument(text: string, path: string): ParseResult {
  return new AstBuilder(text, path).build();
}

class AstBuilder {
  private readonly idx: SharedRanges;
  private readonly sink: DiagnosticSink;
  private docComments: IToken[] = [];
  /** The `///` comments with nothing but whitespace before them on their line. */
  private ownLineDocs = new Set<IToken>();
  private readonly consumedDocs = new Set<IToken>();
  /** Offsets where the parser reported a mistake; members spanning one are suspect. */
  private errorOffsets: number[] = [];

  constructor(
    private readonly text: string,
    private readonly path: string,
  ) {
    this.idx = new SharedRanges(LineIndex.of(text));
    this.sink = new DiagnosticSink(path);
  }

  build(): ParseResult {
    let out;
    try {
      out = parseContractText(this.text);
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
    this.docComments = out.comments.filter((c) => c.image.startsWith("///") && !c.image.startsWith("////"));
    // Only a `///` comment on its own line can document the node below it; one after code
    // (`task a "x" check words < 5 /// note`) is an ordinary trailing comment.
    this.ownLineDocs = new Set(this.docComments.filter((c) => !this.codeBefore(c, out.tokens)));
    const declarations: A.Declaration[] = [];
    for (const child of out.syntax.declarations) {
      const d = this.declaration(child);
      if (d) declarations.push(d);
    }
    limitExpressionDepth(declarations, (range) => {
      this.sink.report(CATALOG.nestingTooDeep, range, `this expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep (operators, calls, \`.\` accesses and parentheses each add one)`, {
        hint: "Split the check into several constraints, or use a built-in that takes a list (`contains_all`, `contains_any`).",
      });
    });
    const comments: A.Comment[] = [];
    const docs = new Set(this.docComments);
    for (const c of out.comments) {
      if (this.consumedDocs.has(c)) continue;
      const kind: A.Comment["kind"] = c.image.startsWith("/*") ? "block" : docs.has(c) ? "doc" : "line";
      if (kind === "block" && !c.image.endsWith("*/") || (kind === "block" && c.image.length < 4)) {
        this.sink.report(CATALOG.syntaxError, this.tokRange(c), "this block comment is never closed", { hint: "Close it with `*/`." });
      }
      // Trailing means code before it on its line; other comments there do not count
      // (in `/* a */ // b` alone on a line, neither comment is trailing).
      comments.push({ text: c.image.replace(/\r$/, ""), range: this.tokRange(c), kind, trailing: this.codeBefore(c, out.tokens) });
    }
    // A broken literal (string, regex, number) explains the parser errors that follow it on its line.
    const literalLines = new Set(this.sink.items.filter((d) => d.code !== CATALOG.syntaxError.code && d.code < "HIR2").map((d) => d.range.start.line));
    const diagnostics = this.sink.items.filter((d) => d.code !== CATALOG.syntaxError.code || !literalLines.has(d.range.start.line));
    return { file: this.emptyFile(declarations, comments), diagnostics };
  }

  private emptyFile(declarations: A.Declaration[], comments: A.Comment[] = []): A.SourceFile {
    return { kind: "File", path: this.path, text: this.text, declarations, comments, range: this.idx.range(0, this.text.length) };
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

  private tokRange(t: IToken): Range {
    return this.idx.range(t.startOffset, t.startOffset + t.image.length);
  }

  /** A node's range: from its first real token to the end of its last, or empty at the end of the text when it holds none. */
  private nodeRange(node: S.Span): Range {
    const s = node.start;
    const e = node.end;
    if (!Number.isFinite(s)) return this.idx.range(this.text.length, this.text.length);
    return this.idx.range(s, Number.isFinite(e) ? e : s);
  }

  private ident(t: IToken): A.Identifier {
    return { kind: "Identifier", name: t.image, range: this.tokRange(t) };
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
    const prevEnd = prev.startOffset + prev.image.length;
    return this.idx.position(prevEnd).line === this.idx.position(c.startOffset).line;
  }

  private docFor(start: number): string | undefined {
    const lines: IToken[] = [];
    let cursor = start;
    for (let i = this.docComments.length - 1; i >= 0; i--) {
      const c = this.docComments[i] as IToken;
      if (c.startOffset >= cursor) continue;
      if (!this.ownLineDocs.has(c)) break;
      const between = this.text.slice(c.startOffset + c.image.length, cursor);
      if (between.trim() !== "" || (between.match(/\n/g)?.length ?? 0) > 1) break;
      lines.unshift(c);
      cursor = c.startOffset;
    }
    if (lines.length === 0) return undefined;
    for (const l of lines) this.consumedDocs.add(l);
    return lines.map((l) => l.image.slice(3).replace(/^ /, "").replace(/\s+$/, "")).join("\n");
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
    const plain = plainStringValue(t.image);
    if (plain !== undefined) {
      // Most literals: the per-character decoding below would give exactly this.
      return { kind: "String", value: plain, triple: false, range: this.tokRange(t), parts: [{ kind: "text", value: plain }] };
    }
    const decoded = decodeString(t.image, t.startOffset);
    for (const p of decoded.problems) {
      if (p.kind === "unterminated") {
        this.sink.report(CATALOG.unterminatedString, this.idx.range(p.start, p.end),
          t.image.startsWith('"""') ? "this triple-quoted string is never closed" : "this string is not closed before the end of the line",
          { hint: t.image.startsWith('"""') ? "Close it with `\"\"\"`." : "Close it with `\"` on the same line, or use `\"\"\"` for text that spans lines." });
      } else {
        this.sink.report(CATALOG.invalidEscape, this.idx.range(p.start, p.end), `unknown escape sequence \`${p.detail}\``,
          { hint: "Write `\\\\` for a backslash; other escapes are \\\", \\n, \\t, \\r, \\{, \\} and \\u{XXXX}." });
      }
    }
    const end = t.startOffset + t.image.length;
    const value = decoded.chars.map((c) => c.ch).join("");
    return {
      kind: "String", value, triple: t.image.startsWith('"""'), range: this.tokRange(t),
      parts: splitInterpolations(decoded.chars, end, (s, e) => this.idx.range(s, e)),
    };
  }

  private number(t: IToken): A.NumberLiteral {
    const value = Number(t.image);
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value) && !/[.eE]/.test(t.image))) {
      this.sink.report(CATALOG.invalidNumber, this.tokRange(t), `the number ${t.image} is too large`);
    }
    return { kind: "Number", value: Number.isFinite(value) ? value : 0, raw: t.image, range: this.tokRange(t) };
  }

  private regex(t: IToken): A.RegexLiteral {
    const m = /^\/((?:[^/\\[\n\r]|\\.|\[(?:[^\]\\\n\r]|\\.)*\])*)\/([A-Za-z]*)$/.exec(t.image);
    if (!m) {
      this.sink.report(CATALOG.unterminatedRegex, this.tokRange(t), "this regular expression is not closed", { hint: "End the pattern with `/` on the same line." });
      return { kind: "Regex", pattern: t.image.slice(1), flags: "", range: this.tokRange(t) };
    }
    return { kind: "Regex", pattern: m[1] as string, flags: m[2] as string, range: this.tokRange(t) };
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
