/**
 * fast-check arbitraries for random, valid contract ASTs, and a plain source writer
 * for them that is independent of the formatter.
 *
 * The generated trees are exactly what src/language/ast-builder.ts would build from
 * their source (parentheses that precedence needs are explicit `Paren` nodes, infix
 * operands are primaries, string parts match their values, ...), so
 * `parse(writeSource(ast))` must give back `ast` (ranges aside). `writeSource` lays the
 * tokens out messily: random spaces, line breaks and comments between tokens, wherever
 * the grammar allows them.
 */
import fc from "fast-check";
import { KEYWORDS } from "../../grammar/tokens.js";
import type * as A from "../../src/language/ast.js";
import type { Range } from "../../src/language/diagnostics/types.js";

const R: Range = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

// ---- names ----------------------------------------------------------------------------------

const KEYWORD_SET = new Set(KEYWORDS);

/** Identifiers, biased towards names that start like keywords (`tasks`, `in_x`). */
export const identifierName: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,6}$/) },
    {
      weight: 2,
      arbitrary: fc.constantFrom("tasks", "in_", "notes", "android", "order", "checked", "judged", "used", "truey", "falsey", "words", "first_line", "starts_with", "contains_any", "min_kept", "layout", "pinnedx", "replays"),
    },
  )
  .filter((n) => !KEYWORD_SET.has(n));

export const identifier: fc.Arbitrary<A.Identifier> = identifierName.map((name) => ({ kind: "Identifier", name, range: R }));

// ---- literals -------------------------------------------------------------------------------

const numberRaw = fc.oneof(
  fc.nat({ max: 100000 }).map(String),
  fc.constantFrom("0", "007", "3.14", "1e3", "2.5E-2", "10e+2", "0.5", "12"),
);

export const numberLiteral: fc.Arbitrary<A.NumberLiteral> = numberRaw.map((raw) => ({ kind: "Number", value: Number(raw), raw, range: R }));

/** Pieces of string text, heavy on the characters that need escaping. */
const textPiece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("a", "b", "Z", " ", "word", "x y", "7", ".", "-", ":") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '"', '""', '"""', "\\", "\\n", "{", "}", "{{", "}}", "{{x}}", "{{ y }}", "{{a b}}", "\n", "\n\n", "  ", "\t", "\r",
      "\n  ", " \n", "é", "日本", "😀", "\u2028", "\u0001", "\u007f", "\ufeff", "\ud800", "\udc00", "/*", "*/", "//",
    ),
  },
);

const interpolationWs = fc.constantFrom("", "", " ", "  ", "\t", "\n");

type Segment = { readonly kind: "text"; readonly value: string } | { readonly kind: "interpolation"; readonly name: string; readonly pre: string; readonly post: string };

const segment: fc.Arbitrary<Segment> = fc.oneof(
  { weight: 3, arbitrary: fc.array(textPiece, { maxLength: 6 }).map((a): Segment => ({ kind: "text", value: a.join("") })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ name: fc.oneof(identifierName, fc.constantFrom("task", "x", "max_words")), pre: interpolationWs, post: interpolationWs })
      .map((r): Segment => ({ kind: "interpolation", ...r })),
  },
);

function stringFromSegments(segments: readonly Segment[], triple: boolean): A.StringLiteral {
  let value = "";
  const parts: A.StringPart[] = [];
  for (const s of segments) {
    if (s.kind === "text") {
      value += s.value;
      if (s.value === "") continue;
      const last = parts[parts.length - 1];
      if (last?.kind === "text") parts[parts.length - 1] = { kind: "text", value: last.value + s.value };
      else parts.push({ kind: "text", value: s.value });
    } else {
      value += `{{${s.pre}${s.name}${s.post}}}`;
      parts.push({ kind: "interpolation", name: s.name, range: R });
    }
  }
  if (parts.length === 0) parts.push({ kind: "text", value: "" });
  return { kind: "String", value, triple, parts, range: R };
}

export const stringLiteral: fc.Arbitrary<A.StringLiteral> = fc
  .record({ segments: fc.array(segment, { maxLength: 4 }), triple: fc.boolean() })
  .map(({ segments, triple }) => stringFromSegments(segments, triple));

const regexPiece = fc.constantFrom("a", "b", "Z", "0", " ", "é", "\\d", "\\/", "\\.", "\\\\", "[abc]", "[/]", "[^x]", "[\\]]", ".", "*", "+", "?", "(", ")", "|", "{2}");

export const regexLiteral: fc.Arbitrary<A.RegexLiteral> = fc
  .record({
    first: fc.constantFrom("a", "x", "\\d", "[/]", "(", "é", " "),
    rest: fc.array(regexPiece, { maxLength: 5 }),
    flags: fc.subarray(["g", "i", "m", "s", "u", "y"]),
  })
  .map(({ first, rest, flags }) => ({ kind: "Regex", pattern: first + rest.join(""), flags: flags.join(""), range: R }));

const booleanLiteral: fc.Arbitrary<A.BooleanLiteral> = fc.boolean().map((value) => ({ kind: "Boolean", value, range: R }));

const nameRef: fc.Arbitrary<A.NameRef> = identifier.map((name) => ({ kind: "Name", name, range: R }));

// ---- expressions ------------------------------------------------------------------------------

/** Binding strength as grammar/parser.ts defines it (kept separate from the printer's table). */
export function bindingStrength(e: A.Expression): number {
  switch (e.kind) {
    case "Binary":
      return e.op === "or" ? 1 : e.op === "and" ? 2 : e.op === "+" || e.op === "-" ? 5 : e.op === "*" ? 6 : 4;
    case "Unary":
      return e.op === "not" ? 3 : 7;
    case "InRange":
      return 4;
    case "Call":
      return e.subject === undefined ? 10 : e.style === "infix" ? 8 : 9;
    default:
      return 10;
  }
}

const paren = (inner: A.Expression): A.ParenExpression => ({ kind: "Paren", inner, range: R });
const atLeast = (min: number) => (e: A.Expression): A.Expression => (bindingStrength(e) < min ? paren(e) : e);

const BINARY_OPS: readonly [A.BinaryOperator, number, number][] = [
  ["or", 1, 2],
  ["and", 2, 3],
  ["==", 5, 5],
  ["!=", 5, 5],
  ["<", 5, 5],
  ["<=", 5, 5],
  [">", 5, 5],
  [">=", 5, 5],
  ["+", 5, 6],
  ["-", 5, 6],
  ["*", 6, 7],
];

const exprCache = new Map<number, fc.Arbitrary<A.Expression>>();

/** Expressions nested at most `depth` levels. */
export function expression(depth: number): fc.Arbitrary<A.Expression> {
  const cached = exprCache.get(depth);
  if (cached) return cached;
  const leaves: fc.Arbitrary<A.Expression>[] = [numberLiteral, stringLiteral, booleanLiteral, regexLiteral, nameRef, nameRef];
  if (depth <= 0) {
    const arb = fc.oneof(...leaves);
    exprCache.set(depth, arb);
    return arb;
  }
  const sub = expression(depth - 1);
  const argument: fc.Arbitrary<A.Argument> = fc
    .record({ name: fc.option(identifier, { nil: undefined, freq: 3 }), value: sub })
    .map(({ name, value }) => (name ? { name, value, range: R } : { value, range: R }));
  const args = fc.array(argument, { maxLength: 3 });
  const composite: fc.Arbitrary<A.Expression>[] = [
    fc.array(sub, { maxLength: 3 }).map((items): A.Expression => ({ kind: "List", items, range: R })),
    fc.record({ callee: identifier, args }).map(({ callee, args }): A.Expression => ({ kind: "Call", callee, args, style: "call", parenthesized: true, range: R })),
    fc
      .record({ subject: sub.map(atLeast(9)), callee: identifier, parenthesized: fc.boolean(), args })
      .map(({ subject, callee, parenthesized, args }): A.Expression => ({
        kind: "Call", callee, subject, args: parenthesized ? args : [], style: "method", parenthesized, range: R,
      })),
    fc
      .record({ subject: sub.map(atLeast(9)), callee: identifier, parenthesized: fc.boolean(), args, operand: sub })
      .map(({ subject, callee, parenthesized, args, operand }): A.Expression => {
        // A bare operand must be a primary other than `(...)` (that would read as an argument list).
        const bare = !parenthesized && bindingStrength(operand) >= 10 && operand.kind !== "Paren";
        return bare
          ? { kind: "Call", callee, subject, args: [{ value: operand, range: R }], style: "infix", parenthesized: false, range: R }
          : { kind: "Call", callee, subject, args, style: "infix", parenthesized: true, range: R };
      }),
    // Prefix form `ends_with "x"`: a predicate and a literal operand on its line.
    fc
      .record({
        callee: identifier,
        operand: fc.oneof(stringLiteral, regexLiteral, fc.array(sub, { maxLength: 3 }).map((items): A.Expression => ({ kind: "List", items, range: R }))),
      })
      .map(({ callee, operand }): A.Expression => ({ kind: "Call", callee, args: [{ value: operand, range: R }], style: "infix", parenthesized: false, range: R })),
    sub.map((e): A.Expression => ({ kind: "Unary", op: "not", operand: atLeast(3)(e), range: R })),
    sub.map((e): A.Expression => ({ kind: "Unary", op: "-", operand: atLeast(7)(e), range: R })),
    fc
      .record({ op: fc.constantFrom(...BINARY_OPS), left: sub, right: sub })
      .map(({ op: [op, l, r], left, right }): A.Expression => ({ kind: "Binary", op, left: atLeast(l)(left), right: atLeast(r)(right), range: R })),
    fc
      .record({ op: fc.constantFrom<A.LogicalOperator>("and", "or"), left: sub, right: sub })
      .map(({ op, left, right }): A.Expression => ({
        kind: "Binary", op, left: atLeast(op === "or" ? 1 : 2)(left), right: atLeast(op === "or" ? 2 : 3)(right), range: R,
      })),
    fc
      .record({ subject: sub, low: sub, high: sub })
      .map(({ subject, low, high }): A.Expression => ({ kind: "InRange", subject: atLeast(5)(subject), low: atLeast(5)(low), high: atLeast(5)(high), range: R })),
    sub.map((e): A.Expression => paren(e)),
  ];
  const arb = fc.oneof(
    ...leaves.map((arbitrary) => ({ weight: 2, arbitrary })),
    ...composite.map((arbitrary) => ({ weight: 3, arbitrary })),
  );
  exprCache.set(depth, arb);
  return arb;
}

// ---- members and declarations -------------------------------------------------------------------

const docLine = fc
  .array(fc.constantFrom("a", "b", " ", "  ", "Doc", "x.", "/", "*", "*/", "\"", "{{x}}", "é", "😀", "\t", "`code`"), { maxLength: 6 })
  .map((a) => a.join("").replace(/\s+$/, ""));

export const docText: fc.Arbitrary<string> = fc.array(docLine, { minLength: 1, maxLength: 3 }).map((l) => l.join("\n"));

const optionalDoc = fc.option(docText, { nil: undefined, freq: 3 });

function withDoc<T extends object>(node: T, doc: string | undefined): T {
  return doc === undefined ? node : { ...node, doc };
}

const inputDecl: fc.Arbitrary<A.InputDecl> = fc
  .record({
    doc: optionalDoc,
    name: identifier,
    type: fc.oneof(fc.constantFrom("text", "int", "number", "bool").map((name): A.Identifier => ({ kind: "Identifier", name, range: R })), identifier),
    isList: fc.boolean(),
    default: fc.option(expression(2), { nil: undefined }),
  })
  .map(({ doc, name, type, isList, default: def }) =>
    withDoc<A.InputDecl>({ kind: "Input", name, type, isList, range: R, ...(def ? { default: def } : {}) }, doc),
  );

const promptDecl: fc.Arbitrary<A.PromptDecl> = stringLiteral.map((text) => ({ kind: "Prompt", text, range: R }));

const constraintDecl: fc.Arbitrary<A.ConstraintDecl> = fc
  .record({
    doc: optionalDoc,
    pinned: fc.boolean(),
    role: fc.constantFrom<A.Role>("task", "quality", "safety"),
    id: identifier,
    clause: fc.option(stringLiteral, { nil: undefined, freq: 4 }),
    body: fc.oneof(
      { weight: 3, arbitrary: expression(3).map((expression): A.CheckBody => ({ kind: "Check", expression, range: R })) },
      { weight: 1, arbitrary: stringLiteral.map((rubric): A.JudgeBody => ({ kind: "Judge", rubric, range: R })) },
    ),
  })
  .map(({ doc, pinned, role, id, clause, body }) =>
    withDoc<A.ConstraintDecl>({ kind: "Constraint", pinned, role, roleRange: R, id, body, range: R, ...(clause ? { clause } : {}) }, doc),
  );

const qualifiedName: fc.Arbitrary<A.QualifiedName> = fc
  .record({ qualifier: fc.option(identifier, { nil: undefined }), name: identifier })
  .map(({ qualifier, name }) => (qualifier ? { qualifier, name, range: R } : { name, range: R }));

const useDecl: fc.Arbitrary<A.UseDecl> = fc.array(qualifiedName, { minLength: 1, maxLength: 4 }).map((names) => ({ kind: "Use", names, range: R }));

const requiresDecl: fc.Arbitrary<A.RequiresDecl> = fc
  .record({ subject: identifier, targets: fc.array(identifier, { minLength: 1, maxLength: 3 }) })
  .map(({ subject, targets }) => ({ kind: "Requires", subject, targets, range: R }));

const coupleDecl: fc.Arbitrary<A.CoupleDecl> = fc.array(identifier, { minLength: 1, maxLength: 3 }).map((members) => ({ kind: "Couple", members, range: R }));

const replayDecl: fc.Arbitrary<A.ReplayDecl> = fc
  .array(fc.record({ name: identifier, value: fc.oneof(numberLiteral, identifier) }).map(({ name, value }): A.ReplaySetting => ({ name, value, range: R })), { maxLength: 3 })
  .map((settings) => ({ kind: "Replay", settings, range: R }));

export const member: fc.Arbitrary<A.Member> = fc.oneof(
  { weight: 2, arbitrary: inputDecl },
  { weight: 1, arbitrary: promptDecl },
  { weight: 5, arbitrary: constraintDecl },
  { weight: 1, arbitrary: useDecl },
  { weight: 1, arbitrary: requiresDecl },
  { weight: 1, arbitrary: coupleDecl },
  { weight: 1, arbitrary: replayDecl },
);

const block = (kind: "Contract" | "ConstraintSet") =>
  fc
    .record({ doc: optionalDoc, name: identifier, members: fc.array(member, { maxLength: 6 }) })
    .map(({ doc, name, members }) => withDoc({ kind, name, members, range: R } as A.ContractDecl | A.ConstraintSetDecl, doc));

export const declaration: fc.Arbitrary<A.Declaration> = fc.oneof(
  { weight: 1, arbitrary: stringLiteral.map((path): A.ImportDecl => ({ kind: "Import", path, range: R })) },
  { weight: 3, arbitrary: block("Contract") },
  { weight: 1, arbitrary: block("ConstraintSet") },
);

export const sourceFile: fc.Arbitrary<A.SourceFile> = fc
  .array(declaration, { maxLength: 4 })
  .map((declarations) => ({ kind: "File", path: "gen.contract", text: "", declarations, comments: [], range: R }));

// ---- a plain source writer ------------------------------------------------------------------------

/** Random layout decisions: a stream of numbers read in turn. */
export class Layout {
  private i = 0;
  private comment = 0;
  constructor(
    private readonly seq: readonly number[],
    /** How often (out of 10) a gap holds a comment. */
    private readonly commentRate = 2,
  ) {}

  private pick(n: number): number {
    if (this.seq.length === 0) return 0;
    const v = this.seq[this.i % this.seq.length] as number;
    this.i++;
    return v % n;
  }

  private nextComment(kind: "line" | "doc" | "block" | "multi"): string {
    const n = ++this.comment;
    if (kind === "line") return `// c${n} note`;
    // Inside a member a `///` comment documents nothing: it stays an ordinary comment.
    if (kind === "doc") return `/// d${n} stray`;
    if (kind === "block") return `/* b${n} */`;
    return `/* m${n}\n     continued */`;
  }

  private withComment(): boolean {
    return this.pick(10) < this.commentRate;
  }

  /** Between two tokens that may be on different lines. */
  any(): string {
    if (this.withComment()) {
      switch (this.pick(6)) {
        case 4:
          return ` ${this.nextComment("doc")}\n  `;
        case 5:
          return `\n  ${this.nextComment("doc")}\n  `;
        case 0:
          return ` ${this.nextComment("line")}\n  `;
        case 1:
          return ` ${this.nextComment("block")} `;
        case 2:
          return `\n${this.nextComment("multi")}\n`;
        default:
          return `\n    ${this.nextComment("line")}\n  `;
      }
    }
    return [" ", " ", " ", "  ", "\n  ", "\t", "\n\n"][this.pick(7)] as string;
  }

  /** Between two tokens that must stay on one line (an infix predicate and its subject). */
  sameLine(): string {
    if (this.withComment()) return ` ${this.nextComment("block")} `;
    return [" ", "  ", "\t"][this.pick(3)] as string;
  }

  /**
   * Whitespace only, between a method name and its argument list: a comment there is legal
   * (test/language/regressions.test.ts covers it) but the printer moves it, so print-then-parse
   * comparisons of comment positions would not hold.
   */
  space(): string {
    return [" ", "", "\n  "][this.pick(3)] as string;
  }

  /** Between members and declarations: at least one line break. */
  newline(): string {
    if (this.withComment()) {
      switch (this.pick(4)) {
        case 3:
          // A blank line after a `///` comment: it documents nothing.
          return `\n  ${this.nextComment("doc")}\n\n`;
        case 0:
          return ` ${this.nextComment("line")}\n`;
        case 1:
          return `\n  ${this.nextComment("line")}\n\n`;
        default:
          return `\n${this.nextComment("block")}\n`;
      }
    }
    return ["\n", "\n  ", "\n\n", "\n\n\n    "][this.pick(4)] as string;
  }

  bool(): boolean {
    return this.pick(2) === 0;
  }
}

function encodeChar(ch: string, rawSpace: boolean): string {
  if (/^[A-Za-z0-9_]$/.test(ch)) return ch;
  if (ch === " " && rawSpace) return " ";
  return `\\u{${(ch.codePointAt(0) as number).toString(16)}}`;
}

/**
 * Source for a string: every character other than letters, digits and `_` is a `\u{..}`
 * escape (spaces too in `"""` strings), except the braces of interpolations. `"""`
 * strings are written either on one line or over several lines, indented.
 */
export function writeString(s: A.StringLiteral, layout: Layout): string {
  const multiLine = s.triple && layout.bool();
  const NL = "\u0000NL\u0000";
  let body = "";
  const encodeAll = (text: string) => {
    let out = "";
    for (const ch of text) out += multiLine && ch === "\n" ? NL : encodeChar(ch, !s.triple);
    return out;
  };
  let pos = 0;
  for (const p of s.parts) {
    if (p.kind === "text") {
      body += encodeAll(p.value);
      pos += p.value.length;
    } else {
      const close = s.value.indexOf("}}", pos + 2);
      const inner = s.value.slice(pos + 2, close);
      const start = inner.indexOf(p.name);
      body += `{{${encodeAll(inner.slice(0, start))}${p.name}${encodeAll(inner.slice(start + p.name.length))}}}`;
      pos = close + 2;
    }
  }
  if (!s.triple) return `"${body}"`;
  if (!multiLine) return `"""${body}"""`;
  const indent = "      ";
  const lines = body.split(NL).map((l) => (l === "" ? "" : indent + l));
  return `"""\n${lines.join("\n")}\n    """`;
}

function writeDoc(doc: string | undefined): string {
  if (doc === undefined) return "";
  return doc.split("\n").map((l) => `/// ${l}\n`).join("");
}

export function writeExpression(e: A.Expression, L: Layout): string {
  const g = () => L.any();
  const args = (list: readonly A.Argument[]) =>
    `(${g()}${list.map((a) => (a.name ? `${a.name.name}${g()}:${g()}` : "") + writeExpression(a.value, L)).join(`${g()},${g()}`)}${g()})`;
  switch (e.kind) {
    case "Number":
      return e.raw;
    case "String":
      return writeString(e, L);
    case "Boolean":
      return String(e.value);
    case "Regex":
      return `/${e.pattern}/${e.flags}`;
    case "Name":
      return e.name.name;
    case "List":
      return `[${g()}${e.items.map((i) => writeExpression(i, L)).join(`${g()},${g()}`)}${g()}]`;
    case "Call": {
      if (e.style === "infix" && !e.subject) return `${e.callee.name}${L.sameLine()}${writeExpression((e.args[0] as A.Argument).value, L)}`;
      if (e.style === "call" || !e.subject) return `${e.callee.name}${g()}${args(e.args)}`;
      const subject = writeExpression(e.subject, L);
      if (e.style === "method") return `${subject}${g()}.${g()}${e.callee.name}${e.parenthesized ? L.space() + args(e.args) : ""}`;
      const rest = e.parenthesized ? `${g()}${args(e.args)}` : `${g()}${writeExpression((e.args[0] as A.Argument).value, L)}`;
      return `${subject}${L.sameLine()}${e.callee.name}${rest}`;
    }
    case "Unary":
      return `${e.op}${e.op === "not" ? g() : L.space() || " "}${writeExpression(e.operand, L)}`;
    case "Binary":
      return `${writeExpression(e.left, L)}${g()}${e.op}${g()}${writeExpression(e.right, L)}`;
    case "InRange":
      return `${writeExpression(e.subject, L)}${g()}in${g()}${writeExpression(e.low, L)}${g()}..${g()}${writeExpression(e.high, L)}`;
    case "Paren":
      return `(${g()}${writeExpression(e.inner, L)}${g()})`;
    case "Error":
      throw new Error("cannot write an error node");
  }
}

export function writeMember(m: A.Member, L: Layout): string {
  const g = () => L.any();
  const list = (ids: readonly string[]) => ids.join(`${g()},${g()}`);
  switch (m.kind) {
    case "Input":
      return (
        `${writeDoc(m.doc)}input${g()}${m.name.name}${g()}:${g()}${m.type.name}` +
        (m.isList ? `${g()}[${g()}]` : "") +
        (m.default ? `${g()}=${g()}${writeExpression(m.default, L)}` : "")
      );
    case "Prompt":
      return `prompt${g()}${writeString(m.text, L)}`;
    case "Constraint": {
      const body = m.body?.kind === "Check" ? `check${g()}${writeExpression(m.body.expression, L)}` : m.body ? `judge${g()}${writeString(m.body.rubric, L)}` : "";
      return `${writeDoc(m.doc)}${m.pinned ? `pinned${g()}` : ""}${m.role}${g()}${m.id.name}${m.clause ? g() + writeString(m.clause, L) : ""}${g()}${body}`;
    }
    case "Use":
      return `use${g()}${list(m.names.map((q) => (q.qualifier ? `${q.qualifier.name}${g()}.${g()}${q.name.name}` : q.name.name)))}`;
    case "Requires":
      return `${m.subject.name}${g()}requires${g()}${list(m.targets.map((t) => t.name))}`;
    case "Couple":
      return `couple${g()}${list(m.members.map((t) => t.name))}`;
    case "Replay":
      return `replay${g()}{${g()}${m.settings.map((s) => `${s.name.name}${g()}${s.value.kind === "Number" ? s.value.raw : s.value.name}`).join(g())}${g()}}`;
  }
}

export function writeDeclaration(d: A.Declaration, L: Layout): string {
  if (d.kind === "Import") return `import${L.any()}${writeString(d.path, L)}`;
  const head = `${writeDoc(d.doc)}${d.kind === "Contract" ? "contract" : "constraints"}${L.any()}${d.name.name}${L.any()}{`;
  return `${head}${d.members.map((m) => L.newline() + writeMember(m, L)).join("")}${L.newline()}}`;
}

/** Source text for `file`, laid out by `layout` (messy, with comments). */
export function writeSource(file: A.SourceFile, layout: Layout): string {
  return `${file.declarations.map((d) => layout.newline() + writeDeclaration(d, layout)).join("")}\n`;
}

/** An AST plus a messy source for it. */
export const sourceCase: fc.Arbitrary<{ ast: A.SourceFile; text: string }> = fc
  .record({ ast: sourceFile, seq: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 64 }), commentRate: fc.integer({ min: 0, max: 4 }) })
  .map(({ ast, seq, commentRate }) => ({ ast, text: writeSource(ast, new Layout(seq, commentRate)) }));
