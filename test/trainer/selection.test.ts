import { describe, expect, it } from "vitest";
import { Rng } from "../../src/trainer/rng.js";
import { lambdaAt, scoreParts, selectRandom, selectTop, type Scored } from "../../src/trainer/selection.js";

const sched = { lambda0: 2, eta: 0.05, lambdaMax: null };

describe("curriculum lambda_s = lambda_0 * (1 + eta)^s", () => {
  it.each([
    [1, 2 * 1.05],
    [2, 2 * 1.05 ** 2],
    [10, 2 * 1.05 ** 10],
    [50, 2 * 1.05 ** 50],
    [100, 2 * 1.05 ** 100],
  ])("step %i -> %f", (step, want) => {
    expect(lambdaAt(step, sched)).toBeCloseTo(want, 12);
  });

  it("starts at step 1 and grows without bound by default", () => {
    expect(() => lambdaAt(0, sched)).toThrow(/start at 1/);
    expect(lambdaAt(200, sched)).toBeGreaterThan(30_000);
  });

  it("caps at lambdaMax", () => {
    const capped = { ...sched, lambdaMax: 10 };
    expect(lambdaAt(1, capped)).toBeCloseTo(2.1, 12);
    expect(lambdaAt(32, capped)).toBeCloseTo(2 * 1.05 ** 32, 12); // 9.53
    expect(lambdaAt(33, capped)).toBe(10); // uncapped: 10.006
    expect(lambdaAt(500, capped)).toBe(10);
  });
});

describe("score = lambda * CLA + mean entropy (+ quality bonus)", () => {
  it.each([
    // cla, entropy, quality fraction, lambda, weight -> score
    [0.5, 3.0, undefined, 2.1, 0.5, 2.1 * 0.5 + 3.0],
    [0.8, 1.0, undefined, 2.1, 0.5, 2.1 * 0.8 + 1.0],
    [0.8, 1.0, 1, 2.1, 0.5, 2.1 * 0.8 + 1.0 + 0.5],
    [0.8, 1.0, 0.5, 2.1, 0.5, 2.1 * 0.8 + 1.0 + 0.25],
    [0.8, 1.0, 1, 2.1, 0, 2.1 * 0.8 + 1.0],
  ])("cla %f entropy %f quality %s", (c, h, q, lambda, w, want) => {
    const p = scoreParts({ cla: c, meanEntropy: h, qualityFraction: q }, lambda, w);
    expect(p.score).toBeCloseTo(want, 12);
    expect(p.integrity).toBe(c);
    expect(p.diversity).toBe(h);
    expect(p.lambda).toBe(lambda);
  });

  it("early on entropy dominates, later CLA does (the curriculum)", () => {
    const lowClaHighEnt = { cla: 0.4, meanEntropy: 3.2, qualityFraction: undefined };
    const highClaLowEnt = { cla: 0.8, meanEntropy: 2.0, qualityFraction: undefined };
    const at = (s: number, x: typeof lowClaHighEnt) => scoreParts(x, lambdaAt(s, sched), 0).score;
    expect(at(1, lowClaHighEnt)).toBeGreaterThan(at(1, highClaLowEnt));
    expect(at(30, lowClaHighEnt)).toBeLessThan(at(30, highClaLowEnt));
  });
});

const c = (group: number, index: number, score: number): Scored => ({ group, index, score });

describe("top-k selection", () => {
  // group 0 has the four best candidates overall; group 1 two weak ones; group 2 none.
  const cands = [c(0, 0, 9), c(0, 1, 8), c(0, 3, 7), c(0, 5, 6), c(1, 2, 2), c(1, 4, 1)];

  it("per group: k best of each prompt, in (group, index) order", () => {
    expect(selectTop(cands, "per-group", 2, 3)).toEqual([c(0, 0, 9), c(0, 1, 8), c(1, 2, 2), c(1, 4, 1)]);
  });

  it("global: the k*B best of the batch (may concentrate on one prompt)", () => {
    expect(selectTop(cands, "global", 1, 3)).toEqual([c(0, 0, 9), c(0, 1, 8), c(0, 3, 7)]);
    expect(selectTop(cands, "global", 2, 3)).toEqual(cands);
  });

  it("ties break by group then index (a total order)", () => {
    const tied = [c(1, 0, 5), c(0, 3, 5), c(0, 1, 5)];
    expect(selectTop(tied, "global", 1, 2)).toEqual([c(0, 1, 5), c(0, 3, 5)]);
  });

  it("fewer candidates than the target: all of them", () => {
    expect(selectTop([c(2, 0, 1)], "global", 2, 4)).toEqual([c(2, 0, 1)]);
    expect(selectTop([], "per-group", 2, 4)).toEqual([]);
  });

  it("random selection takes the same counts, deterministically per seed", () => {
    const a = selectRandom(cands, "per-group", 1, 3, Rng.seeded(1));
    expect(a).toHaveLength(2);
    expect(new Set(a.map((x) => x.group))).toEqual(new Set([0, 1]));
    expect(selectRandom(cands, "per-group", 1, 3, Rng.seeded(1))).toEqual(a);
    const g = selectRandom(cands, "global", 1, 3, Rng.seeded(2));
    expect(g).toHaveLength(3);
    // over many seeds every candidate gets picked sometimes (it ignores scores)
    const seen = new Set<string>();
    for (let s = 0; s < 200; s++) for (const x of selectRandom(cands, "global", 1, 1, Rng.seeded(s))) seen.add(`${x.group}:${x.index}`);
    expect(seen.size).toBe(cands.length);
  });
});
