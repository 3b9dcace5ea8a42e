import { describe, expect, it } from "vitest";
import { resolveConfig, type Arm } from "../../../src/trainer/config.js";
import type { LedgerEntry, StepMetrics } from "../../../src/trainer/records.js";
import {
  band,
  constraintMatrix,
  finalHeldOut,
  groupByArm,
  METRICS,
  movingAverage,
  refusalStacks,
  replayComposition,
  stepBins,
  stepsToThreshold,
  summarizeArm,
} from "../../../src/trainer/report/aggregate.js";
import type { LoadedRun } from "../../../src/trainer/report/load.js";
import { metricsLine } from "./helpers.js";

function run(arm: Arm, seed: number, metrics: StepMetrics[], extra: Partial<LoadedRun> = {}): LoadedRun {
  return { label: `${arm}-s${seed}`, dir: `/x/${arm}-s${seed}`, config: resolveConfig({ arm, seed }), metrics, ledger: [], summary: null, tasksDigest: null, ...extra };
}
const ila = (step: number, v: number, over: Partial<StepMetrics> = {}) => metricsLine(step, { train: { ila: v, cla: v, n: 10 }, ...over });

function ledger(over: Partial<LedgerEntry>): LedgerEntry {
  return {
    step: 1, prompt: "p", contract: "C", group: 0, index: 0, extra: false, response: "h", cla: 0.5, verdicts: {}, eligible: true, score: null, selected: true,
    rewrite: { kept: ["a", "b"], dropped: [{ id: "c", cause: "failed" }], instruction: "h", reverified: {} }, refusal: null, ...over,
  };
}

describe("report aggregation", () => {
  it("groups runs by arm in the fixed arm order, seeds ascending", () => {
    const g = groupByArm([run("binary", 2, []), run("hir", 3, []), run("binary", 1, []), run("hir", 1, [])]);
    expect(g.map((x) => [x.arm, x.runs.map((r) => r.config.seed)])).toEqual([
      ["hir", [1, 3]],
      ["binary", [1, 2]],
    ]);
  });

  it("a band is the mean, min, max and sample sd over the seeds present at each step", () => {
    const a = run("hir", 1, [metricsLine(0), ila(1, 0.2), ila(2, 0.4), ila(3, 0.6)]);
    const b = run("hir", 2, [metricsLine(0), ila(1, 0.4), ila(2, 0.8)]);
    const pts = band([a, b], METRICS.trainIla);
    expect(pts.map((p) => p.x)).toEqual([1, 2, 3]); // step 0 has no train accuracy
    expect(pts[0]).toMatchObject({ lo: 0.2, hi: 0.4, n: 2 });
    expect(pts[0]?.mean).toBeCloseTo(0.3, 12);
    expect(pts[1]?.sd).toBeCloseTo(Math.sqrt(0.08), 12); // (0.4, 0.8): sample sd
    expect(pts[2]).toMatchObject({ mean: 0.6, lo: 0.6, hi: 0.6, sd: 0, n: 1 });
    // held-out only where evaluated (metricsLine evaluates even steps, step 0 included)
    expect(band([a, b], METRICS.heldOutIla).map((p) => p.x)).toEqual([0, 2]);
  });

  it("smoothing is a trailing moving average per run", () => {
    expect(movingAverage([1, 2, 3, 4], 2)).toEqual([1, 1.5, 2.5, 3.5]);
    expect(movingAverage([1, 2, 3], 1)).toEqual([1, 2, 3]);
    const r = run("hir", 1, [ila(1, 0), ila(2, 1), ila(3, 0)]);
    expect(band([r], METRICS.trainIla, 2).map((p) => p.mean)).toEqual([0, 0.5, 0.5]);
  });

  it("steps to threshold: first step whose trailing window mean reaches it (bench semantics), null if never", () => {
    const ms = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7].map((v, i) => ila(i + 1, v));
    expect(stepsToThreshold(ms, 0.3, 5)).toBe(5); // mean(0.1..0.5) = 0.3
    expect(stepsToThreshold(ms, 0.31, 5)).toBe(6);
    expect(stepsToThreshold(ms, 0.9, 5)).toBeNull();
    expect(stepsToThreshold(ms.slice(0, 4), 0.0, 5)).toBeNull(); // shorter than the window
  });

  it("final held-out: summary.json when it is the last step, else the last evaluated line", () => {
    const ms = [metricsLine(0), metricsLine(1), metricsLine(2), metricsLine(3)];
    expect(finalHeldOut(run("hir", 1, ms))).toMatchObject({ step: 2, ila: 0.1, source: "metrics" });
    const summary = { step: 3, arm: "hir", seed: 1, train: null, heldOut: { ila: 0.9, cla: 0.8, n: 4 } };
    expect(finalHeldOut(run("hir", 1, ms, { summary }))).toMatchObject({ step: 3, ila: 0.9, source: "summary" });
    expect(finalHeldOut(run("hir", 1, ms, { summary: { ...summary, step: 2 } }))).toMatchObject({ source: "metrics" });
  });

  it("summarizes an arm: final held-out mean ± sd, steps to threshold with reached/total", () => {
    const mk = (seed: number, final: number, rise: number) =>
      run("hir", seed, [metricsLine(0, { heldOut: { ila: 0.01, cla: 0.3, n: 4 } }), ...Array.from({ length: 10 }, (_, i) => ila(i + 1, rise * (i + 1), { heldOut: i === 9 ? { ila: final, cla: 0.7, n: 4 } : null }))]);
    const s = summarizeArm(groupByArm([mk(1, 0.2, 0.1), mk(2, 0.4, 0.01)])[0] as never, 0.3, 5);
    expect(s.finalHeldOutIla?.mean).toBeCloseTo(0.3, 12);
    expect(s.finalHeldOutIla?.sd).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(s.startHeldOutIla?.mean).toBeCloseTo(0.01, 12);
    expect(s.threshold).toMatchObject({ reached: 1, total: 2 });
    expect(s.threshold.steps?.mean).toBe(5); // seed 1: mean(0.1..0.5) = 0.3 at step 5
    expect(s.lastStep).toEqual({ min: 10, max: 10 });
    expect(s.replaysPerStep?.mean).toBe(2);
  });

  it("bins steps evenly", () => {
    expect(stepBins(5, 10)).toEqual([1, 2, 3, 4, 5].map((s) => ({ from: s, to: s })));
    expect(stepBins(10, 4)).toEqual([{ from: 1, to: 3 }, { from: 4, to: 6 }, { from: 7, to: 9 }, { from: 10, to: 10 }]);
    expect(stepBins(0, 4)).toEqual([]);
  });

  it("per-constraint pass rates: mean over the (run, step) pairs of a bin where the constraint was seen, null otherwise", () => {
    const a = run("hir", 1, [metricsLine(0), metricsLine(1, { constraintPassRates: { "C.a": 1, "C.b": 0 } }), metricsLine(2, { constraintPassRates: { "C.a": 0.5 } })]);
    const b = run("hir", 2, [metricsLine(1, { constraintPassRates: { "C.a": 0 } }), metricsLine(2, { constraintPassRates: { "B.z": 0.25 } })]);
    const m = constraintMatrix([a, b], 10);
    expect(m.constraints).toEqual(["B.z", "C.a", "C.b"]);
    expect(m.bins).toEqual([{ from: 1, to: 1 }, { from: 2, to: 2 }]);
    expect(m.values).toEqual([[null, 0.25], [0.5, 0.5], [0, null]]);
    expect(m.firstLast[2]).toEqual({ first: 0, last: 0 });
    expect(constraintMatrix([a, b], 1).values[1]).toEqual([0.5]); // one bin: (1 + 0 + 0.5) / 3
  });

  it("refusals: mean per step by reason over runs and the bin's steps; totals", () => {
    const a = run("hir", 1, [metricsLine(1, { refusals: { x: 2 } }), metricsLine(2, { refusals: { x: 4, y: 1 } })]);
    const b = run("hir", 2, [metricsLine(1, { refusals: {} }), metricsLine(2, { refusals: { y: 3 } })]);
    const s = refusalStacks([a, b], 10);
    expect(s.reasons).toEqual(["x", "y"]);
    expect(s.counts).toEqual([[1, 2], [0, 2]]);
    expect(s.totals).toEqual([6, 4]);
  });

  it("replay composition from the ledger: dropped ids (Contract.id) by count, causes, kept-count distribution", () => {
    const r = run("hir", 1, [], {
      ledger: [
        ledger({}),
        ledger({ rewrite: { kept: ["a"], dropped: [{ id: "c", cause: "failed" }, { id: "b", cause: "coupled:c" }], instruction: "h", reverified: {} } }),
        ledger({ selected: false }),
        ledger({ eligible: false, selected: false, rewrite: null, refusal: { reason: "nothing-passed", constraints: [] } }),
      ],
    });
    const c = replayComposition([r]);
    expect(c.replays).toBe(2);
    expect(c.notSelected).toBe(1);
    expect(c.dropped).toEqual([{ id: "C.c", count: 2, share: 1 }, { id: "C.b", count: 1, share: 0.5 }]);
    expect(c.causes).toEqual([{ cause: "coupled", count: 1 }, { cause: "failed", count: 2 }].sort((x, y) => y.count - x.count));
    expect(c.kept).toEqual([{ kept: 1, count: 1 }, { kept: 2, count: 1 }]);
  });
});
