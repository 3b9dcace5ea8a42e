/** The repository's contract files, and seeded text edits of them, for the parser's differential tests. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";

/** The `.contract` files under `dir`, recursively. */
export function contractFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...contractFiles(path));
    else if (name.endsWith(".contract")) out.push(path);
  }
  return out;
}

/** One to three edits (delete up to 12 characters, insert one of `pieces`) of one of `texts`: the edited text. */
export function editedText(texts: readonly string[], pieces: readonly string[]): fc.Arbitrary<string> {
  return fc.record({
    file: fc.nat({ max: texts.length - 1 }),
    edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 12 }), insert: fc.oneof(fc.constantFrom(...pieces), fc.constant("")) }), { minLength: 1, maxLength: 3 }),
  }).map(({ file, edits }) => {
    let text = texts[file]!;
    for (const e of edits) {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.insert + text.slice(at + e.del);
    }
    return text;
  });
}

/** What {@link generatedContract} draws from. */
export interface ContractVocabulary {
  readonly literals: readonly string[];
  /** What separates members and the parts of infix calls: line breaks and comments decide the parser's gates. */
  readonly gaps: readonly string[];
  /** A constraint's optional clause (`""` for none). */
  readonly clauses: readonly string[];
  /** What precedes a judged constraint (`///` docs). */
  readonly judgeDocs: readonly string[];
  /** What precedes an input, when inputs get docs too. */
  readonly inputDocs?: readonly string[];
  /** What precedes the declaration (an import, a doc). */
  readonly heads: readonly string[];
  /** Method calls with argument lists and infix calls with argument lists too. */
  readonly moreCalls?: boolean;
}

/** A generated contract: every member kind, nested expressions of every operator and call form. */
export function generatedContract(v: ContractVocabulary): fc.Arbitrary<string> {
  const name = fc.constantFrom("x", "words", "first_line", "starts_with", "contains", "a_1", "tasks", "input_x");
  const gap = fc.constantFrom(...v.gaps);
  const literal = fc.constantFrom(...v.literals);
  const { expr } = fc.letrec<{ expr: string; atom: string }>((tie) => ({
    atom: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      name,
      literal,
      tie("expr").map((e) => `(${e})`),
      fc.tuple(name, fc.array(fc.tuple(fc.option(name, { nil: undefined }), tie("expr")), { maxLength: 2 }))
        .map(([f, args]) => `${f}(${args.map(([k, val]) => (k ? `${k}: ${val}` : val)).join(", ")})`),
      fc.tuple(fc.array(tie("expr"), { maxLength: 3 }), fc.boolean()).map(([items, trailing]) => `[${items.join(", ")}${trailing && items.length ? "," : ""}]`),
      v.moreCalls
        ? fc.tuple(tie("atom"), name, fc.boolean()).map(([a, m, call]) => `${a}.${m}${call ? "(1)" : ""}`)
        : fc.tuple(tie("atom"), name).map(([a, m]) => `${a}.${m}`),
      fc.tuple(name, gap, fc.constantFrom('"x"', '"""y"""', "/y/", "[1]")).map(([f, g, l]) => `${f}${g}${l}`),
      fc.tuple(tie("atom"), gap, name, tie("atom")).map(([a, g, p, b]) => `${a}${g}${p} ${b}`),
      ...(v.moreCalls ? [fc.tuple(tie("atom"), name).map(([a, p]) => `${a} ${p}(2)`)] : []),
    ),
    expr: fc.oneof(
      { depthSize: "small" },
      tie("atom"),
      fc.tuple(tie("expr"), fc.constantFrom("and", "or", "+", "-", "*", "==", "!=", "<", "<=", ">", ">=", "\n  and"), tie("expr")).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(fc.constantFrom("not ", "-", "not not ", "- -"), tie("atom")).map(([op, a]) => `${op}${a}`),
      fc.tuple(tie("atom"), tie("atom"), tie("atom")).map(([a, lo, hi]) => `${a} in ${lo}..${hi}`),
    ),
  }));
  const types = fc.constantFrom("text", "text[]", "number");
  const input = v.inputDocs
    ? fc.tuple(name, types, fc.option(expr, { nil: undefined }), fc.constantFrom(...v.inputDocs)).map(([n, t, d, doc]) => `${doc}input ${n}: ${t}${d ? ` = ${d}` : ""}`)
    : fc.tuple(name, types, fc.option(expr, { nil: undefined })).map(([n, t, d]) => `input ${n}: ${t}${d ? ` = ${d}` : ""}`);
  const member = fc.oneof(
    fc.tuple(fc.constantFrom("task", "quality", "safety", "pinned task"), name, fc.constantFrom(...v.clauses), expr).map(([r, id, c, e]) => `${r} ${id}${c} check ${e}`),
    fc.tuple(name, fc.constantFrom(...v.judgeDocs)).map(([id, doc]) => `${doc}quality ${id} judge "rubric"`),
    input,
    fc.constantFrom('prompt "Answer {{q}}."', 'prompt """multi\nline"""', "use Base, Base.a", "b requires a, c", "couple a, b", "replay { budget 3 mode strict }", "// note", "/* block\n */"),
  );
  return fc.tuple(fc.constantFrom("contract", "constraints"), fc.array(member, { maxLength: 6 }), fc.constantFrom(...v.heads))
    .chain(([kw, members, head]) => fc.array(gap, { minLength: members.length, maxLength: members.length })
      .map((gaps) => `${head}${kw} C {\n  ${members.map((m, i) => `${m}${gaps[i]}`).join("")}\n}\n`));
}
