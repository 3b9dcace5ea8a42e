/**
 * Injection-proof code generation: arbitrary strings (quotes, backticks, `${}`, `*​/`,
 * line and paragraph separators, newlines, lone surrogates, bidi controls, any
 * Unicode) in prompts, clauses, rubrics, docs, input defaults, keywords (contains
 * arguments) and regexes (valid RE2), under contract names and constraint ids that
 * are reserved or special in JavaScript. The generated module must type-check with
 * no diagnostics and, imported, hold exactly those strings: its IR constant equals
 * the lowered IR, its rendered prompt equals the interpreter's, and its verifier
 * agrees with the interpreter.
 */
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { CompiledContract } from "../../../src/compiler/ir.js";
import type { Judge } from "../../../src/runtime/judge-interface.js";
import { render } from "../../../src/runtime/render.js";
import { verify, type Verdicts } from "../../../src/runtime/verify.js";
import { REPO_ROOT } from "../../helpers/repo.js";
import { buildFromMemory, firstDifference, importModule, removeDir, scratchDir, typecheck } from "./helpers.js";

// ---- writing arbitrary strings in the contract language ----------------------------------------------------------

/** A one-line string literal of the contract language whose decoded value is exactly `s`. */
function contractString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === '"' || ch === "\\" || ch === "{" || ch === "}") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += s.slice(i, i + 2);
      i++;
    } else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff) || c === 0x85) {
      out += `\\u{${c.toString(16)}}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** Regex source matching the literal text `s` (RE2 syntax, one line, no `/`). */
function regexLiteralText(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (/^[A-Za-z0-9 ]$/.test(ch)) out += ch;
    else if (cp < 0x80 && /^[!-/:-@[-`{-~]$/.test(ch)) out += `\\${ch}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\x{FFFD}";
    else out += `\\x{${cp.toString(16).toUpperCase()}}`;
  }
  return out;
}

const NASTY = [
  '"', "'", "`", "${x}", "${", "*/", "/*", "/**", "//", "\\", "\\u0041", "\n", "\r\n", "\r", "\t", "\u2028", "\u2029", "\u0085",
  "\ud800", "\udfff", "\udbff\udfff", "😀", "👍🏽", "\u202e", "\u2066", "\u200d", "\ufeff", "\u0000", "\u001b[31m", "</script>",
  "{{x}}", "}}", "@param", " @type {any} ", "\\n", "`;process.exit(1);`", '";throw 1;"', "'); alert(1); ('", "\u00ad", "日本", "é", "e\u0301",
];

const str = fc
  .array(fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: fc.string({ maxLength: 6, unit: "binary" }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  ), { maxLength: 8 })
  .map((parts) => parts.join(""));

const REGEX_PIECES = ["(?:a|b)", "[A-Z]{2,4}", "\\d+", "^", "$", "\\bword\\b", "[\"'`]", "\\$\\{x\\}", "\\*\\/", "\\/\\/", "[^\\n]?", "(x)", "\\x{2028}", "\\p{L}"];
const regex = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(...REGEX_PIECES), str.map(regexLiteralText)), { minLength: 1, maxLength: 4 }), fc.subarray(["i", "m", "s"]))
  .map(([parts, flags]) => ({ pattern: `x${parts.join("")}`, flags: flags.join("") }));

const CONTRACT_NAMES = ["Inj", "delete", "class", "eval", "await", "constructor", "toString", "Object", "Promise", "undefined", "contracts", "getContract"];
const IDS = ["a", "constructor", "toString", "valueOf", "hasOwnProperty", "then", "default", "new", "e", "n0", "hit"];

interface Case {
  readonly name: string;
  readonly ids: readonly [string, string, string];
  readonly prompt: readonly [string, string];
  readonly clause: string;
  readonly softClause: string;
  readonly rubric: string;
  readonly keyword: string;
  readonly regex: { pattern: string; flags: string };
  readonly doc: string;
  readonly def: string;
  readonly x: string;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  name: fc.constantFrom(...CONTRACT_NAMES),
  ids: fc.uniqueArray(fc.constantFrom(...IDS), { minLength: 3, maxLength: 3 }).map((a) => a as unknown as [string, string, string]),
  prompt: fc.tuple(str, str),
  clause: str,
  softClause: str,
  rubric: str,
  keyword: str,
  regex,
  doc: str.map((d) => d.replace(/[\n\r]/g, "")),
  def: str,
  x: str,
});

function source(c: Case): string {
  const [a, b, s] = c.ids;
  return [
    `/// ${c.doc}`,
    `contract ${c.name} {`,
    "  input x: text",
    `  /// ${c.doc}`,
    `  input y: text = ${contractString(c.def)}`,
    `  prompt ${contractString(`P${c.prompt[0]}`).slice(0, -1)}{{x}}${contractString(c.prompt[1]).slice(1)}`,
    `  task ${a} ${contractString(`C${c.clause}`)} check contains(${contractString(`K${c.keyword}`)}) or contains(y)`,
    `  task ${b} "Match the pattern." check matches(/${c.regex.pattern}/${c.regex.flags})`,
    `  quality ${s} ${contractString(`S${c.softClause}`)} judge ${contractString(`R rubric words here ${c.rubric}`)}`,
    "}",
    "",
  ].join("\n");
}

const yes: Judge = { judge: async () => ({ verdict: "yes", reason: "ok" }) };

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe("generated code is injection-proof", () => {
  it("holds arbitrary strings exactly, type-checks, and agrees with the interpreter", async () => {
    const dir = scratchDir("injection");
    dirs.push(dir);
    const outDir = relative(REPO_ROOT, dir);
    const files: string[] = [];
    const sources = new Map<string, string>();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const file = `case${n++}.contract`;
        const text = source(c);
        const built = await buildFromMemory({ [file]: text }, outDir);
        expect(built.errors.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
        const module = built.modules[0];
        expect(module).toBeDefined();
        const lowered = module!.contracts[0] as CompiledContract;
        const abs = join(dir, module!.path);
        writeFileSync(abs, module!.text);
        files.push(abs);
        sources.set(abs, text);

        // No raw line/paragraph separator or lone surrogate survives into the file.
        expect(module!.text).not.toMatch(/[\u2028\u2029]/);
        expect(module!.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        // The registry too (reserved contract names, special ids).
        const index = built.plan.files.get("index.ts") as string;
        const indexFile = join(dir, `index-${module!.path}`);
        writeFileSync(indexFile, index);
        files.push(indexFile);

        const mod = await importModule<Record<string, { id: string; ir: CompiledContract; render: (i: unknown) => string; verify: (r: string, i: unknown, o: unknown) => Promise<Verdicts> }>>(abs);
        const obj = Object.values(mod).find((v) => typeof v === "object" && v !== null && v.id === c.name);
        expect(obj, `exports ${c.name}`).toBeDefined();
        const ir = obj!.ir;
        expect(firstDifference(ir, lowered)).toBeUndefined();

        // Exactly the strings of the source.
        const texts = (t: CompiledContract["prompt"]) => t.map((p) => (p.kind === "text" ? p.value : `{{${p.name}}}`)).join("");
        expect(texts(ir.prompt)).toBe(`P${c.prompt[0]}{{x}}${c.prompt[1]}`);
        const [hardA, hardB, soft] = ir.constraints;
        expect(texts(hardA!.clause)).toBe(`C${c.clause}`);
        expect(texts(soft!.clause)).toBe(`S${c.softClause}`);
        expect(soft!.kind === "soft" && texts(soft!.judge.rubric)).toBe(`R rubric words here ${c.rubric}`);
        const check = hardA!.kind === "hard" ? hardA!.check : undefined;
        expect(check?.kind === "or" && check.operands[0]?.kind === "call" && check.operands[0].args["phrase"]).toEqual({ kind: "text", type: "text", value: `K${c.keyword}` });
        expect(hardB!.kind === "hard" && hardB!.check.kind === "call" && hardB!.check.args["pattern"]).toEqual({ kind: "regex", type: "regex", pattern: c.regex.pattern, flags: c.regex.flags });
        expect(ir.inputs[1]?.default).toBe(c.def);

        // Rendering and verification agree with the interpreter on the same IR.
        const inputs = { x: c.x };
        const rendered = obj!.render(inputs);
        expect(rendered).toBe(render(lowered, inputs));
        expect(rendered.startsWith(`P${c.prompt[0]}${c.x}${c.prompt[1]}`.trim())).toBe(true);
        const response = `K${c.keyword} ${c.def} ${c.prompt[0]}`;
        const mine = await obj!.verify(response, inputs, { judge: yes });
        const { byId: _b, ...rest } = mine as Verdicts & { byId: unknown };
        void _b;
        expect(firstDifference(rest, await verify(lowered, response, inputs, { judge: yes }))).toBeUndefined();
        expect(mine.verdicts[0]?.status).toBe("pass");
      }),
      { numRuns: 40, seed: 424242 },
    );
    const diagnostics = typecheck(files);
    if (diagnostics.length > 0) {
      const first = diagnostics[0] as string;
      const file = files.find((f) => first.includes(relative(REPO_ROOT, f)));
      throw new Error(`${diagnostics.join("\n")}\n\nsource:\n${file ? sources.get(file) : "?"}`);
    }
  }, 300_000);
});
