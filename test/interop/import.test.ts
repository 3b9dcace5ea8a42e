/**
 * Dataset import: IFEval and open-instruct readers, the Python-literal reader and
 * the contract source generator. The generated source must load without errors.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lowerProgram } from "../../src/compiler/lower.js";
import { rowsToContractSource } from "../../src/interop/import/contracts.js";
import { readIfevalInputs } from "../../src/interop/import/ifeval.js";
import { readOpenInstructRows } from "../../src/interop/import/open-instruct.js";
import { readHir16kRows } from "../../src/interop/hir16k.js";
import { parsePythonLiteral } from "../../src/interop/import/python-literal.js";
import { dropNulls, readJsonlObjects } from "../../src/interop/import/rows.js";
import { memoryHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";
import { verifySync } from "../../src/runtime/verify.js";
import { SHARED_DATA } from "../helpers/repo.js";

const FIXTURE = path.join(SHARED_DATA, "ifeval", "input_data.jsonl");

function load(source: string) {
  const program = loadProgram(["gen.contract"], memoryHost({ "gen.contract": source }));
  return { program, errors: program.diagnostics.filter((d) => d.severity === "error") };
}

const row = (o: Record<string, unknown>) => JSON.stringify(o);

describe("readJsonlObjects / dropNulls", () => {
  it("reports bad lines by number and keeps the rest", () => {
    const r = readJsonlObjects(['{"a": 1}', "{oops", "", "[1, 2]", '{"b": 2}\r'].join("\n"));
    expect(r.items.map((i) => i.line)).toEqual([1, 5]);
    expect(r.problems.map((p) => p.line)).toEqual([2, 4]);
    expect(r.problems[0]!.message).toMatch(/invalid JSON/);
    expect(r.problems[1]!.message).toBe("not a JSON object");
  });
  it("is the one reader of every dataset format: BOM, invalid UTF-8 and bad lines by line number, the rest kept", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const ifeval = row({ key: 1, prompt: "p\u00e9", instruction_id_list: ["punctuation:no_comma"], kwargs: [{}] });
    const openInstruct = row({ messages: [{ role: "user", content: "p\u00e9" }], ground_truth: JSON.stringify({ instruction_id: ["punctuation:no_comma"], kwargs: [null] }) });
    const hir16k = row({ prompt: "p\u00e9", extra_info: { question: "p\u00e9" }, instruction_id_list: ["punctuation:no_comma"], kwargs: [{}] });
    for (const [read, good] of [[readIfevalInputs, ifeval], [readOpenInstructRows, openInstruct], [readHir16kRows, hir16k]] as const) {
      const cut = good.indexOf("p\u00e9") + 1; // an invalid byte inside the prompt string: the line stays usable
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(`${good}\n{oops\n`), ...enc(good.slice(0, cut)), 0xff, ...enc(good.slice(cut)), ...enc(`\n${good}\n`)]);
      const r = read(bytes);
      expect(r.rows.map((x) => x.line), read.name).toEqual([1, 3, 4]);
      expect(r.problems.map((p) => p.line), read.name).toEqual([2]);
      expect(r.warnings.map((w) => w.line), read.name).toEqual([3]);
      expect(r.warnings[0]!.message).toMatch(/invalid UTF-8 at byte \d+/);
    }
  });
  it("drops null kwargs and ignores non-objects", () => {
    expect(dropNulls({ a: 1, b: null, c: undefined, d: "x" })).toEqual({ a: 1, d: "x" });
    expect(dropNulls(null)).toEqual({});
    expect(dropNulls([1])).toEqual({});
  });
});

describe("parsePythonLiteral", () => {
  it("reads the RLVR subset", () => {
    expect(parsePythonLiteral("[{'instruction_id': ['a:b'], 'kwargs': [None, {'n': 3, 'x': True, 'f': -1.5e2}]}]")).toEqual({
      ok: true,
      value: [{ instruction_id: ["a:b"], kwargs: [null, { n: 3, x: true, f: -150 }] }],
    });
    expect(parsePythonLiteral(`("a" 'b', "\\u00e9\\n", '''x\ny''')`)).toEqual({ ok: true, value: ["ab", "é\n", "x\ny"] });
    expect(parsePythonLiteral('{"__proto__": 1}')).toEqual({ ok: true, value: JSON.parse('{"__proto__": 1}') });
  });
  it("rejects anything else with an offset, never throwing", () => {
    for (const bad of ["", "[1, 2", "{'a' 1}", "__import__('os')", "'abc", "[1] 2", "[".repeat(100) + "]".repeat(100), "'\\x4'"]) {
      const r = parsePythonLiteral(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/offset \d+/);
    }
  });
});

describe("readIfevalInputs", () => {
  it("reads rows, drops null kwargs and keeps going after bad rows", () => {
    const text = [
      row({ key: 1, prompt: "Say hi.", instruction_id_list: ["punctuation:no_comma", "keywords:existence"], kwargs: [{ keywords: null }, { keywords: ["hi"], relation: null }] }),
      "not json",
      row({ key: 2, prompt: 3, instruction_id_list: [], kwargs: [] }),
      row({ key: 3, prompt: "p", instruction_id_list: "x", kwargs: [] }),
      row({ key: 4, prompt: "p", instruction_id_list: ["a:b"], kwargs: [{}, {}] }),
      row({ key: 5, prompt: "p", instruction_id_list: ["a:b"], kwargs: ["nope"] }),
      row({ key: 6, prompt: "p", instruction_id_list: ["a:b"], kwargs: {} }),
      row({ prompt: "no key", instruction_id_list: ["punctuation:no_comma"] }),
    ].join("\n");
    const r = readIfevalInputs(text);
    expect(r.rows.map((x) => [x.key, x.line])).toEqual([["1", 1], ["8", 8]]);
    expect(r.rows[0]!.constraints).toEqual([
      { instructionId: "punctuation:no_comma", kwargs: {} },
      { instructionId: "keywords:existence", kwargs: { keywords: ["hi"] } },
    ]);
    expect(r.rows[1]!.constraints).toEqual([{ instructionId: "punctuation:no_comma", kwargs: {} }]);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/invalid JSON/),
      "`prompt` must be a string",
      "`instruction_id_list` must be a list of strings",
      "`kwargs` has 2 entries for 1 instruction ids",
      "`kwargs` entry 1 (for `a:b`) must be an object or null",
      "`kwargs` must be a list of objects aligned with `instruction_id_list`",
    ]);
    expect(r.problems[1]!.key).toBe("2");
  });
});

describe("readOpenInstructRows", () => {
  const gt = "[{'instruction_id': ['punctuation:no_comma', 'keywords:existence'], 'kwargs': [None, {'keywords': ['apple'], 'extra': None}]}]";
  it("reads the new ifeval ground_truth format (Python literal, JSON string inside, last user message)", () => {
    const text = [
      row({ key: "a", messages: [{ role: "user", content: "first" }, { role: "assistant", content: "x" }, { role: "user", content: "Tell me about apples." }], ground_truth: gt, dataset: "ifeval" }),
      row({ id: "b", messages: [{ role: "user", content: "Hi" }], ground_truth: JSON.stringify([JSON.stringify({ instruction_id: ["startend:quotation"], kwargs: null })]) }),
      row({ prompt: "direct", ground_truth: [{ instruction_id: ["detectable_format:title"], kwargs: [null] }] }),
    ].join("\n");
    const r = readOpenInstructRows(text);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.key, x.prompt])).toEqual([["a", "Tell me about apples."], ["b", "Hi"], ["3", "direct"]]);
    expect(r.rows[0]!.constraints).toEqual([
      { instructionId: "punctuation:no_comma", kwargs: {} },
      { instructionId: "keywords:existence", kwargs: { keywords: ["apple"] } },
    ]);
    expect(r.rows[1]!.constraints).toEqual([{ instructionId: "startend:quotation", kwargs: {} }]);
  });
  it("reports unusable rows with their line", () => {
    const text = [
      row({ messages: [{ role: "assistant", content: "x" }], ground_truth: gt }),
      row({ messages: [{ role: "user", content: "x" }], ground_truth: "[{'instruction_id': ['a'" }),
      row({ messages: [{ role: "user", content: "x" }], ground_truth: JSON.stringify({ func_name: "validate_lowercase" }) }),
      row({ messages: [{ role: "user", content: "x" }], ground_truth: "[{'instruction_id': ['a:b', 'c:d'], 'kwargs': [None]}]" }),
      row({ messages: [{ role: "user", content: "x" }], ground_truth: "[{'instruction_id': ['a:b'], 'kwargs': [3]}]" }),
      row({ messages: [{ role: "user", content: "x" }], ground_truth: "[42]" }),
    ].join("\n");
    const r = readOpenInstructRows(text);
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [1, "no user message in `messages` (and no `prompt`)"],
      [2, expect.stringMatching(/not a Python or JSON literal/)],
      [3, expect.stringMatching(/legacy `ifeval_old`/)],
      [4, "`kwargs` has 1 entries for 2 instruction ids"],
      [5, "`kwargs` entry 1 (for `a:b`) must be a dict or None"],
      [6, "`ground_truth` must hold a dict with `instruction_id` and `kwargs`"],
    ]);
  });
});

describe("rowsToContractSource", () => {
  const mk = (key: string, line: number, prompt: string, constraints: Array<[string, Record<string, unknown>]>) => ({
    key, line, prompt, constraints: constraints.map(([instructionId, kwargs]) => ({ instructionId, kwargs })),
  });

  it("turns rows into contracts that load, lower and verify", () => {
    const g = rowsToContractSource(
      [mk("1", 1, "Write a poem about {cats} and \"dogs\".\nUse ``` and \\n and ${x}.", [["punctuation:no_comma", {}], ["keywords:existence", { keywords: ["cat", "dog"] }], ["length_constraints:number_words", { num_words: 5, relation: "at least" }]])],
      { prefix: "ifeval", origin: "t.jsonl" },
    );
    expect(g.problems).toEqual([]);
    expect(g.converted.map((c) => [c.name, c.constraintIds])).toEqual([["ifeval_1", ["c1_no_comma", "c2_existence", "c3_number_words"]]]);
    const { program, errors } = load(g.source);
    expect(errors).toEqual([]);
    const lowered = lowerProgram(program, { baseDir: "/" });
    expect(lowered.skipped).toEqual([]);
    const c = lowered.contracts[0]!;
    expect(c.prompt).toEqual([{ kind: "text", value: "Write a poem about {cats} and \"dogs\".\nUse ``` and \\n and ${x}." }]);
    const good = verifySync(c, "a cat and a dog walk home", {});
    expect(good.verdicts.map((v) => v.status)).toEqual(["pass", "pass", "pass"]);
    const bad = verifySync(c, "a cat, alone", {});
    expect(bad.verdicts.map((v) => v.status)).toEqual(["fail", "fail", "fail"]);
    expect(bad.verdicts[1]!.evidence).toMatch(/dog/);
  });

  it("skips rows with unknown ids (did you mean), unknown or ill-typed or invalid kwargs, missing kwargs", () => {
    const g = rowsToContractSource(
      [
        mk("a", 1, "p", [["punctuation:no_comas", {}]]),
        mk("b", 2, "p", [["punctuation:no_comma", { foo: 1 }]]),
        mk("c", 3, "p", [["length_constraints:number_words", { num_words: "ten", relation: "at least" }]]),
        mk("d", 4, "p", [["length_constraints:number_words", { num_words: -3, relation: "at least" }]]),
        mk("e", 5, "p", [["length_constraints:number_words", { num_words: 3, relation: "at most" }]]),
        mk("f", 6, "p", [["length_constraints:number_words", { relation: "at least" }]]),
        mk("g", 7, "p", [["keywords:letter_frequency", { letter: "ab", let_frequency: 2, let_relation: "at least" }]]),
        mk("h", 8, "ok", [["detectable_format:title", {}]]),
      ],
      { prefix: "ifeval", origin: "t.jsonl" },
    );
    expect(g.converted.map((c) => c.row.key)).toEqual(["h"]);
    expect(g.problems.map((p) => [p.line, p.key])).toEqual([[1, "a"], [2, "b"], [3, "c"], [4, "d"], [5, "e"], [6, "f"], [7, "g"]]);
    const msgs = g.problems.map((p) => p.message);
    expect(msgs[0]).toMatch(/unknown instruction id `punctuation:no_comas` \(did you mean `punctuation:no_comma`\?\)/);
    expect(msgs[1]).toMatch(/takes no argument `foo`/);
    expect(msgs[2]).toMatch(/must be int, got "ten"/);
    expect(msgs[3]).toMatch(/invalid `num_words`.*negative/);
    expect(msgs[4]).toMatch(/invalid `relation`.*"less than" or "at least"/);
    expect(msgs[5]).toMatch(/needs `num_words`/);
    expect(msgs[6]).toMatch(/invalid `letter`.*single character/);
    for (const m of msgs) expect(m).toMatch(/the row is skipped/);
    expect(load(g.source).errors).toEqual([]);
  });

  it("gives unique names for repeated or odd keys and survives odd prompts", () => {
    const odd = ["", "\u0000\u0007 bell", '"""triple"""', "\ud800 lone surrogate", "back\\slash \\", "tab\tand\r\nCRLF", "emoji 😀 ©", "{{braces}} }{"];
    const rows = odd.map((p, i) => mk(i < 2 ? "k-1" : `key ${i}`, i + 1, p, [["punctuation:no_comma", {}]]));
    const g = rowsToContractSource(rows, { prefix: "ifeval", origin: "t.jsonl" });
    expect(g.problems).toEqual([]);
    const names = g.converted.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 3)).toEqual(["ifeval_k_1", "ifeval_k_1_2", "ifeval_key_2"]);
    const { program, errors } = load(g.source);
    expect(errors).toEqual([]);
    const lowered = lowerProgram(program, { baseDir: "/" });
    expect(lowered.contracts.length).toBe(odd.length);
    const byName = new Map(lowered.contracts.map((c) => [c.id, c]));
    for (const cv of g.converted) {
      expect(byName.get(cv.name)!.prompt.map((p) => (p.kind === "text" ? p.value : "?")).join("")).toBe(cv.row.prompt);
    }
  });
});

describe.skipIf(!existsSync(FIXTURE))("importing the IFEval fixture", () => {
  it("converts all 274 rows into source with no error diagnostics", () => {
    const read = readIfevalInputs(readFileSync(FIXTURE, "utf8"));
    expect(read.problems).toEqual([]);
    const g = rowsToContractSource(read.rows, { prefix: "ifeval", origin: "input_data.jsonl" });
    expect(g.problems).toEqual([]);
    expect(g.converted.length).toBe(274);
    const { program, errors } = load(g.source);
    expect(errors).toEqual([]);
    expect(program.contracts.length).toBe(274);
    const lowered = lowerProgram(program, { baseDir: "/" });
    expect(lowered.contracts.length).toBe(274);
    // Prompts survive the round trip through contract source exactly.
    const byName = new Map(lowered.contracts.map((c) => [c.id, c]));
    for (const cv of g.converted) {
      const c = byName.get(cv.name)!;
      expect(c.prompt.map((p) => (p.kind === "text" ? p.value : "?")).join("")).toBe(cv.row.prompt);
      expect(c.constraints.map((x) => x.id)).toEqual(cv.constraintIds);
    }
  });
});
if (!existsSync(FIXTURE)) console.warn(`[import] fixture test skipped: ${FIXTURE} not found`);
