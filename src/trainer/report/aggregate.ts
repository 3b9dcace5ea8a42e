/**
 * Aggregation for the report: runs grouped by arm, per-step mean and min-max
 * band over seeds, per-constraint pass rates binned over steps, replay
 * composition and refusal counts from the ledger and metrics, and the summary
 * per arm. Pure functions of the loaded runs; every iteration order is fixed
 * (arms in `ARMS` order, seeds ascending, ids by code-unit order), so the report
 * is deterministic.
 */
import { ARMS, armReplays, type Arm } from "../config.js";
import type { StepMetrics } from "../records.js";
import type { LoadedRun } from "./load.js";

/** Code-unit order (locale independent). */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
/** Sample standard deviation (n - 1), 0 for fewer than two values (as bench/trainer.ts). */
export const sd = (xs: readonly number[]): number => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

export interface ArmGroup {
  readonly arm: Arm;
  /** Sorted by seed, then label. */
  readonly runs: readonly LoadedRun[];
}

export function groupByArm(runs: readonly LoadedRun[]): ArmGroup[] {
  return ARMS.map((arm) => ({
    arm,
    runs: runs.filter((r) => r.config.arm === arm).sort((a, b) => a.config.seed - b.config.seed || byCode(a.label, b.label)),
  })).filter((g) => g.runs.length > 0);
}

/** One x position of a band: mean over the seeds that have a value there, their min, max, sd and count. */
export interface BandPoint {
  readonly x: number;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  readonly sd: number;
  readonly n: number;
}

/** Trailing moving average over a run's available points (window 1 = the values themselves; shorter windows at the start). */
export function movingAverage(values: readonly number[], window: number): number[] {
  const w = Math.max(1, Math.floor(window));
  return values.map((_, i) => mean(values.slice(Math.max(0, i - w + 1), i + 1)));
}

export type MetricGetter = (m: StepMetrics) => number | null;

export const METRICS = {
  trainIla: (m: StepMetrics) => (m.step > 0 ? (m.train?.ila ?? null) : null),
  trainCla: (m: StepMetrics) => (m.step > 0 ? (m.train?.cla ?? null) : null),
  heldOutIla: (m: StepMetrics) => m.heldOut?.ila ?? null,
  heldOutCla: (m: StepMetrics) => m.heldOut?.cla ?? null,
  entropy: (m: StepMetrics) => (m.step > 0 ? m.entropy : null),
  kl: (m: StepMetrics) => (m.step > 0 ? m.kl : null),
  clipFraction: (m: StepMetrics) => (m.step > 0 ? m.clipFraction : null),
  replays: (m: StepMetrics) => (m.step > 0 ? m.replays : null),
  candidates: (m: StepMetrics) => (m.step > 0 ? m.candidates : null),
} satisfies Record<string, MetricGetter>;

/** The (step, value) points of one run for a metric, optionally smoothed. */
export function runSeries(run: LoadedRun, get: MetricGetter, smooth = 1): { x: number; y: number }[] {
  const pts: { x: number; y: number }[] = [];
  for (const m of run.metrics) {
    const v = get(m);
    if (v !== null && Number.isFinite(v)) pts.push({ x: m.step, y: v });
  }
  const ys = movingAverage(pts.map((p) => p.y), smooth);
  return pts.map((p, i) => ({ x: p.x, y: ys[i] as number }));
}

/** Mean and min-max band over the runs of a group, at every step where at least one run has a value. */
export function band(runs: readonly LoadedRun[], get: MetricGetter, smooth = 1): BandPoint[] {
  const at = new Map<number, number[]>();
  for (const r of runs) for (const p of runSeries(r, get, smooth)) {
    const xs = at.get(p.x);
    if (xs) xs.push(p.y);
    else at.set(p.x, [p.y]);
  }
  return [...at.keys()]
    .sort((a, b) => a - b)
    .map((x) => {
      const ys = at.get(x) as number[];
      return { x, mean: mean(ys), lo: Math.min(...ys), hi: Math.max(...ys), sd: sd(ys), n: ys.length };
    });
}

/** First step at which the `window`-step trailing mean of train ILA reaches `threshold` (as bench/trainer.ts), or null. */
export function stepsToThreshold(metrics: readonly StepMetrics[], threshold: number, window = 5): number | null {
  const rows = metrics.filter((m) => m.step > 0 && m.train !== null);
  for (let i = window - 1; i < rows.length; i++) {
    const w = rows.slice(i - window + 1, i + 1);
    if (mean(w.map((m) => m.train?.ila ?? 0)) >= threshold) return (rows[i] as StepMetrics).step;
  }
  return null;
}

/** The run's last held-out evaluation: summary.json when it belongs to the last step in metrics, else the last held-out line. */
export function finalHeldOut(run: LoadedRun): { step: number; ila: number; cla: number; source: "summary" | "metrics" } | null {
  const last = run.metrics[run.metrics.length - 1];
  if (run.summary?.heldOut && last && run.summary.step === last.step) {
    return { step: run.summary.step, ila: run.summary.heldOut.ila, cla: run.summary.heldOut.cla, source: "summary" };
  }
  for (let i = run.metrics.length - 1; i >= 0; i--) {
    const m = run.metrics[i] as StepMetrics;
    if (m.heldOut) return { step: m.step, ila: m.heldOut.ila, cla: m.heldOut.cla, source: "metrics" };
  }
  return null;
}

export interface Stat {
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function stat(xs: readonly number[]): Stat | null {
  if (xs.length === 0) return null;
  return { mean: mean(xs), sd: sd(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

export interface ArmSummary {
  readonly arm: Arm;
  readonly seeds: readonly number[];
  /** Last step reached, over the arm's runs (min and max differ when runs have different lengths). */
  readonly lastStep: { readonly min: number; readonly max: number };
  readonly startHeldOutIla: Stat | null;
  readonly finalHeldOutIla: Stat | null;
  readonly finalHeldOutCla: Stat | null;
  /** Mean train ILA over each run's last 10 steps. */
  readonly trainIlaLast10: Stat | null;
  readonly threshold: { readonly value: number; readonly window: number; readonly steps: Stat | null; readonly reached: number; readonly total: number };
  readonly replaysPerStep: Stat | null;
  readonly entropyEnd: Stat | null;
  readonly klEnd: Stat | null;
}

export function summarizeArm(group: ArmGroup, threshold: number, window = 5): ArmSummary {
  const finals = group.runs.map(finalHeldOut).filter((f): f is NonNullable<typeof f> => f !== null);
  const lastSteps = group.runs.map((r) => r.metrics[r.metrics.length - 1]?.step ?? 0);
  const trained = (r: LoadedRun) => r.metrics.filter((m) => m.step > 0);
  const reach = group.runs.map((r) => stepsToThreshold(r.metrics, threshold, window));
  const reached = reach.filter((x): x is number => x !== null);
  const lastOf = (get: (m: StepMetrics) => number) =>
    stat(group.runs.map((r) => trained(r)).filter((ms) => ms.length > 0).map((ms) => get(ms[ms.length - 1] as StepMetrics)));
  return {
    arm: group.arm,
    seeds: group.runs.map((r) => r.config.seed),
    lastStep: { min: Math.min(...lastSteps), max: Math.max(...lastSteps) },
    startHeldOutIla: stat(group.runs.map((r) => r.metrics.find((m) => m.step === 0)?.heldOut?.ila).filter((x): x is number => x !== undefined)),
    finalHeldOutIla: stat(finals.map((f) => f.ila)),
    finalHeldOutCla: stat(finals.map((f) => f.cla)),
    trainIlaLast10: stat(
      group.runs
        .map((r) => trained(r).filter((m) => m.train !== null).slice(-10))
        .filter((ms) => ms.length > 0)
        .map((ms) => mean(ms.map((m) => m.train?.ila ?? 0))),
    ),
    threshold: { value: threshold, window, steps: stat(reached), reached: reached.length, total: group.runs.length },
    replaysPerStep: armReplays(group.arm) ? stat(group.runs.map((r) => trained(r)).filter((ms) => ms.length > 0).map((ms) => mean(ms.map((m) => m.replays)))) : null,
    entropyEnd: lastOf((m) => m.entropy),
    klEnd: lastOf((m) => m.kl),
  };
}

/** Consecutive step ranges [from, to] covering 1..maxStep in at most `maxBins` bins of equal width. */
export function stepBins(maxStep: number, maxBins: number): { from: number; to: number }[] {
  if (maxStep < 1) return [];
  const width = Math.max(1, Math.ceil(maxStep / Math.max(1, maxBins)));
  const out: { from: number; to: number }[] = [];
  for (let from = 1; from <= maxStep; from += width) out.push({ from, to: Math.min(maxStep, from + width - 1) });
  return out;
}

const maxStepOf = (runs: readonly LoadedRun[]) => Math.max(0, ...runs.map((r) => r.metrics[r.metrics.length - 1]?.step ?? 0));

export interface ConstraintMatrix {
  /** `Contract.constraint` ids, sorted. */
  readonly constraints: readonly string[];
  readonly bins: readonly { readonly from: number; readonly to: number }[];
  /** values[row][bin]: mean pass rate over the (run, step) pairs of the bin where the constraint was seen; null when never seen. */
  readonly values: readonly (readonly (number | null)[])[];
  /** Per constraint: mean pass rate over the first and last bin where it was seen. */
  readonly firstLast: readonly { readonly first: number | null; readonly last: number | null }[];
}

/** Per-constraint pass rates (`constraintPassRates` of each metrics line) over binned steps, over all runs of a group. */
export function constraintMatrix(runs: readonly LoadedRun[], maxBins = 50, maxStep = maxStepOf(runs)): ConstraintMatrix {
  const bins = stepBins(maxStep, maxBins);
  const ids = [...new Set(runs.flatMap((r) => r.metrics.flatMap((m) => Object.keys(m.constraintPassRates))))].sort(byCode);
  const row = new Map(ids.map((id, i) => [id, i]));
  const width = bins[0] ? bins[0].to - bins[0].from + 1 : 1;
  const sums = ids.map(() => bins.map(() => [0, 0] as [number, number]));
  for (const r of runs) for (const m of r.metrics) {
    if (m.step < 1) continue;
    const b = Math.floor((m.step - 1) / width);
    if (b >= bins.length) continue;
    for (const [id, v] of Object.entries(m.constraintPassRates)) {
      const cell = (sums[row.get(id) as number] as [number, number][])[b] as [number, number];
      cell[0] += v;
      cell[1] += 1;
    }
  }
  const values = sums.map((rowSums) => rowSums.map(([s, n]) => (n > 0 ? s / n : null)));
  const firstLast = values.map((vs) => {
    const seen = vs.filter((v): v is number => v !== null);
    return { first: seen[0] ?? null, last: seen[seen.length - 1] ?? null };
  });
  return { constraints: ids, bins, values, firstLast };
}

export interface RefusalStacks {
  /** Reason codes, sorted. */
  readonly reasons: readonly string[];
  readonly bins: readonly { readonly from: number; readonly to: number }[];
  /** counts[reason][bin]: mean refusals per step in the bin (over the group's runs and the bin's steps). */
  readonly counts: readonly (readonly number[])[];
  /** Total refusals by reason over every run and step. */
  readonly totals: readonly number[];
}

/** Refusals (metrics `refusals`, ineligible failures by reason) per step, binned. */
export function refusalStacks(runs: readonly LoadedRun[], maxBins = 50, maxStep = maxStepOf(runs)): RefusalStacks {
  const bins = stepBins(maxStep, maxBins);
  const width = bins[0] ? bins[0].to - bins[0].from + 1 : 1;
  const reasons = [...new Set(runs.flatMap((r) => r.metrics.flatMap((m) => Object.keys(m.refusals))))].sort(byCode);
  const idx = new Map(reasons.map((r, i) => [r, i]));
  const sums = reasons.map(() => bins.map(() => 0));
  const stepsIn = bins.map(() => 0);
  const totals = reasons.map(() => 0);
  for (const r of runs) for (const m of r.metrics) {
    if (m.step < 1) continue;
    const b = Math.floor((m.step - 1) / width);
    if (b >= bins.length) continue;
    stepsIn[b] = (stepsIn[b] as number) + 1;
    for (const [reason, n] of Object.entries(m.refusals)) {
      const i = idx.get(reason) as number;
      (sums[i] as number[])[b] = ((sums[i] as number[])[b] as number) + n;
      totals[i] = (totals[i] as number) + n;
    }
  }
  return { reasons, bins, counts: sums.map((row) => row.map((s, b) => ((stepsIn[b] as number) > 0 ? s / (stepsIn[b] as number) : 0))), totals };
}

export interface ReplayComposition {
  /** Replays (selected ledger entries with a rewrite) over the group's runs. */
  readonly replays: number;
  /** Constraints dropped by replays, most dropped first (ties by id): `Contract.constraint`, count, share of replays. */
  readonly dropped: readonly { readonly id: string; readonly count: number; readonly share: number }[];
  /** Why constraints were dropped: `failed`, `requires`, `coupled` (the part of a cause before `:`), with counts. */
  readonly causes: readonly { readonly cause: string; readonly count: number }[];
  /** Number of kept constraints -> replays (ascending). */
  readonly kept: readonly { readonly kept: number; readonly count: number }[];
  /** Eligible candidates that were not selected. */
  readonly notSelected: number;
}

export function replayComposition(runs: readonly LoadedRun[]): ReplayComposition {
  const dropped = new Map<string, number>();
  const causes = new Map<string, number>();
  const kept = new Map<number, number>();
  let replays = 0;
  let notSelected = 0;
  for (const r of runs) for (const e of r.ledger) {
    if (!e.rewrite) continue;
    if (!e.selected) {
      if (e.eligible) notSelected++;
      continue;
    }
    replays++;
    kept.set(e.rewrite.kept.length, (kept.get(e.rewrite.kept.length) ?? 0) + 1);
    for (const d of e.rewrite.dropped) {
      const id = `${e.contract}.${d.id}`;
      dropped.set(id, (dropped.get(id) ?? 0) + 1);
      const c = d.cause.split(":")[0] as string;
      causes.set(c, (causes.get(c) ?? 0) + 1);
    }
  }
  return {
    replays,
    dropped: [...dropped.entries()].sort((a, b) => b[1] - a[1] || byCode(a[0], b[0])).map(([id, count]) => ({ id, count, share: replays > 0 ? count / replays : 0 })),
    causes: [...causes.entries()].sort((a, b) => b[1] - a[1] || byCode(a[0], b[0])).map(([cause, count]) => ({ cause, count })),
    kept: [...kept.entries()].sort((a, b) => a[0] - b[0]).map(([k, count]) => ({ kept: k, count })),
    notSelected,
  };
}
