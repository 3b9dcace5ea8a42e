/**
 * `hir eval ifeval` as a library: a drop-in for IFEval's `evaluation_main` that
 * goes through the contract toolchain instead of calling the checkers directly.
 *
 *   input_data.jsonl --readIfevalInputs--> rows --rowsToContractSource--> contract source
 *     --runPipeline (check, lower)--> IR contracts --verify (runtime)--> verdicts
 *
 * - strict: an instruction is followed when `response.strip()` is not empty and
 *   its constraint passes on the response.
 * - loose: the constraint runs on the 8 `looseVariants(response)` that are not
 *   blank after stripping; the instruction is followed when any of them passes.
 * - Responses are matched to inputs by the exact prompt string (as the reference).
 *   Inputs without a response are listed in `missingResponses` by key and are not
 *   scored (the reference would stop with an error); responses that match no input
 *   are counted in `unmatchedResponses`.
 * - Rows that cannot be converted (malformed line, unknown instruction id, bad
 *   kwargs) are listed in `skippedRows` and in `problems`; the rest are scored.
 * - Nothing throws on user input: every problem is reported with its line number.
 */
import type { CompiledConstraint, CompiledContract } from "../compiler/ir.js";
import { runPipeline } from "../compiler/pipeline.js";
import { rowsToContractSource, type ContractSourceOptions, type ConvertedRow } from "./import/contracts.js";
import { readIfevalInputs } from "./import/ifeval.js";
import type { ImportedRow } from "./import/rows.js";
import { memoryHost } from "../language/node-host.js";
import { accuracyStats, type AccuracyStats } from "../runtime/ifeval/evaluate.js";
import { parseIfevalResponses } from "../runtime/ifeval/jsonl.js";
import type { EvaluationMode, IfevalResultRecord } from "../runtime/ifeval/types.js";
import { looseVariants } from "../runtime/ifeval/variants.js";
import { resolveInputs } from "../runtime/inputs.js";
import { pyStrip } from "../runtime/text/python-chars.js";
import { renderInstruction, verify, verifySync, type VerdictStatus } from "../runtime/verify.js";

export type { AccuracyStats } from "../runtime/ifeval/evaluate.js";

/** Which file a problem is about. */
export type EvalProblemSource = "input" | "responses" | "contracts";

export interface EvalProblem {
  readonly source: EvalProblemSource;
  /** 1-based line in the input or responses file (0: the file as a whole). */
  readonly line: number;
  /** The IFEval key of the row, when known. */
  readonly key?: string;
  /** `error`: the line or row was not used; `warning`: it was used with a caveat. */
  readonly severity: "error" | "warning";
  readonly message: string;
}

export interface InstructionVerdict {
  /** IFEval instruction id. */
  readonly id: string;
  /** Constraint id in the generated contract. */
  readonly constraint: string;
  readonly followed: boolean;
  /** The runtime's verdict status (`unknown` counts as not followed). */
  readonly status: VerdictStatus;
  /** Why, from the runtime (the check's evidence, or why it was not evaluated). */
  readonly evidence: string;
  /** Loose mode: the variant that passed, or the first one tried when none did. */
  readonly variant?: string;
}

export interface RowResult {
  readonly key: string;
  /** Line of the row in the input file. */
  readonly line: number;
  /** The generated contract's name. */
  readonly contract: string;
  readonly instructions: readonly InstructionVerdict[];
  readonly followAll: boolean;
  /** Exactly the reference's `eval_results_*.jsonl` record. */
  readonly record: IfevalResultRecord;
}

export interface ModeResult {
  readonly mode: EvaluationMode;
  readonly rows: readonly RowResult[];
  readonly records: readonly IfevalResultRecord[];
  readonly stats: AccuracyStats;
}

export interface IfevalContractEvaluation {
  readonly strict: ModeResult;
  readonly loose: ModeResult;
  /** Input rows with no response (matched by exact prompt); not scored. */
  readonly missingResponses: ReadonlyArray<{ key: string; line: number; prompt: string }>;
  /** Input rows that could not be turned into a contract; not scored. */
  readonly skippedRows: ReadonlyArray<{ key?: string; line: number; reason: string }>;
  /** Responses whose prompt matches no input row (ignored, as in the reference). */
  readonly unmatchedResponses: number;
  /** Every problem, sorted by file and line. */
  readonly problems: readonly EvalProblem[];
  /** The generated contract source (what `hir import ifeval` prints for the same input). */
  readonly source: string;
  /** Number of contracts compiled. */
  readonly contracts: number;
}

export interface IfevalEvalOptions {
  /** Shown in the generated source's comments (default `input_data.jsonl`). */
  readonly origin?: string;
  /** Contract name prefix (default `ifeval`). */
  readonly prefix?: string;
  /** IFBench code revision for IFBench ids (default "published"). */
  readonly ifbenchRevision?: "published" | "current";
}

/** The virtual path of the generated source. */
const SOURCE_PATH = "ifeval-import.contract";
const EMPTY = "response is empty after stripping whitespace; the reference fails every instruction";

/** One input row compiled to an IR contract, ready to verify responses. */
export interface CompiledIfevalRow {
  readonly converted: ConvertedRow;
  readonly contract: CompiledContract;
  /** @internal Inputs resolved and instruction rendered once per contract. */
  readonly prepared: Prepared;
}

type CompiledRow = Omit<CompiledIfevalRow, "prepared">;

/** Compiles the generated source; if it has errors (it should not), compiles row by row so one bad row loses only itself. */
function compile(source: string, converted: readonly ConvertedRow[], opts: ContractSourceOptions): { rows: CompiledRow[]; problems: EvalProblem[] } {
  const whole = runPipeline({ files: [SOURCE_PATH], host: memoryHost({ [SOURCE_PATH]: source }), baseDir: "/" });
  if (whole.errors.length === 0) {
    const byName = new Map(whole.contracts.map((c) => [c.id, c]));
    const rows: CompiledRow[] = [];
    const problems: EvalProblem[] = [];
    for (const cv of converted) {
      const contract = byName.get(cv.name);
      if (contract) rows.push({ converted: cv, contract });
      else {
        const why = whole.skipped.find((s) => s.contract === cv.name)?.reason ?? "not compiled";
        problems.push({ source: "contracts", line: cv.row.line, key: cv.row.key, severity: "error", message: `contract \`${cv.name}\` was not compiled: ${why}; the row is skipped` });
      }
    }
    return { rows, problems };
  }
  const rows: CompiledRow[] = [];
  const problems: EvalProblem[] = [];
  for (const cv of converted) {
    const one = rowsToContractSource([cv.row], opts);
    const single = one.converted[0];
    const run = runPipeline({ files: [SOURCE_PATH], host: memoryHost({ [SOURCE_PATH]: one.source }), baseDir: "/" });
    const error = run.errors[0];
    const contract = error === undefined ? run.contracts[0] : undefined;
    if (!single || !contract) {
      const why = error ? `${error.code} ${error.message}` : (run.skipped[0]?.reason ?? "not compiled");
      problems.push({ source: "contracts", line: cv.row.line, key: cv.row.key, severity: "error", message: `the generated contract does not compile (${why}); the row is skipped` });
      continue;
    }
    rows.push({ converted: single, contract });
  }
  return { rows, problems };
}

/** Verifies a prepared contract on one text: constraint id -> verdict, for `constraints` only. */
export type Prepared = { ok: true; run: (text: string, constraints: readonly CompiledConstraint[]) => Map<string, { status: VerdictStatus; evidence: string }> } | { ok: false; why: string };

function prepare(contract: CompiledContract): Prepared {
  const inputs = resolveInputs(contract, {});
  if (!inputs.ok) {
    // Imported contracts declare no inputs; verifySync reports the problem in each verdict.
    const v = verifySync(contract, "", {});
    return { ok: false, why: v.verdicts[0]?.evidence ?? "invalid inputs" };
  }
  const instruction = renderInstruction(contract, inputs.values);
  const gated = contract.constraints.some((c) => c.requires.length > 0);
  return {
    ok: true,
    run: (text, constraints) => {
      // Subsets must be closed under `requires`; imported contracts have none, but stay correct if they do.
      const verdicts = verify(contract, text, inputs.values, { sync: true, constraints: gated ? contract.constraints : constraints, instruction }).verdicts;
      return new Map(verdicts.map((v) => [v.id, { status: v.status, evidence: v.evidence }]));
    },
  };
}

/** Strict or loose verdicts of one response for one compiled row, through the runtime's verify. */
export function evaluateCompiledRow(row: CompiledIfevalRow, response: string, mode: EvaluationMode): RowResult {
  const { converted, contract, prepared } = row;
  const ids = converted.row.constraints.map((c) => c.instructionId);
  const byId = new Map(contract.constraints.map((c) => [c.id, c]));
  const constraintOf = (i: number) => converted.constraintIds[i] ?? "";
  const fail = (evidence: string, variant?: string): InstructionVerdict[] =>
    ids.map((id, i) => ({ id, constraint: constraintOf(i), followed: false, status: "fail" as const, evidence, ...(variant !== undefined ? { variant } : {}) }));
  let instructions: InstructionVerdict[];
  if (!prepared.ok) {
    instructions = ids.map((id, i) => ({ id, constraint: constraintOf(i), followed: false, status: "unknown" as const, evidence: prepared.why }));
  } else if (mode === "strict") {
    if (pyStrip(response) === "") instructions = fail(EMPTY);
    else {
      const verdicts = prepared.run(response, contract.constraints);
      instructions = ids.map((id, i) => {
        const v = verdicts.get(constraintOf(i));
        return v
          ? { id, constraint: constraintOf(i), followed: v.status === "pass", status: v.status, evidence: v.evidence }
          : { id, constraint: constraintOf(i), followed: false, status: "unknown" as const, evidence: "no verdict for this constraint" };
      });
    }
  } else {
    const variants = looseVariants(response).filter((v) => pyStrip(v.text) !== "");
    if (variants.length === 0) instructions = fail(EMPTY, "original");
    else {
      const found = new Map<string, InstructionVerdict>();
      const first = new Map<string, { status: VerdictStatus; evidence: string; variant: string }>();
      for (const variant of variants) {
        const remaining = converted.constraintIds.filter((c) => !found.has(c)).map((c) => byId.get(c)).filter((c): c is CompiledConstraint => c !== undefined);
        if (remaining.length === 0) break;
        const verdicts = prepared.run(variant.text, remaining);
        for (const c of remaining) {
          const v = verdicts.get(c.id);
          if (!v) continue;
          if (v.status === "pass") found.set(c.id, { id: "", constraint: c.id, followed: true, status: "pass", evidence: v.evidence, variant: variant.name });
          else if (!first.has(c.id)) first.set(c.id, { ...v, variant: variant.name });
        }
      }
      instructions = ids.map((id, i) => {
        const c = constraintOf(i);
        const hit = found.get(c);
        if (hit) return { ...hit, id };
        const miss = first.get(c);
        return miss
          ? { id, constraint: c, followed: false, status: miss.status, evidence: miss.evidence, variant: miss.variant }
          : { id, constraint: c, followed: false, status: "unknown" as const, evidence: "no verdict for this constraint" };
      });
    }
  }
  const follow = instructions.map((r) => r.followed);
  const followAll = follow.every(Boolean);
  return {
    key: converted.row.key,
    line: converted.row.line,
    contract: contract.id,
    instructions,
    followAll,
    record: { prompt: converted.row.prompt, response, instruction_id_list: ids, follow_instruction_list: follow, follow_all_instructions: followAll },
  };
}

export interface CompiledIfevalInputs {
  readonly rows: readonly CompiledIfevalRow[];
  /** Problems with the input file (malformed lines, rows that could not be converted or compiled). */
  readonly problems: readonly EvalProblem[];
  readonly skippedRows: ReadonlyArray<{ key?: string; line: number; reason: string }>;
  /** The generated contract source. */
  readonly source: string;
  /** Every prompt read from the input (including skipped rows), to tell unmatched responses apart. */
  readonly prompts: ReadonlySet<string>;
}

/** input_data.jsonl -> rows -> contract source -> pipeline (check, lower): one IR contract per row. */
export function compileIfevalInputs(input: string | Uint8Array, options: IfevalEvalOptions = {}): CompiledIfevalInputs {
  const origin = options.origin ?? "input_data.jsonl";
  const problems: EvalProblem[] = [];
  const skippedRows: Array<{ key?: string; line: number; reason: string }> = [];
  const skip = (p: { line: number; key?: string; message: string }, message: string) => {
    problems.push({ source: "input", line: p.line, ...(p.key !== undefined ? { key: p.key } : {}), severity: "error", message });
    skippedRows.push({ ...(p.key !== undefined ? { key: p.key } : {}), line: p.line, reason: p.message });
  };
  const read = readIfevalInputs(input);
  for (const w of read.warnings) problems.push({ source: "input", line: w.line, severity: "warning", message: w.message });
  for (const p of read.problems) skip(p, `${p.message}; the row is skipped`);
  const sourceOptions: ContractSourceOptions = { prefix: options.prefix ?? "ifeval", origin, ...(options.ifbenchRevision ? { ifbenchRevision: options.ifbenchRevision } : {}) };
  const generated = rowsToContractSource(read.rows, sourceOptions);
  for (const p of generated.problems) skip(p, p.message);
  const compiled = compile(generated.source, generated.converted, sourceOptions);
  for (const p of compiled.problems) skip(p, p.message);
  problems.sort((a, b) => a.line - b.line);
  return {
    rows: compiled.rows.map((r) => ({ ...r, prepared: prepare(r.contract) })),
    problems,
    skippedRows: skippedRows.sort((a, b) => a.line - b.line),
    source: generated.source,
    prompts: new Set(read.rows.map((r: ImportedRow) => r.prompt)),
  };
}

/**
 * Evaluates IFEval responses through the contract toolchain. `input` is IFEval's
 * input_data.jsonl, `responses` the `{prompt, response}` JSONL (text or raw bytes;
 * bytes let invalid UTF-8 be reported by line).
 */
export function evaluateIfevalContracts(input: string | Uint8Array, responses: string | Uint8Array, options: IfevalEvalOptions = {}): IfevalContractEvaluation {
  const compiled = compileIfevalInputs(input, options);
  const problems: EvalProblem[] = [...compiled.problems];

  const table = parseIfevalResponses(responses);
  const responseProblems: EvalProblem[] = [];
  for (const e of table.errors) responseProblems.push({ source: "responses", line: e.line, severity: "error", message: `${e.message}; the line is ignored` });
  for (const w of table.warnings) responseProblems.push({ source: "responses", line: w.line, severity: "warning", message: w.message });

  const strictRows: RowResult[] = [];
  const looseRows: RowResult[] = [];
  const missingResponses: Array<{ key: string; line: number; prompt: string }> = [];
  for (const row of compiled.rows) {
    const { key, line, prompt } = row.converted.row;
    const response = table.responses.get(prompt);
    if (response === undefined) {
      missingResponses.push({ key, line, prompt });
      problems.push({ source: "input", line, key, severity: "error", message: `no response for key ${key} (prompt ${preview(prompt)}); the row is not scored` });
      continue;
    }
    strictRows.push(evaluateCompiledRow(row, response, "strict"));
    looseRows.push(evaluateCompiledRow(row, response, "loose"));
  }
  let unmatchedResponses = 0;
  for (const p of table.responses.keys()) if (!compiled.prompts.has(p)) unmatchedResponses++;

  return contractEvaluation({ compiled, strictRows, looseRows, missingResponses, unmatchedResponses, problems, responseProblems });
}

/** What a benchmark evaluation reports once its rows are scored (IFEval and IFBench alike): problems in line order, input's first. */
export function contractEvaluation(parts: {
  readonly compiled: CompiledIfevalInputs;
  readonly strictRows: readonly RowResult[];
  readonly looseRows: readonly RowResult[];
  readonly missingResponses: IfevalContractEvaluation["missingResponses"];
  readonly unmatchedResponses: number;
  readonly problems: readonly EvalProblem[];
  readonly responseProblems: readonly EvalProblem[];
}): IfevalContractEvaluation {
  const byLine = (a: EvalProblem, b: EvalProblem) => a.line - b.line;
  return {
    strict: modeResult("strict", parts.strictRows),
    loose: modeResult("loose", parts.looseRows),
    missingResponses: parts.missingResponses,
    skippedRows: parts.compiled.skippedRows,
    unmatchedResponses: parts.unmatchedResponses,
    problems: [...[...parts.problems].sort(byLine), ...[...parts.responseProblems].sort(byLine)],
    source: parts.compiled.source,
    contracts: parts.compiled.rows.length,
  };
}

/** The rows of one mode with their records and accuracy statistics. */
export function modeResult(mode: EvaluationMode, rows: readonly RowResult[]): ModeResult {
  const records = rows.map((r) => r.record);
  return { mode, rows, records, stats: accuracyStats(records) };
}

function preview(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return JSON.stringify(one.length > 60 ? `${one.slice(0, 59)}…` : one);
}

/**
 * One `eval_results_*.jsonl` line exactly as the reference writes it: Python's
 * `json.dumps(record, sort_keys=True, ensure_ascii=False)` (", " and ": " separators).
 * Lone surrogates, which Python cannot write as UTF-8, are escaped as `\udXXX`.
 */
export function formatIfevalRecord(r: IfevalResultRecord): string {
  const s = (v: string) => JSON.stringify(v);
  const list = <T>(xs: readonly T[], f: (x: T) => string) => `[${xs.map(f).join(", ")}]`;
  return (
    `{"follow_all_instructions": ${r.follow_all_instructions}, ` +
    `"follow_instruction_list": ${list(r.follow_instruction_list, String)}, ` +
    `"instruction_id_list": ${list(r.instruction_id_list, s)}, ` +
    `"prompt": ${s(r.prompt)}, "response": ${s(r.response)}}`
  );
}

/** The contents of an `eval_results_*.jsonl` file. */
export function formatIfevalResults(records: readonly IfevalResultRecord[]): string {
  return records.map((r) => `${formatIfevalRecord(r)}\n`).join("");
}

/** One problem as `file:line: [key K: ]message`. */
export function formatEvalProblem(p: EvalProblem, files: { input: string; responses: string }): string {
  const file = p.source === "responses" ? files.responses : files.input;
  return `${file}:${p.line}: ${p.severity}: ${p.key !== undefined ? `key ${p.key}: ` : ""}${p.message}`;
}

/** The accuracy report: prompt- and instruction-level accuracy (strict, loose) and a per-instruction-id table. */
export function formatIfevalReport(ev: Pick<IfevalContractEvaluation, "strict" | "loose" | "contracts" | "missingResponses" | "skippedRows" | "unmatchedResponses">, benchmark = "IFEval"): string {
  const pct = (x: number) => x.toFixed(4);
  const s = ev.strict.stats;
  const l = ev.loose.stats;
  const out: string[] = [];
  out.push(
    `${benchmark} via contracts: ${ev.contracts} contracts, ${s.prompts} prompts scored` +
      `, ${ev.missingResponses.length} without a response, ${ev.skippedRows.length} rows skipped, ${ev.unmatchedResponses} unmatched responses`,
  );
  out.push("");
  out.push(`${"".padEnd(28)}${"strict".padStart(10)}${"loose".padStart(10)}`);
  out.push(`${"prompt-level accuracy".padEnd(28)}${pct(s.promptLevelAccuracy).padStart(10)}${pct(l.promptLevelAccuracy).padStart(10)}   (${s.promptsFollowed} / ${l.promptsFollowed} of ${s.prompts})`);
  out.push(`${"instruction-level accuracy".padEnd(28)}${pct(s.instructionLevelAccuracy).padStart(10)}${pct(l.instructionLevelAccuracy).padStart(10)}   (${s.instructionsFollowed} / ${l.instructionsFollowed} of ${s.instructions})`);
  const table = (title: string, a: AccuracyStats["byInstruction"], b: AccuracyStats["byInstruction"]) => {
    out.push("");
    out.push(`${title.padEnd(48)}${"n".padStart(6)}${"strict".padStart(10)}${"loose".padStart(10)}`);
    for (const id of Object.keys(a)) {
      const x = a[id]!;
      const y = b[id];
      out.push(`${id.padEnd(48)}${String(x.total).padStart(6)}${pct(x.accuracy).padStart(10)}${pct(y?.accuracy ?? 0).padStart(10)}`);
    }
  };
  table("instruction category", s.byCategory, l.byCategory);
  table("instruction id", s.byInstruction, l.byInstruction);
  return `${out.join("\n")}\n`;
}
