/** Comparing our `eval_results_*` records with a reference evaluator's, instruction by instruction. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { parseIfevalResults, type EvaluationMode, type IfevalResultRecord } from "../../src/runtime/ifeval/index.js";

export interface Comparison {
  total: number;
  agree: number;
  promptAgree: number;
  prompts: number;
  disagreements: string[];
}

/** Matches records by prompt; every disagreement is listed as `key:id:mode (ours x, reference y)`. */
export function compareRecords(mode: EvaluationMode, reference: readonly IfevalResultRecord[], records: readonly IfevalResultRecord[], keys: readonly string[]): Comparison {
  const byPrompt = new Map(reference.map((r) => [r.prompt, r]));
  const c: Comparison = { total: 0, agree: 0, promptAgree: 0, prompts: 0, disagreements: [] };
  records.forEach((rec, i) => {
    const ref = byPrompt.get(rec.prompt);
    expect(ref, `reference record for key ${keys[i]}`).toBeDefined();
    expect(rec.instruction_id_list).toEqual(ref!.instruction_id_list);
    c.prompts++;
    if (rec.follow_all_instructions === ref!.follow_all_instructions) c.promptAgree++;
    rec.follow_instruction_list.forEach((ours, j) => {
      c.total++;
      const theirs = ref!.follow_instruction_list[j];
      if (ours === theirs) c.agree++;
      else c.disagreements.push(`${keys[i]}:${rec.instruction_id_list[j]}:${mode} (ours ${ours}, reference ${theirs})`);
    });
  });
  return c;
}

export function reportComparison(label: string, mode: EvaluationMode, c: Comparison): void {
  console.log(
    `[${label}] ${mode}: ${c.agree}/${c.total} instruction verdicts identical (${((100 * c.agree) / c.total).toFixed(2)}%), ` +
      `${c.promptAgree}/${c.prompts} prompt verdicts identical` +
      (c.disagreements.length ? `\n  disagreements:\n    ${c.disagreements.join("\n    ")}` : ", no disagreements"),
  );
}

/** A reference evaluator's `eval_results_<mode>.jsonl` in `dir` (must parse cleanly). */
export function referenceRecords(dir: string, mode: EvaluationMode): IfevalResultRecord[] {
  const r = parseIfevalResults(readFileSync(join(dir, `eval_results_${mode}.jsonl`)));
  expect(r.errors).toEqual([]);
  return r.items;
}
