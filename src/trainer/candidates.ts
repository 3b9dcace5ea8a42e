/**
 * The replay candidates of one training step and their ledger: every failure
 * considered for replay is written once, in the order considered, either as an
 * eligible candidate (with its hindsight rewrite and selection score) or as a
 * refusal with its reason (the runtime's, or the trainer's own audit's).
 */
import type { TrainConfig } from "./config.js";
import { auditRewrite, dropLabel, type ConstraintVerdict, type HindsightResult, type Rewrite, type TaskEnv } from "./env.js";
import { sha256Hex } from "./hash.js";
import type { Rollout } from "./policy/types.js";
import type { LedgerEntry } from "./records.js";
import { scoreParts, type ScoreParts } from "./selection.js";

/** A verified rollout. */
export interface Scored {
  readonly rollout: Rollout;
  readonly verdicts: ConstraintVerdict[];
  readonly pass: boolean;
  readonly cla: number;
}

export interface Candidate {
  readonly group: number;
  readonly index: number;
  readonly score: number;
  readonly parts: ScoreParts;
  readonly rewrite: Rewrite;
  readonly source: Scored;
  /** Its entry's position in the step's ledger. */
  readonly ledger: number;
}

/**
 * SHA-256 of hindsight instructions, memoized: the same task and kept set give
 * the same q' step after step, and hashing is a visible part of a HiR step.
 */
const instructionHashes = new Map<string, string>();
function instructionHash(q: string): string {
  let h = instructionHashes.get(q);
  if (h === undefined) {
    if (instructionHashes.size >= 4096) instructionHashes.clear();
    h = sha256Hex(q);
    instructionHashes.set(q, h);
  }
  return h;
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export class StepCandidates {
  readonly ledger: LedgerEntry[] = [];
  readonly refusals = Object.create(null) as Record<string, number>;
  readonly candidates: Candidate[] = [];
  failures = 0;
  extraRollouts = 0;

  constructor(
    private readonly step: number,
    private readonly tasks: readonly TaskEnv[],
    private readonly lambda: number,
    private readonly cfg: TrainConfig,
  ) {}

  /** Records failure `r` of group `g` (with its hindsight outcome `h`, null when nothing passed) as a candidate or a refusal. */
  consider(g: number, index: number, r: Scored, extra: boolean, h: HindsightResult | null): void {
    const cfg = this.cfg;
    this.failures++;
    const env = this.tasks[g] as TaskEnv;
    const base = {
      step: this.step,
      prompt: env.id,
      contract: env.contractId,
      group: g,
      index,
      extra,
      response: sha256Hex(r.rollout.text),
      ...(cfg.ledger.texts ? { responseText: r.rollout.text } : {}),
      cla: r.cla,
      verdicts: Object.fromEntries(r.verdicts.map((v) => [v.id, v.status])),
    };
    const refuse = (reason: string, constraints: readonly string[]) => {
      this.refusals[reason] = (this.refusals[reason] ?? 0) + 1;
      this.ledger.push({ ...base, eligible: false, score: null, selected: false, rewrite: null, refusal: { reason, constraints: [...constraints] } });
    };
    if (r.cla === 0 || h === null) return refuse("nothing-passed", []);
    if (h.outcome === "success") return refuse("not-a-failure", []);
    if (h.outcome === "refused") return refuse(h.reason, h.constraints);
    const violation = auditRewrite(env, r.verdicts, h);
    if (violation !== undefined) return refuse(`audit:${violation.split(":")[0]}`, [violation]);
    const quality = r.verdicts.filter((v) => v.role === "quality");
    const parts = scoreParts(
      {
        cla: r.cla,
        meanEntropy: mean(r.rollout.entropies),
        qualityFraction: quality.length === 0 ? undefined : quality.filter((v) => v.status === "pass").length / quality.length,
      },
      this.lambda,
      cfg.selection.qualityWeight,
    );
    this.ledger.push({
      ...base,
      eligible: true,
      score: parts,
      selected: false,
      rewrite: {
        kept: [...h.kept],
        dropped: h.dropped.map((d) => ({ id: d.id, cause: dropLabel(d) })),
        instruction: instructionHash(h.instruction),
        ...(cfg.ledger.texts ? { instructionText: h.instruction } : {}),
        reverified: Object.fromEntries(h.reverification.verdicts.map((v) => [v.id, v.status])),
      },
      refusal: null,
    });
    this.candidates.push({ group: g, index, score: parts.score, parts, rewrite: h, source: r, ledger: this.ledger.length - 1 });
  }

  /** Marks the selected candidates' ledger entries. */
  markSelected(selected: readonly Candidate[]): void {
    for (const c of selected) {
      const e = this.ledger[c.ledger] as LedgerEntry;
      this.ledger[c.ledger] = { ...e, selected: true };
    }
  }

  /** Refusal counts, sorted by reason (for the step's metrics). */
  sortedRefusals(): Record<string, number> {
    return Object.fromEntries(Object.keys(this.refusals).sort().map((r) => [r, this.refusals[r] as number]));
  }
}
