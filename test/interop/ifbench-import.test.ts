/** `hir import ifbench`: every IFBench id becomes contract source that the checker, linter and compiler accept. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { IFBENCH_IDS } from "../../src/language/builtins/ifbench.js";
import { rowsToContractSource } from "../../src/interop/import/contracts.js";
import { readIfevalInputs } from "../../src/interop/import/ifeval.js";
import { SHARED_DATA } from "../helpers/repo.js";

const FIXTURE = join(SHARED_DATA, "ifbench", "input_data.jsonl");

async function hir(cwd: string, args: string[]) {
  const io = memoryIO({ cwd, env: { NO_COLOR: "1" } });
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

describe("hir import ifbench", () => {
  it("drops null kwargs, names unknown ids with a suggestion, and the output lints clean", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hir-ifbench-import-"));
    writeFileSync(
      join(dir, "in.jsonl"),
      [
        JSON.stringify({ key: "0", prompt: "Write about tea.", instruction_id_list: ["count:word_count_range", "format:sub-bullets"], kwargs: [{ min_words: 10, max_words: 20, N: null }, { N: null }] }),
        JSON.stringify({ key: "1", prompt: "p", instruction_id_list: ["count:word_count_rang"], kwargs: [{}] }),
      ].join("\n"),
    );
    const r = await hir(dir, ["import", "ifbench", "in.jsonl", "--out", "gen.contract"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/in\.jsonl:2: key 1: unknown instruction id `count:word_count_rang` \(did you mean `count:word_count_range`\?\)/);
    const src = readFileSync(join(dir, "gen.contract"), "utf8");
    expect(src).toMatch(/check ifbench_count_word_count_range\(min_words: 10, max_words: 20\)/);
    expect(src).toMatch(/check ifbench_format_sub_bullets\n/);
    expect(src).toMatch(/IFBench compatibility built-ins/);
    const lint = await hir(dir, ["lint", "gen.contract", "--fail-on", "error"]);
    expect(lint.code, lint.out + lint.err).toBe(0);
  });

  it("has a compatibility built-in for every one of the 58 ids", () => {
    expect(IFBENCH_IDS.length).toBe(58);
    expect(new Set(IFBENCH_IDS).size).toBe(58);
  });

  it("writes `revision: \"current\"` only when asked", () => {
    const read = readIfevalInputs(JSON.stringify({ key: 1, prompt: "p", instruction_id_list: ["words:alphabet"], kwargs: [{}] }));
    expect(rowsToContractSource(read.rows, { prefix: "x", origin: "o" }).source).toMatch(/check ifbench_words_alphabet\n/);
    expect(rowsToContractSource(read.rows, { prefix: "x", origin: "o", ifbenchRevision: "current" }).source).toMatch(/check ifbench_words_alphabet\(revision: "current"\)/);
  });

  it.skipIf(!existsSync(FIXTURE))("imports the shared IFBench rows into a file `hir lint` accepts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hir-ifbench-import-"));
    const r = await hir(dir, ["import", "ifbench", FIXTURE, "--out", "ifbench.contract"]);
    expect(r.code, r.err).toBe(0);
    const lint = await hir(dir, ["lint", "ifbench.contract", "--format", "json"]);
    expect(lint.code, lint.out.slice(0, 2000)).toBe(0);
  });
});
