/**
 * Labels: what a reward request says a response must satisfy. Engines carry the
 * label in their dataset (verl `ground_truth`, OpenRLHF `labels`, a TRL column), so
 * it arrives as an object or as that object serialised to a string:
 *
 * - `{"contract": NAME, "inputs": {...}, "keep"?: [ids]}`: a contract the server
 *   loaded; `keep` restricts it to a hindsight subset (what /v1/hindsight returns).
 * - an IFEval row (`instruction_id_list` + `kwargs`) or open-instruct ground truth
 *   (`instruction_id` + `kwargs`, alone, in a list, or as a Python/JSON literal):
 *   compiled through the same import path as `hir import`.
 *
 * Compiling is done once per distinct label (a bounded cache); a label that cannot
 * be compiled is an error for the items that use it, never a pass.
 */
import type { CompiledConstraint, CompiledContract } from "../../compiler/ir.js";
import { runPipeline } from "../../compiler/pipeline.js";
import { rowsToContractSource } from "../../interop/import/contracts.js";
import { readIfevalInputs } from "../../interop/import/ifeval.js";
import { readOpenInstructRows } from "../../interop/import/open-instruct.js";
import { parsePythonLiteral } from "../../interop/import/python-literal.js";
import type { ImportRead } from "../../interop/import/rows.js";
import { memoryHost } from "../../language/node-host.js";
import { resolveInputs, type ResolvedInputs } from "../../runtime/inputs.js";
import { renderInstruction } from "../../runtime/render.js";
import { isRecord } from "../../common/records.js";

/** A label compiled to what verification needs. */
export interface ResolvedLabel {
  readonly contract: CompiledContract;
  readonly values: ResolvedInputs;
  /** The constraints to verify (all, or a `keep` subset closed under `requires`). */
  readonly constraints: readonly CompiledConstraint[];
  /** The instruction the constraints are verified against. */
  readonly instruction: string;
  /** True for IFEval/open-instruct labels: a response blank after stripping fails every instruction (the reference's strict rule). */
  readonly ifeval: boolean;
  /** The label of the same task restricted to `kept` (a hindsight replay's label). */
  relabel(kept: readonly string[]): unknown;
}

export type LabelResult = { readonly ok: true; readonly label: ResolvedLabel } | { readonly ok: false; readonly error: string };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A label given as a string: JSON first, then the Python literal form open-instruct stores. */
function decode(raw: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (typeof raw !== "string") return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    const py = parsePythonLiteral(raw);
    return py.ok ? { ok: true, value: py.value } : { ok: false, error: `the label string is neither JSON nor a Python literal (${py.message})` };
  }
}

/** Canonical JSON (sorted keys) so equal labels share one cache entry. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isRecord(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

export interface LabelResolverOptions {
  /** Distinct labels kept compiled (default 4096); the oldest is evicted first. */
  readonly cacheSize?: number;
}

/** Resolves labels against the loaded contracts, compiling imported ground truths once each. */
export class LabelResolver {
  private readonly cache = new Map<string, LabelResult>();
  private readonly cacheSize: number;

  constructor(
    private readonly contracts: ReadonlyMap<string, CompiledContract>,
    opts: LabelResolverOptions = {},
  ) {
    this.cacheSize = Math.max(1, opts.cacheSize ?? 4096);
  }

  /** `prompt` is the task text of an imported label (IFEval rows carry it; it only shapes the rendered instruction). */
  resolve(raw: unknown, prompt = ""): LabelResult {
    const decoded = decode(raw);
    if (!decoded.ok) return { ok: false, error: decoded.error };
    const value = decoded.value;
    const key = `${canonical(value)}\u0000${isRecord(value) && typeof value["contract"] === "string" ? "" : prompt}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const result = this.compile(value, prompt);
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, result);
    return result;
  }

  get size(): number {
    return this.cache.size;
  }

  private compile(value: unknown, prompt: string): LabelResult {
    if (isRecord(value) && "contract" in value) return this.contractLabel(value);
    if (isRecord(value) && "instruction_id_list" in value) {
      const row = { key: "label", prompt: typeof value["prompt"] === "string" ? value["prompt"] : prompt, instruction_id_list: value["instruction_id_list"], kwargs: value["kwargs"] };
      return importedLabel(readIfevalInputs(JSON.stringify(row)), (kept) => ({ prompt: row.prompt, ...filterIfeval(row, kept) }));
    }
    if ((isRecord(value) && "instruction_id" in value) || Array.isArray(value)) {
      const row = { key: "label", prompt, ground_truth: Array.isArray(value) ? value : [value] };
      const spec = openInstructSpec(row.ground_truth);
      return importedLabel(readOpenInstructRows(JSON.stringify(row)), (kept) => (spec ? [filterOpenInstruct(spec, kept)] : null));
    }
    return {
      ok: false,
      error: 'unrecognised label: expected {"contract", "inputs"}, an IFEval row (instruction_id_list, kwargs) or open-instruct ground truth (instruction_id, kwargs)',
    };
  }

  private contractLabel(v: Record<string, unknown>): LabelResult {
    const name = v["contract"];
    if (typeof name !== "string") return { ok: false, error: "`contract` must be a string" };
    const contract = this.contracts.get(name);
    if (!contract) return { ok: false, error: `unknown contract \`${name}\` (loaded: ${[...this.contracts.keys()].join(", ") || "none"})` };
    const given = v["inputs"] ?? {};
    if (!isRecord(given)) return { ok: false, error: "`inputs` must be an object" };
    const resolved = resolveInputs(contract, given);
    if (!resolved.ok) return { ok: false, error: `invalid inputs for \`${name}\`: ${resolved.errors.map((e) => e.message).join("; ")}` };
    let constraints: readonly CompiledConstraint[] = contract.constraints;
    const keep = v["keep"];
    if (keep !== undefined) {
      if (!Array.isArray(keep) || !keep.every((k): k is string => typeof k === "string")) return { ok: false, error: "`keep` must be a list of constraint ids" };
      const unknown = keep.filter((k) => !contract.constraints.some((c) => c.id === k));
      if (unknown.length > 0) return { ok: false, error: `\`${name}\` has no constraint ${unknown.map((k) => `\`${k}\``).join(", ")}` };
      constraints = contract.constraints.filter((c) => keep.includes(c.id));
      for (const c of constraints) {
        const missing = c.requires.filter((r) => !keep.includes(r));
        if (missing.length > 0) return { ok: false, error: `\`keep\` has \`${c.id}\` without its prerequisite ${missing.map((r) => `\`${r}\``).join(", ")}` };
      }
    }
    const ids = constraints === contract.constraints ? undefined : constraints.map((c) => c.id);
    return {
      ok: true,
      label: {
        contract,
        values: resolved.values,
        constraints,
        instruction: renderInstruction(contract, resolved.values, ids),
        ifeval: false,
        relabel: (kept) => ({ contract: name, inputs: given, keep: [...kept] }),
      },
    };
  }
}

/** Imported rows (at most one) -> contract source -> program -> IR, as `hir import` and `hir eval` do. */
function importedLabel(read: ImportRead, relabel: (keptInstructionIds: readonly number[]) => unknown): LabelResult {
  const problem = read.problems[0];
  if (problem || read.rows.length !== 1) return { ok: false, error: `invalid ground truth: ${problem?.message ?? "no row"}` };
  const generated = rowsToContractSource(read.rows, { prefix: "label", origin: "label" });
  const converted = generated.converted[0];
  if (generated.problems[0] || !converted) return { ok: false, error: `invalid ground truth: ${generated.problems[0]?.message ?? "not converted"}` };
  const path = "label.contract";
  const run = runPipeline({ files: [path], host: memoryHost({ [path]: generated.source }), baseDir: "/" });
  const error = run.errors[0];
  if (error) return { ok: false, error: `the ground truth does not compile: ${error.code} ${error.message}` };
  const contract = run.contracts[0];
  if (!contract) return { ok: false, error: `the ground truth does not compile: ${run.skipped[0]?.reason ?? "no contract"}` };
  const resolved = resolveInputs(contract, {});
  if (!resolved.ok) return { ok: false, error: resolved.errors.map((e) => e.message).join("; ") };
  const position = new Map(converted.constraintIds.map((id, i) => [id, i]));
  return {
    ok: true,
    label: {
      contract,
      values: resolved.values,
      constraints: contract.constraints,
      instruction: renderInstruction(contract, resolved.values),
      ifeval: true,
      relabel: (kept) => relabel(kept.map((id) => position.get(id)).filter((i): i is number => i !== undefined)),
    },
  };
}

function filterIfeval(row: { instruction_id_list: unknown; kwargs: unknown }, kept: readonly number[]): { instruction_id_list: Json; kwargs: Json } {
  const ids = Array.isArray(row.instruction_id_list) ? (row.instruction_id_list as Json[]) : [];
  const kwargs = Array.isArray(row.kwargs) ? (row.kwargs as Json[]) : [];
  return { instruction_id_list: kept.map((i) => ids[i] ?? null), kwargs: kwargs.length === 0 ? [] : kept.map((i) => kwargs[i] ?? null) };
}

/** The open-instruct dict (first element of the list form, decoded if it is a string), for relabelling. */
function openInstructSpec(list: unknown[]): Record<string, unknown> | undefined {
  let first = list[0];
  if (typeof first === "string") {
    const py = parsePythonLiteral(first);
    first = py.ok ? py.value : undefined;
  }
  return isRecord(first) ? first : undefined;
}

function filterOpenInstruct(spec: Record<string, unknown>, kept: readonly number[]): Record<string, Json> {
  const ids = Array.isArray(spec["instruction_id"]) ? (spec["instruction_id"] as Json[]) : [];
  const kwargs = Array.isArray(spec["kwargs"]) ? (spec["kwargs"] as Json[]) : [];
  return { instruction_id: kept.map((i) => ids[i] ?? null), kwargs: kept.map((i) => kwargs[i] ?? null) };
}
