/**
 * Conformance of `hir eval ifbench` (rows -> contract source -> checker -> IR ->
 * runtime verify) with IFBench's own evaluator on the shared fixture: every
 * instruction verdict, strict and loose, for the published revision (the code
 * that produced the verdicts); the current revision is measured and reported too.
 * Every disagreement is printed. Skips with a note when ../shared is absent.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { evaluateIfbenchContracts, type IfbenchContractEvaluation } from "../../src/interop/ifbench-eval.js";
import { parseIfevalResults, type EvaluationMode, type IfevalResultRecord } from "../../src/runtime/ifeval/index.js";
import { compareRecords, referenceRecords, reportComparison, type Comparison } from "../helpers/conformance.js";
import { SHARED_DATA } from "../helpers/repo.js";

const DIR = join(SHARED_DATA, "ifbench");
const INPUT = join(DIR, "input_data.jsonl");
const RESPONSES = join(DIR, "sample_output.jsonl");
const HAVE = existsSync(INPUT) && existsSync(RESPONSES);
if (!HAVE) console.warn(`[ifbench conformance] skipped: reference data not found at ${DIR} (the shared folder is absent)`);

const MODES: EvaluationMode[] = ["strict", "loose"];

function compare(mode: EvaluationMode, records: readonly IfevalResultRecord[], keys: readonly string[]): Comparison {
  return compareRecords(mode, referenceRecords(DIR, mode), records, keys);
}

const report = reportComparison;

describe.skipIf(!HAVE)("hir eval ifbench conformance with IFBench's evaluator", () => {
  let ev: IfbenchContractEvaluation;
  beforeAll(() => {
    ev = evaluateIfbenchContracts(readFileSync(INPUT), readFileSync(RESPONSES), { origin: "input_data.jsonl" });
  });

  it("compiles every row (nulls in kwargs dropped) and matches every response", () => {
    expect(ev.problems).toEqual([]);
    expect(ev.skippedRows).toEqual([]);
    expect(ev.missingResponses).toEqual([]);
    expect(ev.contracts).toBe(137);
  });

  for (const mode of MODES) {
    it(`published revision, ${mode}: >= 99.5% of instruction verdicts identical`, () => {
      const c = compare(mode, ev[mode].records, ev[mode].rows.map((r) => r.key));
      report("published", mode, c);
      expect(c.total).toBe(157);
      expect(c.agree / c.total).toBeGreaterThanOrEqual(0.995);
    });
  }

  it("current revision: measured and reported (its December 2025 fixes postdate the reference verdicts; docs/ifbench.md)", () => {
    const cur = evaluateIfbenchContracts(readFileSync(INPUT), readFileSync(RESPONSES), { revision: "current" });
    for (const mode of MODES) {
      const c = compare(mode, cur[mode].records, cur[mode].rows.map((r) => r.key));
      report("current", mode, c);
      expect(c.agree / c.total).toBeGreaterThanOrEqual(0.98);
    }
  });

  it("CLI end to end: `hir eval ifbench` writes IFBench's file names and prints the report", async () => {
    const out = mkdtempSync(join(tmpdir(), "hir-ifbench-"));
    const io = memoryIO({ cwd: out, env: { NO_COLOR: "1" } });
    const code = await run(["eval", "ifbench", "--input", INPUT, "--responses", RESPONSES, "--out", "results"], io);
    expect(code, io.err).toBe(0);
    expect(io.out).toMatch(/prompt-level accuracy\s+0\.\d{4}\s+0\.\d{4}/);
    for (const mode of MODES) {
      const text = readFileSync(join(out, "results", `sample_output-eval_results_${mode}.jsonl`), "utf8");
      expect(/[^\x00-\x7f]/.test(text), "ASCII-only, as json.dumps writes").toBe(false);
      const written = parseIfevalResults(text);
      const c = compare(mode, written.items, written.items.map(() => "?"));
      expect(c.agree / c.total).toBeGreaterThanOrEqual(0.995);
    }
  });
});

describe("hir eval ifbench without ../shared: missing responses are scored as IFBench does", () => {
  it("an input without a response gets an all-false record with an empty response, and is reported", () => {
    const input = [
      JSON.stringify({ key: "1", prompt: "Say hi. ", instruction_id_list: ["format:no_whitespace"], kwargs: [{ N: null }] }),
      JSON.stringify({ key: "2", prompt: "Count.", instruction_id_list: ["count:numbers", "ratio:stop_words"], kwargs: [{ N: 2, percentage: null }, { N: null, percentage: 90 }] }),
    ].join("\n");
    const responses = JSON.stringify({ prompt: "Say hi.", response: "Hi!" });
    const ev = evaluateIfbenchContracts(input, responses);
    expect(ev.strict.records.map((r) => r.follow_instruction_list)).toEqual([[true], [false, false]]);
    expect(ev.strict.records[1]!.response).toBe("");
    expect(ev.missingResponses.map((m) => m.key)).toEqual(["2"]);
    expect(ev.problems.some((p) => p.key === "2" && /no response/.test(p.message))).toBe(true);
  });
});
