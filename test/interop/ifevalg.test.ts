/** open-instruct IFEvalG: a checker and built-in for every added id; `hir import open-instruct` rows with those ids compile. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { IFEVALG_IDS } from "../../src/language/builtins/ifevalg.js";
import { IFEVALG_CHECKERS, IFEVALG_INSTRUCTION_IDS, runIfevalgCheck } from "../../src/runtime/ifevalg/index.js";

describe("IFEvalG checkers", () => {
  it("registers a checker and a built-in for each of the 29 added ids", () => {
    expect(IFEVALG_INSTRUCTION_IDS.length).toBe(29);
    expect(Object.keys(IFEVALG_CHECKERS).sort()).toEqual([...IFEVALG_INSTRUCTION_IDS].sort());
    expect([...IFEVALG_IDS].sort()).toEqual([...IFEVALG_INSTRUCTION_IDS].sort());
  });

  it.each([
    ["new:copy_span_idx", "hello", { prompt_to_repeat: "hello world", n_start: 0, n_end: 5 }, true],
    ["new:copy_span_idx", "hello ", { prompt_to_repeat: "hello world", n_start: 0, n_end: 6 }, true],
    ["keywords:exclude_word_harder", "tea, please", { keyword: "tea" }, true],
    ["keywords:exclude_word_harder", "a tea b", { keyword: "tea" }, false],
    ["keywords:palindrome", "a", {}, true],
    ["keywords:keyword_specific_position", "I like Tea.", { keyword: "tea", n: 1, m: 3 }, false],
    ["count:count_unique", "Hi , you , me", {}, false],
    ["last_word:last_word_answer", "It was brief!", { last_word: "brief" }, true],
    ["count:lowercase_counting", "één two", { N: 0 }, false],
    ["keywords:word_once", "TEA time", { keyword: "tea" }, true],
  ] as const)("%s on %j -> %s", (id, response, kwargs, expected) => {
    expect(runIfevalgCheck(id, response, { ...kwargs }).pass).toBe(expected);
  });

  it("reports a keyword that is not a usable regex instead of passing", () => {
    const r = runIfevalgCheck("keywords:word_once", "a(b", { keyword: "a(b" });
    expect(r.pass).toBe(false);
  });
});

describe("hir import open-instruct with IFEvalG ids", () => {
  it("turns the documented ground-truth example into a contract that lints clean", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hir-oi-"));
    const row = {
      messages: [{ role: "user", content: "Describe tea." }],
      ground_truth: "[{'instruction_id': ['detectable_format:sentence_hyphens', 'last_word:last_word_answer'], 'kwargs': [None, {'last_word': 'brief'}]}]",
      dataset: "ifeval",
    };
    writeFileSync(join(dir, "rows.jsonl"), JSON.stringify(row) + "\n");
    const io = memoryIO({ cwd: dir, env: { NO_COLOR: "1" } });
    expect(await run(["import", "open-instruct", "rows.jsonl", "--out", "rlvr.contract"], io)).toBe(0);
    const lint = memoryIO({ cwd: dir, env: { NO_COLOR: "1" } });
    expect(await run(["lint", "rlvr.contract", "--fail-on", "error"], lint), lint.out + lint.err).toBe(0);
  });
});
