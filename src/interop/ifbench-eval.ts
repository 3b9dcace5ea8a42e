/**
 * `hir eval ifbench` as a library: a drop-in for IFBench's `run_eval.py`
 * (allenai/IFBench `evaluation_lib.py`), through the contract toolchain like
 * `hir eval ifeval` (input rows -> contract source -> checker -> IR -> runtime verify).
 *
 * What IFBench's evaluator does differently from IFEval's, reproduced here:
 * - kwargs with null values are dropped (IFBench rows carry every argument name);
 * - a response is found by the exact prompt, else by the prompt stripped of
 *   surrounding whitespace (the responses file registers both forms);
 * - an input without a response is scored as a record with an empty response and
 *   every instruction unfollowed (IFBench's `empty_output`), and reported;
 * - output files are `<model>-eval_results_{strict,loose}.jsonl`, where `<model>` is
 *   the responses file name without `-responses.jsonl` (or without its extension),
 *   written with Python's default `json.dumps` (ASCII-only, `\uXXXX` escapes).
 * Which IFBench code the verdicts follow is `revision` (docs/ifbench.md).
 */
import { basename, extname } from "node:path";
import { parseIfevalResponses } from "../runtime/ifeval/jsonl.js";
import type { IfevalResultRecord } from "../runtime/ifeval/types.js";
import { compileIfevalInputs, contractEvaluation, evaluateCompiledRow, formatIfevalRecord, type EvalProblem, type IfevalContractEvaluation, type RowResult } from "./ifeval-eval.js";
import { pyStrip } from "../runtime/text/python-chars.js";

export type IfbenchRevisionOption = "published" | "current";

export interface IfbenchEvalOptions {
  readonly origin?: string;
  readonly revision?: IfbenchRevisionOption;
}

export interface IfbenchContractEvaluation extends IfevalContractEvaluation {
  readonly revision: IfbenchRevisionOption;
}

/** IFBench's prompt -> response table: every prompt, plus its stripped form when that differs. */
export function ifbenchResponseTable(responses: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [prompt, response] of responses) {
    out.set(prompt, response);
    const stripped = pyStrip(prompt);
    if (stripped !== prompt) out.set(stripped, response);
  }
  return out;
}

function lookup(table: ReadonlyMap<string, string>, prompt: string): string | undefined {
  return table.has(prompt) ? table.get(prompt) : table.get(pyStrip(prompt));
}

export function evaluateIfbenchContracts(input: string | Uint8Array, responses: string | Uint8Array, options: IfbenchEvalOptions = {}): IfbenchContractEvaluation {
  const revision = options.revision ?? "published";
  const compiled = compileIfevalInputs(input, { origin: options.origin ?? "IFBench_test.jsonl", prefix: "ifbench", ifbenchRevision: revision });
  const problems: EvalProblem[] = [...compiled.problems];
  const parsed = parseIfevalResponses(responses);
  const responseProblems: EvalProblem[] = [
    ...parsed.errors.map((e): EvalProblem => ({ source: "responses", line: e.line, severity: "error", message: `${e.message}; the line is ignored` })),
    ...parsed.warnings.map((w): EvalProblem => ({ source: "responses", line: w.line, severity: "warning", message: w.message })),
  ];
  const table = ifbenchResponseTable(parsed.responses);
  const strictRows: RowResult[] = [];
  const looseRows: RowResult[] = [];
  const missingResponses: Array<{ key: string; line: number; prompt: string }> = [];
  const used = new Set<string>();
  for (const row of compiled.rows) {
    const { key, line, prompt } = row.converted.row;
    const response = lookup(table, prompt);
    if (response === undefined) {
      missingResponses.push({ key, line, prompt });
      problems.push({ source: "input", line, key, severity: "warning", message: "no response for this prompt; scored as IFBench does: empty response, every instruction unfollowed" });
      const ids = row.converted.row.constraints.map((c) => c.instructionId);
      for (const rows of [strictRows, looseRows]) rows.push(emptyRow(key, line, row.contract.id, prompt, ids, row.converted.constraintIds));
      continue;
    }
    used.add(prompt);
    used.add(pyStrip(prompt));
    strictRows.push(evaluateCompiledRow(row, response, "strict"));
    looseRows.push(evaluateCompiledRow(row, response, "loose"));
  }
  let unmatchedResponses = 0;
  for (const p of parsed.responses.keys()) if (!compiled.prompts.has(p) && !used.has(p) && !used.has(pyStrip(p))) unmatchedResponses++;
  return { revision, ...contractEvaluation({ compiled, strictRows, looseRows, missingResponses, unmatchedResponses, problems, responseProblems }) };
}

function emptyRow(key: string, line: number, contract: string, prompt: string, ids: string[], constraints: readonly string[]): RowResult {
  const follow = ids.map(() => false);
  return {
    key,
    line,
    contract,
    instructions: ids.map((id, i) => ({ id, constraint: constraints[i] ?? "", followed: false, status: "fail" as const, evidence: "no response for this prompt" })),
    followAll: false,
    record: { prompt, response: "", instruction_id_list: ids, follow_instruction_list: follow, follow_all_instructions: false },
  };
}

/** One result line as IFBench writes it: `json.dumps` with sorted attribute names and ASCII-only escapes. */
export function formatIfbenchRecord(r: IfevalResultRecord): string {
  return formatIfevalRecord(r).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function formatIfbenchResults(records: readonly IfevalResultRecord[]): string {
  return records.map((r) => `${formatIfbenchRecord(r)}\n`).join("");
}

/** `<model>` of IFBench's output names, from the responses file name. */
export function ifbenchModelName(responsesPath: string): string {
  const base = basename(responsesPath);
  return base.includes("-responses.jsonl") ? base.replaceAll("-responses.jsonl", "") : base.slice(0, base.length - extname(base).length);
}

export function ifbenchOutputNames(responsesPath: string): { strict: string; loose: string } {
  const model = ifbenchModelName(responsesPath);
  return { strict: `${model}-eval_results_strict.jsonl`, loose: `${model}-eval_results_loose.jsonl` };
}
