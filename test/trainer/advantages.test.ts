import { describe, expect, it } from "vitest";
import { grpo, klTerm, reinforcePlusPlus, whiten } from "../../src/trainer/advantages.js";
import { clippedSurrogate } from "../../src/trainer/ppo.js";

const zeros = (n: number) => new Array<number>(n).fill(0);

describe("GRPO", () => {
  it("normalises outcome rewards within each group (unbiased std), broadcast per token", () => {
    // group a: rewards 1, 0, 0, 1 -> mean 0.5, unbiased std sqrt(1/3)
    const s = [
      { group: "a", reward: 1, kl: zeros(3) },
      { group: "a", reward: 0, kl: zeros(2) },
      { group: "a", reward: 0, kl: zeros(1) },
      { group: "a", reward: 1, kl: zeros(2) },
      { group: "b", reward: 1, kl: zeros(2) },
      { group: "b", reward: 1, kl: zeros(1) },
    ];
    const a = grpo(s, 0, { useStd: true, epsilon: 1e-6 });
    const z = 0.5 / (Math.sqrt(1 / 3) + 1e-6);
    expect(a[0]).toEqual([z, z, z].map((x) => expect.closeTo(x, 12)));
    expect(a[1]).toEqual([-z, -z].map((x) => expect.closeTo(x, 12)));
    expect(a[2]).toEqual([expect.closeTo(-z, 12)]);
    // a group whose rewards are all equal has zero advantage: replays in a group of their own learn nothing
    expect(a[4]).toEqual([0, 0]);
    expect(a[5]).toEqual([0]);
  });

  it("a replay in its source group gets a positive advantage, the failures a negative one", () => {
    const s = [
      { group: "0", reward: 0, kl: zeros(1) },
      { group: "0", reward: 0, kl: zeros(1) },
      { group: "0", reward: 1, kl: zeros(1) }, // the replay
    ];
    const a = grpo(s, 0, { useStd: true, epsilon: 1e-6 });
    // mean 1/3, unbiased std sqrt(1/3)
    expect(a[2]?.[0]).toBeCloseTo((2 / 3) / Math.sqrt(1 / 3), 5);
    expect(a[0]?.[0]).toBeCloseTo(-(1 / 3) / Math.sqrt(1 / 3), 5);
  });

  it("a group of one has mean 0 and std 1 (verl)", () => {
    expect(grpo([{ group: "x", reward: 1, kl: zeros(2) }], 0, { useStd: true, epsilon: 1e-6 })[0]).toEqual([1 / (1 + 1e-6), 1 / (1 + 1e-6)]);
  });

  it("the in-reward KL lowers the sequence score: R - beta * sum kl", () => {
    const s = [
      { group: "a", reward: 1, kl: [1, 1] },
      { group: "a", reward: 1, kl: [0, 0] },
    ];
    const a = grpo(s, 0.5, { useStd: false, epsilon: 1e-6 });
    // scores 0 and 1, mean 0.5
    expect(a[0]).toEqual([-0.5, -0.5]);
    expect(a[1]).toEqual([0.5, 0.5]);
  });
});

describe("REINFORCE++", () => {
  it("token returns (gamma 1) whitened over the whole batch", () => {
    const s = [
      { group: "a", reward: 1, kl: zeros(2) }, // returns 1, 1
      { group: "b", reward: 0, kl: zeros(2) }, // returns 0, 0
    ];
    const a = reinforcePlusPlus(s, 0);
    // mean 0.5, unbiased var = 4 * 0.25 / 3 = 1/3
    const z = 0.5 / Math.sqrt(1 / 3 + 1e-8);
    expect(a[0]).toEqual([z, z].map((x) => expect.closeTo(x, 12)));
    expect(a[1]).toEqual([-z, -z].map((x) => expect.closeTo(x, 12)));
  });

  it("no group baseline: the same rewards in different groups get the same advantage", () => {
    const s = [
      { group: "a", reward: 1, kl: zeros(1) },
      { group: "b", reward: 1, kl: zeros(1) },
      { group: "b", reward: 0, kl: zeros(1) },
    ];
    const a = reinforcePlusPlus(s, 0);
    expect(a[0]).toEqual(a[1]);
  });

  it("KL per token enters the returns before whitening", () => {
    // beta 1: rewards [-1, 1 - 2] = [-1, -1]; returns [-2, -1]; second sample: [0, 1] -> returns [1, 1]
    const s = [
      { group: "a", reward: 1, kl: [1, 2] },
      { group: "a", reward: 1, kl: [0, 0] },
    ];
    const raw = [[-2, -1], [1, 1]];
    expect(reinforcePlusPlus(s, 1)).toEqual(whiten(raw));
    const mean = (-2 - 1 + 1 + 1) / 4;
    const v = raw.flat().reduce((x, r) => x + (r - mean) ** 2, 0) / 3;
    expect(whiten(raw)[0]?.[0]).toBeCloseTo((-2 - mean) / Math.sqrt(v + 1e-8), 12);
  });
});

describe("KL estimators", () => {
  it.each([
    ["k1", -0.5, -0.7, 0.2],
    ["abs", -0.7, -0.5, 0.2],
    ["mse", -0.5, -0.7, 0.02],
    ["k3", -0.5, -0.7, Math.exp(-0.2) + 0.2 - 1],
  ] as const)("%s", (kind, old, ref, want) => {
    expect(klTerm(old, ref, kind)).toBeCloseTo(want, 12);
  });
});

describe("PPO clipped surrogate", () => {
  const eps = 0.2;
  it.each([
    // logp, old, A -> loss, dLogp, clipped
    ["ratio 1, A > 0", 0, 0, 1, -1, -1, false],
    ["ratio 1, A < 0", 0, 0, -1, 1, 1, false],
    ["ratio 1.5 > 1+eps with A > 0: clipped, no gradient", Math.log(1.5), 0, 2, -2 * 1.2, 0, true],
    ["ratio 1.5 with A < 0: unclipped (pessimistic)", Math.log(1.5), 0, -2, 2 * 1.5, 2 * 1.5, false],
    ["ratio 0.5 < 1-eps with A < 0: clipped", Math.log(0.5), 0, -2, 2 * 0.8, 0, true],
    ["ratio 0.5 with A > 0: unclipped", Math.log(0.5), 0, 2, -2 * 0.5, -2 * 0.5, false],
    ["inside the range", Math.log(1.1), 0, 3, -3 * 1.1, -3 * 1.1, false],
  ])("%s", (_name, logp, old, adv, loss, d, clipped) => {
    const t = clippedSurrogate(logp as number, old as number, adv as number, eps);
    expect(t.loss).toBeCloseTo(loss as number, 12);
    expect(t.dLogp).toBeCloseTo(d as number, 12);
    expect(t.clipped).toBe(clipped);
  });

  it("dLogp matches a finite difference away from the kinks", () => {
    for (const [logp, adv] of [[0.1, 1], [-0.1, -1], [0.05, -2], [0.3, 1], [-0.4, -1]] as const) {
      const h = 1e-6;
      const fd = (clippedSurrogate(logp + h, 0, adv, eps).loss - clippedSurrogate(logp - h, 0, adv, eps).loss) / (2 * h);
      expect(clippedSurrogate(logp, 0, adv, eps).dLogp).toBeCloseTo(fd, 5);
    }
  });
});
