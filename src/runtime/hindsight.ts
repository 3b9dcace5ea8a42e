/**
 * Hindsight rewrite: turns a failed response into a replay sample by pairing it with
 * the instruction it actually fulfils, or refuses with a reason.
 *
 * Rules, in order (see docs and shared/reference/hir-algorithm.md):
 *  1. every constraint passed -> `success` (nothing to rewrite);
 *  2. a failed safety or pinned constraint -> refused `immutable-failed`;
 *  3. any unknown verdict -> refused `unknown-verdict` (fail closed);
 *  4. dropped = everything the failed constraints drag along through `requires` and
 *     coupled sets (src/runtime/drops.ts: one traversal of the IR's edges, which also
 *     names each drop's cause); if it contains a non-removable constraint -> refused
 *     `closure-hits-immutable`;
 *  5. kept = the rest; none -> `nothing-kept`; fewer than `min_kept` -> `below-min-kept`;
 *  6. the hindsight instruction renders only the kept clauses, in the same layout;
 *  7. the response is re-verified against the kept constraints under the new
 *     instruction; anything but a pass -> refused `reverification-failed`.
 * The result depends only on its arguments (and the judge's answers).
 *
 * One entry point, `hindsight`, for both verifier backends and both modes: the
 * re-verification is `verify`'s own (src/runtime/verify.ts `verifying`), with the
 * options' `HardBackend` (the IR interpreter by default, generated check functions
 * in src/runtime/compiled.ts), judge and `sync` flag.
 */
import type { CompiledConstraint, CompiledContract } from "../compiler/ir.js";
import { dropsOf, type DroppedConstraint } from "./drops.js";
import { resolveInputs, type ResolvedInputs } from "./inputs.js";
import type { Judge } from "./judge-interface.js";
import { renderInstruction } from "./render.js";
import { runAsync, runSync, verifying, type HardBackend, type Steps, type Verdict, type Verdicts } from "./verify.js";

export type { DropCause, DroppedConstraint } from "./drops.js";

export type RefusalReason =
  | "immutable-failed"
  | "closure-hits-immutable"
  | "below-min-kept"
  | "unknown-verdict"
  | "reverification-failed"
  | "nothing-kept";

export type HindsightResult =
  | { readonly outcome: "success" }
  | {
      readonly outcome: "refused";
      readonly reason: RefusalReason;
      /** The constraints the refusal is about (which failed, which would be dropped, which did not re-verify...). */
      readonly constraints: readonly string[];
      readonly message: string;
    }
  | {
      readonly outcome: "rewrite";
      /** Kept constraint ids, in contract order. */
      readonly kept: readonly string[];
      /** Dropped constraints with the cause, in contract order. */
      readonly dropped: readonly DroppedConstraint[];
      /** The hindsight instruction q': the task text plus only the kept clauses. */
      readonly instruction: string;
      /** Verdicts of the kept constraints under q' (all pass). */
      readonly reverification: Verdicts;
    };

export interface HindsightOptions {
  /** Judges kept soft constraints again under the hindsight instruction. */
  readonly judge?: Judge;
  /** Computes the re-verification's hard constraints (default: the IR interpreter). */
  readonly backend?: HardBackend;
  /** Return the result directly instead of a promise: no judge is called (contracts whose kept constraints are all hard). */
  readonly sync?: boolean;
}

export type HindsightSyncOptions = Pick<HindsightOptions, "backend">;

type Plan =
  | { readonly done: HindsightResult }
  | { readonly kept: readonly CompiledConstraint[]; readonly dropped: readonly DroppedConstraint[]; readonly values: ResolvedInputs; readonly instruction: string };

function ticks(ids: readonly string[]): string {
  return ids.map((id) => `\`${id}\``).join(", ");
}

function refused(reason: RefusalReason, constraints: readonly string[], message: string): { done: HindsightResult } {
  return { done: { outcome: "refused", reason, constraints, message } };
}

/** What `plan` needs of a contract, computed once per contract object. */
interface ContractFacts {
  readonly order: readonly string[];
  readonly nonRemovable: ReadonlySet<string>;
  readonly safety: ReadonlySet<string>;
}

const factsByContract = new WeakMap<CompiledContract, ContractFacts>();

function factsOf(contract: CompiledContract): ContractFacts {
  let f = factsByContract.get(contract);
  if (!f) {
    f = {
      order: contract.constraints.map((c) => c.id),
      nonRemovable: new Set(contract.rewrite.nonRemovable),
      safety: new Set(contract.constraints.filter((c) => c.role === "safety").map((c) => c.id)),
    };
    factsByContract.set(contract, f);
  }
  return f;
}

/** Steps 1–6: everything up to re-verification. */
function plan(contract: CompiledContract, verdicts: Verdicts, inputs: Readonly<Record<string, unknown>>): Plan {
  if (verdicts.contract !== contract.id) {
    throw new Error(`the verdicts are for \`${verdicts.contract}\`, not \`${contract.id}\``);
  }
  const { order, nonRemovable, safety } = factsOf(contract);
  const byId = new Map<string, Verdict>();
  for (const v of verdicts.verdicts) byId.set(v.id, v);
  const failed: string[] = [];
  const unknown: string[] = [];
  for (const id of order) {
    const status = byId.get(id)?.status ?? "unknown";
    if (status === "fail") failed.push(id);
    else if (status === "unknown") unknown.push(id);
  }
  if (failed.length === 0 && unknown.length === 0) return { done: { outcome: "success" } };

  const immutableFailed = failed.filter((id) => nonRemovable.has(id));
  if (immutableFailed.length > 0) {
    const roles = immutableFailed.map((id) => `\`${id}\` (${safety.has(id) ? "safety" : "pinned"})`);
    return refused("immutable-failed", immutableFailed,
      `the response violates ${roles.join(", ")}, which can never be dropped: it is not eligible for replay`);
  }
  if (unknown.length > 0) {
    return refused("unknown-verdict", unknown,
      `${ticks(unknown)} ${unknown.length === 1 ? "has" : "have"} no definite verdict; a replay needs every constraint decided (unknown never counts as a pass)`);
  }

  const drops = dropsOf(contract, failed, ownFailures(failed, byId));
  const hit: string[] = [];
  const dropped: DroppedConstraint[] = [];
  const kept: CompiledConstraint[] = [];
  for (const c of contract.constraints) {
    const d = drops.get(c.id);
    if (d === undefined) kept.push(c);
    else {
      dropped.push(d);
      if (nonRemovable.has(c.id)) hit.push(c.id);
    }
  }
  if (hit.length > 0) {
    const how = hit.map((id) => {
      const d = drops.get(id);
      return d?.via ? `\`${id}\` (${d.cause === "coupled" ? "coupled with" : "requires"} \`${d.via}\`)` : `\`${id}\``;
    });
    return refused("closure-hits-immutable", hit,
      `dropping the failed ${ticks(failed)} would also drop ${how.join(", ")}, which can never be dropped`);
  }

  if (kept.length === 0) return refused("nothing-kept", [...failed], "every constraint would be dropped, so the hindsight instruction would keep nothing");
  const keptIds = kept.map((c) => c.id);
  if (kept.length < contract.rewrite.minKept) {
    return refused("below-min-kept", keptIds,
      `only ${kept.length} constraint${kept.length === 1 ? "" : "s"} would be kept (${ticks(keptIds)}), fewer than min_kept ${contract.rewrite.minKept}`);
  }

  const resolved = resolveInputs(contract, inputs);
  if (!resolved.ok) {
    return refused("unknown-verdict", [...order], `invalid inputs: ${resolved.errors.map((e) => e.message).join("; ")}`);
  }
  const instruction = renderInstruction(contract, resolved.values, keptIds);
  return { kept, dropped, values: resolved.values, instruction };
}

/**
 * Failed constraints that failed on their own: those failed only because a
 * prerequisite failed (`gatedBy`) are dropped through that prerequisite instead.
 * If every failure is gated (inconsistent verdicts), all count as own failures.
 */
function ownFailures(failed: readonly string[], byId: ReadonlyMap<string, Verdict>): string[] {
  const own = failed.filter((id) => !(byId.get(id)?.gatedBy?.length));
  return own.length > 0 ? own : [...failed];
}

function conclude(p: Extract<Plan, { kept: unknown }>, reverification: Verdicts): HindsightResult {
  const notPassed = reverification.verdicts.filter((v) => v.status !== "pass");
  if (notPassed.length > 0) {
    return {
      outcome: "refused",
      reason: "reverification-failed",
      constraints: notPassed.map((v) => v.id),
      message: `under the hindsight instruction, ${notPassed.map((v) => `\`${v.id}\` ${v.status === "fail" ? "fails" : "is unknown"} (${v.evidence})`).join("; ")}`,
    };
  }
  return { outcome: "rewrite", kept: p.kept.map((c) => c.id), dropped: p.dropped, instruction: p.instruction, reverification };
}

/**
 * Decides the hindsight replay of `response` given its verdicts under the original
 * instruction. Kept soft constraints are judged again under the hindsight
 * instruction (with `options.judge`; without one, or with `sync: true`, they are
 * unknown, so the replay is refused).
 */
export function hindsight(
  contract: CompiledContract, verdicts: Verdicts, response: string, inputs: Readonly<Record<string, unknown>>,
  options: HindsightOptions & { readonly sync: true },
): HindsightResult;
export function hindsight(
  contract: CompiledContract, verdicts: Verdicts, response: string, inputs: Readonly<Record<string, unknown>>,
  options?: HindsightOptions,
): Promise<HindsightResult>;
export function hindsight(
  contract: CompiledContract,
  verdicts: Verdicts,
  response: string,
  inputs: Readonly<Record<string, unknown>>,
  options: HindsightOptions = {},
): HindsightResult | Promise<HindsightResult> {
  const steps = deciding(contract, verdicts, response, inputs, options);
  return options.sync ? runSync(steps) : runAsync(steps);
}

/** `hindsight` with `sync: true`: for contracts whose kept constraints are all hard. */
export function hindsightSync(
  contract: CompiledContract,
  verdicts: Verdicts,
  response: string,
  inputs: Readonly<Record<string, unknown>>,
  options: HindsightSyncOptions = {},
): HindsightResult {
  return hindsight(contract, verdicts, response, inputs, { ...options, sync: true });
}

/** Plans, re-verifies the kept constraints under the hindsight instruction, and concludes. */
function* deciding(
  contract: CompiledContract,
  verdicts: Verdicts,
  response: string,
  inputs: Readonly<Record<string, unknown>>,
  options: HindsightOptions,
): Steps<HindsightResult> {
  const p = plan(contract, verdicts, inputs);
  if ("done" in p) return p.done;
  const reverification = yield* verifying(contract, response, p.values, p.instruction, { ...options, constraints: p.kept });
  return conclude(p, reverification);
}
