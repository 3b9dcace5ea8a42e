/**
 * Replay selection: which failed responses become hindsight replays.
 *
 * score(y) = lambda_s * F_int(y) + F_div(y) [+ qualityWeight * F_q(y)]
 *   F_int = CLA, F_div = mean token entropy of y under the ORIGINAL instruction,
 *   F_q = fraction of the contract's quality constraints y satisfies (an option).
 * lambda_s = lambda_0 * (1 + eta)^s, s = training step starting at 1, optionally capped.
 */
import type { Rng } from "./rng.js";

export interface LambdaSchedule {
  readonly lambda0: number;
  readonly eta: number;
  readonly lambdaMax: number | null;
}

export function lambdaAt(step: number, s: LambdaSchedule): number {
  if (!(step >= 1)) throw new RangeError(`lambda schedule: steps start at 1 (got ${step})`);
  const raw = s.lambda0 * Math.pow(1 + s.eta, step);
  return s.lambdaMax === null ? raw : Math.min(raw, s.lambdaMax);
}

export interface ScoreInput {
  readonly cla: number;
  readonly meanEntropy: number;
  /** Fraction of quality constraints satisfied; undefined when the contract has none. */
  readonly qualityFraction: number | undefined;
}

export interface ScoreParts {
  readonly lambda: number;
  readonly integrity: number;
  readonly diversity: number;
  readonly quality: number;
  readonly score: number;
}

export function scoreParts(x: ScoreInput, lambda: number, qualityWeight: number): ScoreParts {
  const quality = x.qualityFraction === undefined ? 0 : qualityWeight * x.qualityFraction;
  return { lambda, integrity: x.cla, diversity: x.meanEntropy, quality, score: lambda * x.cla + x.meanEntropy + quality };
}

export interface Scored {
  /** Prompt group (position of the prompt in the step's batch). */
  readonly group: number;
  /** Position of the response within its group. */
  readonly index: number;
  readonly score: number;
}

/** Descending score; ties by group, then index (a total, stable order: runs reproduce). */
export function byScore(a: Scored, b: Scored): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.group !== b.group) return a.group - b.group;
  return a.index - b.index;
}

export type SelectionScope = "global" | "per-group";

/**
 * Top-k: per group (k best of each prompt's candidates) or global (the k*groups
 * best of the whole batch, as the release). Returns the chosen candidates in
 * (group, index) order.
 */
export function selectTop<T extends Scored>(cands: readonly T[], scope: SelectionScope, k: number, groups: number): T[] {
  let chosen: T[];
  if (scope === "global") {
    chosen = [...cands].sort(byScore).slice(0, k * groups);
  } else {
    chosen = [];
    for (const g of groupsOf(cands)) chosen.push(...[...g].sort(byScore).slice(0, k));
  }
  return chosen.sort(byPosition);
}

/** The random-selection arm: the same counts as selectTop, drawn uniformly. */
export function selectRandom<T extends Scored>(cands: readonly T[], scope: SelectionScope, k: number, groups: number, rng: Rng): T[] {
  const ordered = [...cands].sort(byPosition);
  let chosen: T[];
  if (scope === "global") {
    chosen = rng.shuffled(ordered).slice(0, k * groups);
  } else {
    chosen = [];
    for (const g of groupsOf(ordered)) chosen.push(...rng.shuffled(g).slice(0, k));
  }
  return chosen.sort(byPosition);
}

function byPosition(a: Scored, b: Scored): number {
  return a.group - b.group || a.index - b.index;
}

function groupsOf<T extends Scored>(cands: readonly T[]): T[][] {
  const m = new Map<number, T[]>();
  for (const c of [...cands].sort(byPosition)) {
    const g = m.get(c.group);
    if (g) g.push(c);
    else m.set(c.group, [c]);
  }
  return [...m.values()];
}
