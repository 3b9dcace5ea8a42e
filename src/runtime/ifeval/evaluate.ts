/**
 * Strict and loose evaluation of IFEval rows, producing records in the shape
 * of the reference `eval_results_{strict,loose}.jsonl` plus accuracy reports.
 */
import { pyStrip } from "../text/python-chars.js";
import { runCheck } from "./registry.js";
import { failure } from "./support.js";
import type { CheckOutcome, EvaluationMode, IfevalInput, IfevalResultRecord } from "./types.js";
import { looseVariants } from "./variants.js";

export interface InstructionResult {
  id: string;
  kwargs: Record<string, unknown>;
  followed: boolean;
  outcome: CheckOutcome;
  /** Loose mode: the variant whose check passed (or the one reported when none did). */
  variant?: string;
}

export interface RowEvaluation {
  key: IfevalInput["key"];
  mode: EvaluationMode;
  results: InstructionResult[];
  followAll: boolean;
  record: IfevalResultRecord;
}

const EMPTY = "response is empty after stripping whitespace; the reference fails every instruction";

/** Evaluate every instruction of one row against `response`. */
export function evaluateRow(row: IfevalInput, response: string, mode: EvaluationMode): RowEvaluation {
  const ids = Array.isArray(row.instruction_id_list) ? row.instruction_id_list : [];
  const kwargsList = Array.isArray(row.kwargs) ? row.kwargs : [];
  const text = typeof response === "string" ? response : "";
  const prompt = typeof row.prompt === "string" ? row.prompt : "";
  const variants = mode === "loose" ? looseVariants(text).filter((v) => pyStrip(v.text) !== "") : undefined;
  const blank = mode === "strict" && pyStrip(text) === ""; // once per row, not per instruction
  const results: InstructionResult[] = ids.map((id, index) => {
    const kwargs = kwargsList[index];
    if (index >= kwargsList.length) {
      return { id, kwargs: {}, followed: false, outcome: failure(`no kwargs for instruction ${index + 1} (${id}): kwargs list is shorter than instruction_id_list`) };
    }
    const kw = kwargs ?? {};
    if (mode === "strict") {
      if (blank) return { id, kwargs: kw, followed: false, outcome: failure(EMPTY) };
      const outcome = runCheck(id, text, kw, prompt);
      return { id, kwargs: kw, followed: outcome.pass, outcome };
    }
    if (!variants || variants.length === 0) return { id, kwargs: kw, followed: false, outcome: failure(EMPTY), variant: "original" };
    let first: { outcome: CheckOutcome; variant: string } | undefined;
    for (const v of variants) {
      const outcome = runCheck(id, v.text, kw, prompt);
      if (outcome.pass) return { id, kwargs: kw, followed: true, outcome, variant: v.name };
      first ??= { outcome, variant: v.name };
    }
    return { id, kwargs: kw, followed: false, outcome: first!.outcome, variant: first!.variant };
  });
  const follow = results.map((r) => r.followed);
  const followAll = follow.every(Boolean);
  return {
    key: row.key,
    mode,
    results,
    followAll,
    record: {
      prompt,
      response: text,
      instruction_id_list: ids,
      follow_instruction_list: follow,
      follow_all_instructions: followAll,
    },
  };
}

export interface AccuracyCounts {
  total: number;
  followed: number;
  accuracy: number;
}

export interface AccuracyStats {
  prompts: number;
  promptsFollowed: number;
  /** Fraction of prompts whose instructions were all followed. */
  promptLevelAccuracy: number;
  instructions: number;
  instructionsFollowed: number;
  /** Fraction of all instruction instances followed. */
  instructionLevelAccuracy: number;
  /** "tier1": per full instruction id. */
  byInstruction: Record<string, AccuracyCounts>;
  /** "tier0": per category prefix (`keywords`, `detectable_format`, ...). */
  byCategory: Record<string, AccuracyCounts>;
}

function bump(map: Record<string, AccuracyCounts>, key: string, ok: boolean): void {
  const c = (map[key] ??= { total: 0, followed: 0, accuracy: 0 });
  c.total++;
  if (ok) c.followed++;
}

function finish(map: Record<string, AccuracyCounts>): Record<string, AccuracyCounts> {
  const out: Record<string, AccuracyCounts> = {};
  for (const k of Object.keys(map).sort()) {
    const c = map[k]!;
    out[k] = { ...c, accuracy: c.total ? c.followed / c.total : 0 };
  }
  return out;
}

/** Accuracy report over result records (works on reference records too). */
export function accuracyStats(records: readonly IfevalResultRecord[]): AccuracyStats {
  let promptsFollowed = 0;
  let instructions = 0;
  let instructionsFollowed = 0;
  const byInstruction: Record<string, AccuracyCounts> = {};
  const byCategory: Record<string, AccuracyCounts> = {};
  for (const r of records) {
    if (r.follow_instruction_list.every(Boolean)) promptsFollowed++;
    r.instruction_id_list.forEach((id, i) => {
      const ok = r.follow_instruction_list[i] === true;
      instructions++;
      if (ok) instructionsFollowed++;
      bump(byInstruction, id, ok);
      bump(byCategory, id.split(":")[0]!, ok);
    });
  }
  return {
    prompts: records.length,
    promptsFollowed,
    promptLevelAccuracy: records.length ? promptsFollowed / records.length : 0,
    instructions,
    instructionsFollowed,
    instructionLevelAccuracy: instructions ? instructionsFollowed / instructions : 0,
    byInstruction: finish(byInstruction),
    byCategory: finish(byCategory),
  };
}

export interface ModeEvaluation {
  records: IfevalResultRecord[];
  rows: RowEvaluation[];
  stats: AccuracyStats;
}

export interface IfevalEvaluation {
  strict: ModeEvaluation;
  loose: ModeEvaluation;
  /** Inputs that have no response (matched by exact prompt string); they are not scored. */
  missingResponses: Array<{ key: IfevalInput["key"]; prompt: string }>;
  /** Number of responses whose prompt matches no input (ignored, as the reference does). */
  unmatchedResponses: number;
}

/** `instanceof Map` alone narrows a ReadonlyMap to `Map<any, any>`. */
function isResponseMap(responses: ReadonlyMap<string, string> | Readonly<Record<string, string>>): responses is ReadonlyMap<string, string> {
  return responses instanceof Map;
}

function lookup(responses: ReadonlyMap<string, string> | Readonly<Record<string, string>>, prompt: string): string | undefined {
  if (isResponseMap(responses)) return responses.get(prompt);
  return Object.prototype.hasOwnProperty.call(responses, prompt) ? responses[prompt] : undefined;
}

/**
 * Evaluate all inputs strictly and loosely. Responses are matched to inputs by
 * the exact prompt string. Missing responses are reported by key instead of
 * aborting the run.
 */
export function evaluateIfeval(
  inputs: readonly IfevalInput[],
  responsesByPrompt: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): IfevalEvaluation {
  const strictRows: RowEvaluation[] = [];
  const looseRows: RowEvaluation[] = [];
  const missingResponses: IfevalEvaluation["missingResponses"] = [];
  const used = new Set<string>();
  for (const input of inputs) {
    const response = lookup(responsesByPrompt, input.prompt);
    if (typeof response !== "string") {
      missingResponses.push({ key: input.key, prompt: input.prompt });
      continue;
    }
    used.add(input.prompt);
    strictRows.push(evaluateRow(input, response, "strict"));
    looseRows.push(evaluateRow(input, response, "loose"));
  }
  const all = isResponseMap(responsesByPrompt) ? [...responsesByPrompt.keys()] : Object.keys(responsesByPrompt);
  const unmatchedResponses = all.filter((p) => !used.has(p)).length;
  const mode = (rows: RowEvaluation[]): ModeEvaluation => {
    const records = rows.map((r) => r.record);
    return { records, rows, stats: accuracyStats(records) };
  };
  return { strict: mode(strictRows), loose: mode(looseRows), missingResponses, unmatchedResponses };
}
