/** `hir import ifeval|open-instruct`: source on stdout or --out, problems by line on stderr, lint-clean output. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { SHARED_DATA } from "../helpers/repo.js";

const FIXTURE = join(SHARED_DATA, "ifeval", "input_data.jsonl");

async function hir(cwd: string, args: string[], stdin?: string) {
  const io = memoryIO({ cwd, env: { NO_COLOR: "1" }, ...(stdin !== undefined ? { stdin } : {}) });
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

const tmp = () => mkdtempSync(join(tmpdir(), "hir-import-"));

describe("hir import", () => {
  it("ifeval: prints contract source, reports bad rows with line numbers, keeps the rest, exits 1", async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, "in.jsonl"),
      [
        JSON.stringify({ key: 1, prompt: "Say hi without commas.", instruction_id_list: ["punctuation:no_comma"], kwargs: [{}] }),
        "{broken",
        JSON.stringify({ key: 3, prompt: "p", instruction_id_list: ["punctuation:no_comas"], kwargs: [{}] }),
        JSON.stringify({ key: 4, prompt: "p", instruction_id_list: ["length_constraints:number_words"], kwargs: [{ num_words: "x", relation: "at least" }] }),
        JSON.stringify({ key: 5, prompt: "Title please.", instruction_id_list: ["detectable_format:title"], kwargs: [{}] }),
      ].join("\n"),
    );
    const r = await hir(dir, ["import", "ifeval", "in.jsonl"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/contract ifeval_1 \{/);
    expect(r.out).toMatch(/contract ifeval_5 \{/);
    expect(r.out).not.toMatch(/ifeval_3/);
    expect(r.err).toMatch(/^in\.jsonl:2: invalid JSON/m);
    expect(r.err).toMatch(/^in\.jsonl:3: key 3: unknown instruction id `punctuation:no_comas` \(did you mean `punctuation:no_comma`\?\)/m);
    expect(r.err).toMatch(/^in\.jsonl:4: key 4: `num_words` of `length_constraints:number_words` must be int/m);
    expect(r.err).toMatch(/2 contracts from in\.jsonl; 3 rows skipped/);

    // --out writes the same text; the file passes `hir lint` with no errors.
    const w = await hir(dir, ["import", "ifeval", "in.jsonl", "--out", "gen.contract"]);
    expect(w.code).toBe(1);
    expect(w.out).toBe("");
    expect(readFileSync(join(dir, "gen.contract"), "utf8")).toBe(r.out);
    const lint = await hir(dir, ["lint", "gen.contract", "--format", "json", "--fail-on", "error"]);
    expect(lint.code, lint.out + lint.err).toBe(0);
    expect((await hir(dir, ["fmt", "--check", "gen.contract"])).code).toBe(0);
  });

  it("exits 0 on a clean file, reads standard input, and 2 on an unreadable file", async () => {
    const dir = tmp();
    const line = JSON.stringify({ key: 7, prompt: "Answer in JSON.", instruction_id_list: ["detectable_format:json_format"], kwargs: [{}] });
    const r = await hir(dir, ["import", "ifeval", "-"], line);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/check ifeval_detectable_format_json_format/);
    const missing = await hir(dir, ["import", "ifeval", "nope.jsonl"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read nope\.jsonl/);
    expect((await hir(dir, ["import", "ifeval"])).code).toBe(2);
    expect((await hir(dir, ["import", "bogus", "x"])).code).toBe(2);
  });

  it("open-instruct: converts ground_truth rows", async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, "rlvr.jsonl"),
      [
        JSON.stringify({ key: "r1", messages: [{ role: "user", content: "Describe apples." }], ground_truth: "[{'instruction_id': ['keywords:existence', 'punctuation:no_comma'], 'kwargs': [{'keywords': ['red']}, None]}]", dataset: "ifeval" }),
        JSON.stringify({ key: "r2", messages: [{ role: "user", content: "x" }], ground_truth: "[{'instruction_id': ['detectable_format:sentence_hyphenz'], 'kwargs': [None]}]", dataset: "ifeval" }),
        JSON.stringify({ key: "r3", messages: [{ role: "user", content: "y" }], ground_truth: "[{'instruction_id': ['detectable_format:sentence_hyphens'], 'kwargs': [None]}]", dataset: "ifeval" }),
      ].join("\n"),
    );
    const r = await hir(dir, ["import", "open-instruct", "rlvr.jsonl", "--out", "rlvr.contract"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^rlvr\.jsonl:2: key r2: unknown instruction id `detectable_format:sentence_hyphenz` \(did you mean `detectable_format:sentence_hyphens`\?\)/m);
    const src = readFileSync(join(dir, "rlvr.contract"), "utf8");
    expect(src).toMatch(/contract rlvr_r1 \{/);
    expect(src).toMatch(/ifeval_keywords_existence\(keywords: \["red"\]\)/);
    // IFEvalG ids beyond IFEval's 25 have their own built-ins.
    expect(src).toMatch(/check ifevalg_detectable_format_sentence_hyphens/);
    expect((await hir(dir, ["lint", "rlvr.contract", "--fail-on", "error"])).code).toBe(0);
  });

  it.skipIf(!existsSync(FIXTURE))("imports the IFEval fixture into a file that `hir lint` accepts", async () => {
    const dir = tmp();
    const r = await hir(dir, ["import", "ifeval", FIXTURE, "--out", "ifeval.contract"]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/274 contracts/);
    const lint = await hir(dir, ["lint", "ifeval.contract", "--format", "json"]);
    expect(lint.code, lint.out.slice(0, 2000)).toBe(0);
    const summary = (JSON.parse(lint.out) as { summary: { errors: number; warnings: number } }).summary;
    expect(summary).toMatchObject({ errors: 0, warnings: 0 });
    const fmt = await hir(dir, ["fmt", "--check", "ifeval.contract"]);
    expect(fmt.code, fmt.out + fmt.err).toBe(0);
  });
});
