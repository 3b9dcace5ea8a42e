/**
 * The trainer's view of a task: one contract with one input assignment. The HiR
 * core only ever talks to this interface; `compiled-env.ts` implements it on
 * the compiler and runtime, tests implement it by hand.
 *
 * The vocabulary is the IR's and the runtime's (role, verdict status, refusal
 * reason, dropped constraint with its cause, the hindsight result), imported,
 * never restated.
 */
import type { Role } from "../compiler/ir.js";
import type { DroppedConstraint, HindsightResult, RefusalReason } from "../runtime/hindsight.js";
import type { VerdictStatus } from "../runtime/verify.js";

export type { DroppedConstraint, HindsightResult, RefusalReason, Role, VerdictStatus };

/** One constraint's verdict on one response. `unknown` never counts as a pass. */
export interface ConstraintVerdict {
  readonly id: string;
  readonly status: VerdictStatus;
  readonly role: Role;
  readonly removable: boolean;
  /** What the verifier found, when it says (for the ledger and debugging). */
  readonly evidence?: string;
  /**
   * Failed (or unknown) only because these prerequisites did (`A requires B`): the
   * runtime's own field, carried unchanged so a hindsight rewrite drops A through
   * B (`requires:B`) rather than as an own failure.
   */
  readonly gatedBy?: readonly string[];
}

/** Static facts about a constraint, for the trainer's own safety guard. */
export interface ConstraintInfo {
  readonly id: string;
  readonly role: Role;
  readonly removable: boolean;
  /** Direct prerequisites (`this requires x`). */
  readonly requires: readonly string[];
}

/**
 * The runtime's rewrite (src/runtime/hindsight.ts `HindsightResult`), as a replay
 * candidate carries it: kept and dropped constraints, q' and the re-verification
 * under q'. The trainer adds no shape of its own; its independent check of a
 * rewrite is `auditRewrite` below.
 */
export type Rewrite = Extract<HindsightResult, { readonly outcome: "rewrite" }>;

/** A drop's cause as the ledger records it: `failed`, `requires:x` or `coupled:x` (x pulled it in). */
export function dropLabel(d: DroppedConstraint): string {
  return d.via !== undefined ? `${d.cause}:${d.via}` : d.cause;
}

/** One contract x one input assignment. */
export interface TaskEnv {
  readonly id: string;
  readonly contractId: string;
  readonly constraintIds: readonly string[];
  readonly constraints: readonly ConstraintInfo[];
  /** Coupled sets (dropping any member drops all). */
  readonly couples: readonly (readonly string[])[];
  /** The rendered original instruction q. */
  instruction(): string;
  /**
   * Verdicts on a response. Synchronous for hard constraints; a promise when a judge
   * decides soft ones (the trainer awaits either).
   */
  verify(response: string): ConstraintVerdict[] | Promise<ConstraintVerdict[]>;
  hindsight(verdicts: readonly ConstraintVerdict[], response: string): HindsightResult | Promise<HindsightResult>;
}

/** Instruction-level success: every constraint passes. */
export function allPass(verdicts: readonly ConstraintVerdict[]): boolean {
  return verdicts.length > 0 && verdicts.every((v) => v.status === "pass");
}

/** Constraint-level accuracy: the fraction of constraints that pass (unknown counts as not passing). */
export function cla(verdicts: readonly ConstraintVerdict[]): number {
  if (verdicts.length === 0) return 0;
  let n = 0;
  for (const v of verdicts) if (v.status === "pass") n++;
  return n / verdicts.length;
}

/**
 * The trainer's own check of a rewrite, independent of the runtime that produced
 * it: a replay may keep only passed constraints, never drop a safety or
 * non-removable constraint, never split a coupled set, never drop a prerequisite
 * while keeping its dependent, and must pass re-verification. Returns the
 * violated rule, or undefined when the rewrite is sound.
 */
export function auditRewrite(env: TaskEnv, verdicts: readonly ConstraintVerdict[], rewrite: Rewrite): string | undefined {
  const status = new Map(verdicts.map((v) => [v.id, v.status]));
  const kept = new Set(rewrite.kept);
  const dropped = new Set(rewrite.dropped.map((d) => d.id));
  if (kept.size === 0) return "empty-kept";
  for (const id of kept) {
    if (!env.constraintIds.includes(id)) return `unknown-kept:${id}`;
    if (status.get(id) !== "pass") return `kept-failed:${id}`;
    if (dropped.has(id)) return `kept-and-dropped:${id}`;
  }
  for (const id of env.constraintIds) if (!kept.has(id) && !dropped.has(id)) return `unaccounted:${id}`;
  for (const c of env.constraints) {
    if (dropped.has(c.id) && (c.role === "safety" || !c.removable)) return `dropped-non-removable:${c.id}`;
    if (kept.has(c.id)) for (const r of c.requires) if (!kept.has(r)) return `dependent-kept-without-prerequisite:${c.id}`;
  }
  for (const set of env.couples) {
    const k = set.filter((id) => kept.has(id)).length;
    if (k !== 0 && k !== set.length) return `couple-split:${set.join(",")}`;
  }
  const reverified = rewrite.reverification.verdicts;
  if (reverified.length !== kept.size) return "reverification-incomplete";
  for (const v of reverified) {
    if (!kept.has(v.id)) return `reverified-unkept:${v.id}`;
    if (v.status !== "pass") return `reverification-failed:${v.id}`;
  }
  return undefined;
}
