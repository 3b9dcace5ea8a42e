/**
 * Conformance with the official IFEval evaluator: all fixture rows, strict and
 * loose, every instruction verdict compared with eval_results_{strict,loose}.
 * Skips (with a note) when the shared reference data is not present.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { accuracyStats, evaluateIfeval, parseIfevalInputs, parseIfevalResponses, parseIfevalResults } from "../../../src/runtime/ifeval/index.js";
import type { EvaluationMode, IfevalEvaluation } from "../../../src/runtime/ifeval/index.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const dataDir = path.resolve(repoRoot, "../shared/data");
const ifevalDir = path.join(dataDir, "ifeval");
const haveData = existsSync(path.join(ifevalDir, "input_data.jsonl"));

if (!haveData) {
  console.warn(`[ifeval conformance] skipped: reference data not found at ${ifevalDir}`);
}

/** Known, explained disagreements (see docs/ifeval.md). key:instruction:mode */
const EXPLAINED = new Set([
  // The evaluator that produced the fixture replaced a non-letter `letter` kwarg
  // ("#") by a random ASCII letter; the current reference (and this library)
  // counts "#". The loose run happened to draw a letter that fails.
  "1122:keywords:letter_frequency:loose",
]);

describe.skipIf(!haveData)("IFEval conformance with the official evaluator", () => {
  let evaluation: IfevalEvaluation;
  const load = (): IfevalEvaluation => {
    if (evaluation) return evaluation;
    const inputs = parseIfevalInputs(readFileSync(path.join(ifevalDir, "input_data.jsonl")));
    const responses = parseIfevalResponses(readFileSync(path.join(ifevalDir, "input_response_data_gpt4.jsonl")));
    expect(inputs.errors).toEqual([]);
    expect(responses.errors).toEqual([]);
    evaluation = evaluateIfeval(inputs.items, responses.responses);
    return evaluation;
  };

  for (const mode of ["strict", "loose"] as EvaluationMode[]) {
    it(`${mode}: >= 99.5% of instruction verdicts identical, every disagreement listed`, () => {
      const ev = load();
      expect(ev.missingResponses).toEqual([]);
      const reference = parseIfevalResults(readFileSync(path.join(ifevalDir, `eval_results_${mode}.jsonl`)));
      expect(reference.errors).toEqual([]);
      const byPrompt = new Map(reference.items.map((r) => [r.prompt, r]));
      let total = 0;
      let agree = 0;
      let promptAgree = 0;
      const disagreements: string[] = [];
      const unexplained: string[] = [];
      for (const row of ev[mode].rows) {
        const ref = byPrompt.get(row.record.prompt);
        expect(ref, `reference record for key ${row.key}`).toBeDefined();
        if (row.followAll === ref!.follow_all_instructions) promptAgree++;
        row.results.forEach((r, i) => {
          total++;
          const expected = ref!.follow_instruction_list[i];
          if (r.followed === expected) {
            agree++;
            return;
          }
          const line = `key ${row.key} ${r.id}: ours=${r.followed} reference=${expected} (${r.variant ? `variant "${r.variant}"; ` : ""}${r.outcome.evidence.slice(0, 160)})`;
          disagreements.push(line);
          if (!EXPLAINED.has(`${row.key}:${r.id}:${mode}`)) unexplained.push(line);
        });
      }
      const rate = agree / total;
      console.log(
        `[ifeval conformance] ${mode}: ${agree}/${total} instruction verdicts identical (${(100 * rate).toFixed(2)}%), ` +
          `${promptAgree}/${ev[mode].rows.length} prompt verdicts identical`,
      );
      for (const d of disagreements) console.log(`[ifeval conformance] ${mode} disagreement: ${d}`);
      expect(rate).toBeGreaterThanOrEqual(0.995);
      expect(unexplained).toEqual([]);
    });
  }

  it("accuracy stats match the reference report within the disagreements", () => {
    const ev = load();
    for (const mode of ["strict", "loose"] as EvaluationMode[]) {
      const reference = parseIfevalResults(readFileSync(path.join(ifevalDir, `eval_results_${mode}.jsonl`)));
      const refStats = accuracyStats(reference.items);
      const ours = ev[mode].stats;
      expect(ours.instructions).toBe(refStats.instructions);
      expect(ours.prompts).toBe(refStats.prompts);
      expect(Math.abs(ours.instructionsFollowed - refStats.instructionsFollowed)).toBeLessThanOrEqual(2);
      expect(Object.keys(ours.byInstruction).sort()).toEqual(Object.keys(refStats.byInstruction).sort());
    }
  });
});
