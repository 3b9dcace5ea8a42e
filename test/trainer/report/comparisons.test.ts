import { describe, expect, it } from "vitest";
import { resolveConfig, type Arm } from "../../../src/trainer/config.js";
import type { StepMetrics } from "../../../src/trainer/records.js";
import { groupByArm } from "../../../src/trainer/report/aggregate.js";
import { armComparisons, runAuc } from "../../../src/trainer/report/comparisons.js";
import type { LoadedRun } from "../../../src/trainer/report/load.js";
import { metricsLine } from "./helpers.js";

function run(arm: Arm, seed: number, heldOut: readonly number[]): LoadedRun {
  const metrics: StepMetrics[] = heldOut.map((v, i) => metricsLine(i * 10, { heldOut: { ila: v, cla: v, n: 10 } }));
  return { label: `${arm}-s${seed}`, dir: `/x/${arm}-s${seed}`, config: resolveConfig({ arm, seed }), metrics, ledger: [], summary: null, tasksDigest: null };
}

describe("report comparisons", () => {
  it("AUC per run, intervals per arm, hir against each arm with a within-noise verdict", () => {
    expect(runAuc(run("hir", 1, [0, 0.2, 0.2]))).toBeCloseTo(0.15, 12);
    const runs = [
      run("hir", 1, [0, 0.3, 0.4]), run("hir", 2, [0, 0.32, 0.41]), run("hir", 3, [0, 0.31, 0.39]),
      run("binary", 1, [0, 0.1, 0.1]), run("binary", 2, [0, 0.12, 0.11]), run("binary", 3, [0, 0.09, 0.12]),
      run("fraction", 1, [0, 0.2, 0.4]), run("fraction", 2, [0, 0.5, 0.3]), run("fraction", 3, [0, 0.1, 0.5]),
    ];
    const c = armComparisons(groupByArm(runs));
    const hirAuc = c.intervals.find((x) => x.arm === "hir" && x.metric === "auc")!;
    expect(hirAuc.n).toBe(3);
    expect(hirAuc.low).toBeLessThan(hirAuc.mean);
    const vsBinary = c.comparisons.find((x) => x.b === "binary" && x.metric === "final")!;
    expect(vsBinary.a).toBe("hir");
    expect(vsBinary.within_noise).toBe(false);
    const vsFraction = c.comparisons.find((x) => x.b === "fraction" && x.metric === "final")!;
    expect(vsFraction.within_noise).toBe(true);
  });
});
