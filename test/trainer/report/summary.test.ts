import { describe, expect, it } from "vitest";
import { heldOutAuc, stepsToThreshold, summarize, summaryMarkdown, type RunResult } from "../../../src/trainer/report/summary.js";

describe("benchmark summary", () => {
  it("AUC is the trapezoid area over the evaluated steps divided by their span", () => {
    expect(heldOutAuc([{ step: 0, ila: 0 }, { step: 10, ila: 0.2 }, { step: 20, ila: 0.2 }])).toBeCloseTo((1 + 2) / 20, 12);
    expect(heldOutAuc([{ step: 20, ila: 0.4 }, { step: 0, ila: 0 }])).toBeCloseTo(0.2, 12);
    expect(heldOutAuc([{ step: 0, ila: 0.3 }])).toBe(0.3);
  });

  it("steps to threshold uses the trailing 5-step mean", () => {
    expect(stepsToThreshold([0, 0, 0, 0, 1, 1, 1], 0.4)).toBe(6);
    expect(stepsToThreshold([1, 1, 1, 1], 0.1)).toBeNull();
  });

  it("reports each arm at its best beta and at the shared beta, with comparisons in the issue's schema", () => {
    const rs: RunResult[] = [];
    for (const seed of [1, 2, 3, 4]) {
      const noise = seed * 0.001;
      rs.push({ policy: "embedded", arm: "hir", beta: 0.001, seed, auc: 0.05 + noise, final: 0.05, stepsToThreshold: null });
      rs.push({ policy: "embedded", arm: "hir", beta: 0.05, seed, auc: 0.2 + noise, final: 0.3, stepsToThreshold: 30 + seed });
      rs.push({ policy: "embedded", arm: "binary", beta: 0.001, seed, auc: 0.15 + noise, final: 0.2, stepsToThreshold: 40 });
      rs.push({ policy: "embedded", arm: "binary", beta: 0.05, seed, auc: 0.1 + noise, final: 0.1, stepsToThreshold: null });
    }
    const { summary, shared } = summarize(rs, { arms: ["hir", "binary"], betas: [0.001, 0.05], sharedBeta: 0.001, eval: { tasks: 25, samplesPerTask: 64 } });
    const p = summary.policies.embedded!;
    expect(p.arms.hir).toMatchObject({ beta: 0.05, seeds: 4, steps_to_threshold_mean: 32.5 });
    expect(p.arms.hir!.auc_mean).toBeCloseTo(0.2025, 12);
    expect(p.arms.binary).toMatchObject({ beta: 0.001, steps_to_threshold_mean: 40 });
    expect(shared.embedded!.hir!.beta).toBe(0.001);
    expect(p.eval).toEqual({ tasks: 25, samples_per_task: 64 });
    const auc = p.comparisons.find((c) => c.metric === "auc")!;
    expect(auc.diff).toBeCloseTo(0.05, 12);
    expect(auc.welch_p).toBeLessThan(0.001);
    const at = p.comparisons.find((c) => c.metric === "auc@beta=0.001")!;
    expect(at.diff).toBeCloseTo(-0.1, 12);
    expect(at.within_noise).toBe(false);
    expect(summaryMarkdown(summary, shared, 0.001)).toContain("| hir | binary | auc@beta=0.001 |");
  });
});
