/**
 * Arm comparisons for `hir report`, with the benchmark's statistics
 * (src/trainer/stats.ts, src/trainer/report/summary.ts): per run, the area
 * under the held-out ILA curve and the final held-out ILA; per arm, the mean
 * with its 95% confidence interval over seeds; hir (or the first arm) against
 * every other arm: difference, its 95% interval, Cohen's d, Welch's p and
 * whether the difference is within noise.
 */
import { compare, meanInterval, type Comparison } from "../stats.js";
import { finalHeldOut, type ArmGroup } from "./aggregate.js";
import type { LoadedRun } from "./load.js";
import { heldOutAuc } from "./summary.js";

export function runAuc(run: LoadedRun): number | null {
  const pts = run.metrics.filter((m) => m.heldOut).map((m) => ({ step: m.step, ila: m.heldOut?.ila ?? 0 }));
  return pts.length >= 2 ? heldOutAuc(pts) : null;
}

export interface ArmInterval {
  readonly arm: string;
  readonly metric: "auc" | "final";
  readonly n: number;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

export interface ArmComparisons {
  readonly intervals: ArmInterval[];
  readonly comparisons: Comparison[];
}

const METRIC_OF = {
  auc: runAuc,
  final: (r: LoadedRun) => finalHeldOut(r)?.ila ?? null,
};

export function armComparisons(groups: readonly ArmGroup[]): ArmComparisons {
  const values = (g: ArmGroup, metric: keyof typeof METRIC_OF) => g.runs.map(METRIC_OF[metric]).filter((x): x is number => x !== null && Number.isFinite(x));
  const intervals: ArmInterval[] = [];
  for (const metric of ["auc", "final"] as const) {
    for (const g of groups) {
      const xs = values(g, metric);
      if (xs.length > 0) intervals.push({ arm: g.arm, metric, n: xs.length, ...meanInterval(xs) });
    }
  }
  const ref = groups.find((g) => g.arm === "hir") ?? groups[0];
  const comparisons: Comparison[] = [];
  if (ref) {
    for (const metric of ["auc", "final"] as const) {
      for (const g of groups) if (g !== ref) comparisons.push(compare(ref.arm, g.arm, metric, values(ref, metric), values(g, metric)));
    }
  }
  return { intervals, comparisons };
}
