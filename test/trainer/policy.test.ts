import { describe, expect, it } from "vitest";
import { EmbeddedPolicy, STOP_TOKEN, countBucket, diffBucket } from "../../src/trainer/policy/embedded.js";
import { analyzeInstruction } from "../../src/trainer/policy/instruction.js";
import type { UpdateItem } from "../../src/trainer/policy/types.js";
import { detokenize, STATIC_TOKENS } from "../../src/trainer/policy/vocab.js";
import { Rng } from "../../src/trainer/rng.js";

const OPT = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, gradClip: null };
const tiny = () => new EmbeddedPolicy({ rows: 64, copyRows: 64, optimizer: OPT });
const Q = 'Write a note about "the budget".\nUse exactly 3 bullet points.\nWrite between 20 and 40 words.\nEnd with "Thanks."\nDo not use the word "very".';
const Q_PRIME = 'Write a note about "the budget".\nUse exactly 3 bullet points.';

describe("instruction features", () => {
  it("finds numbers with their context and quoted phrases", () => {
    const info = analyzeInstruction(Q);
    expect(info.numbers.map((n) => n.value)).toEqual([3, 20, 40]);
    expect(info.quotes.map((q) => q.text)).toEqual(["the budget", "Thanks.", "very"]);
    // "between 20" and "and 40 words" are keyed differently
    expect(info.numbers[1]?.ctx[0]).not.toBe(info.numbers[2]?.ctx[0]);
  });

  it("a hindsight rewrite changes what the policy sees", () => {
    const a = analyzeInstruction(Q);
    const b = analyzeInstruction(Q_PRIME);
    expect(b.numbers).toHaveLength(1);
    expect(b.quotes.map((q) => q.text)).toEqual(["the budget"]);
    expect(b.unigrams.length).toBeLessThan(a.unigrams.length);
  });

  it("buckets", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 8, 9, 12, 13, 20, 21, 32, 33, 50, 51, 80, 81, 500].map(countBucket)).toEqual([0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11]);
    expect([-30, -20, -19, -10, -9, -5, -4, -2, -1, 0, 1, 2, 4, 5, 9, 10].map(diffBucket)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 7, 8, 8, 9]);
  });
});

describe("text pieces", () => {
  it("detokenizes structure, punctuation and copies", () => {
    expect(detokenize(["copy:Summary:", "the", "plan", ".", "<bullet>", "risk", ",", "budget", "<bullet>", "data", "<para>", "Recommendation:", "review", ".", "<end>"])).toBe(
      "Summary: the plan.\n- risk, budget\n- data\n\nRecommendation: review.",
    );
    expect(detokenize(["<bullet>", "risk", "<line>", "<bullet>", "data"])).toBe("- risk\n- data");
  });
});

describe("embedded policy", () => {
  it("generates well-formed rollouts whose log-probs and entropies logProbs reproduces exactly", () => {
    const p = new EmbeddedPolicy({ rows: 4096, copyRows: 4096, optimizer: OPT });
    const rs = p.generate([Q, Q, Q, Q_PRIME], { temperature: 1, rng: Rng.seeded(3), maxTokens: 80 });
    for (const r of rs) {
      expect(r.tokens.length).toBe(r.logprobs.length);
      expect(r.tokens.length).toBeLessThanOrEqual(80);
      expect(["<end>", STOP_TOKEN]).toContain(r.tokens[r.tokens.length - 1]);
      expect(detokenize(r.tokens)).toBe(r.text);
      for (const h of r.entropies) expect(h).toBeGreaterThanOrEqual(0);
      for (const lp of r.logprobs) expect(lp).toBeLessThanOrEqual(0);
      const s = p.logProbsOne(r.instruction, r.tokens, { temperature: 1 });
      expect(s.logprobs).toEqual(r.logprobs);
      expect(s.entropies).toEqual(r.entropies);
    }
  });

  it("is deterministic given the seed", () => {
    const a = tiny().generate([Q, Q], { temperature: 1, rng: Rng.seeded(9), maxTokens: 60 });
    const b = tiny().generate([Q, Q], { temperature: 1, rng: Rng.seeded(9), maxTokens: 60 });
    expect(b).toEqual(a);
    const c = tiny().generate([Q, Q], { temperature: 1, rng: Rng.seeded(10), maxTokens: 60 });
    expect(c).not.toEqual(a);
  });

  it("scores a response under a hindsight instruction that no longer quotes what it copied", () => {
    const p = tiny();
    const tokens = ["copy:Thanks.", "the", "plan", ".", "<end>"];
    const s = p.logProbsOne(Q_PRIME, tokens, { temperature: 1 });
    expect(s.logprobs.every((x) => Number.isFinite(x) && x < 0)).toBe(true);
  });

  it("exact gradients: backprop matches finite differences", () => {
    const p = tiny();
    const rng = Rng.seeded(5);
    for (let i = 0; i < p.params.length; i++) p.params[i] = (p.params[i] as number) + 0.3 * rng.normal();
    const T = 0.8;
    const rollouts = p.generate([Q, Q, Q_PRIME], { temperature: T, rng, maxTokens: 30 });
    const items: UpdateItem[] = rollouts.map((r, i) => ({
      // score the first rollout under q' too (a replay with orphan copies)
      instruction: i === 0 ? Q_PRIME : r.instruction,
      tokens: r.tokens,
      advantages: r.tokens.map(() => rng.normal()),
      // ratios inside the clip range for most tokens, far outside for every fifth
      oldLogprobs: r.logprobs.map((lp, t) => (t % 5 === 4 ? lp - 0.6 : lp + 0.05 * rng.normal())),
      refLogprobs: r.logprobs.map((lp) => lp - 0.1),
    }));
    const opts = { clip: 0.2, entropyCoeff: 0.05, temperature: T };
    const grad = new Float64Array(p.params.length);
    const base = p.lossAndGradient(items, opts, grad);
    expect(base.stats.clipFraction).toBeGreaterThan(0);
    const nonzero = [...grad.keys()].filter((i) => grad[i] !== 0);
    expect(nonzero.length).toBeGreaterThan(50);
    const pick = [...Rng.seeded(1).shuffled(nonzero).slice(0, 60), ...Rng.seeded(2).shuffled([...grad.keys()]).slice(0, 20)];
    const h = 1e-6;
    let worst = 0;
    for (const i of pick) {
      const keep = p.params[i] as number;
      p.params[i] = keep + h;
      const up = p.lossAndGradient(items, opts).loss;
      p.params[i] = keep - h;
      const down = p.lossAndGradient(items, opts).loss;
      p.params[i] = keep;
      const fd = (up - down) / (2 * h);
      const err = Math.abs(fd - (grad[i] as number)) / Math.max(1e-4, Math.abs(fd) + Math.abs(grad[i] as number));
      worst = Math.max(worst, err);
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it("an update moves probability toward positive-advantage tokens", () => {
    const p = tiny();
    const tokens = ["the", "risk", ".", "<end>"];
    const before = p.logProbsOne(Q, tokens, { temperature: 1 });
    const item: UpdateItem = { instruction: Q, tokens, advantages: [1, 1, 1, 1], oldLogprobs: before.logprobs, refLogprobs: before.logprobs };
    for (let i = 0; i < 5; i++) p.update([item], { clip: 10, entropyCoeff: 0, temperature: 1 });
    const after = p.logProbsOne(Q, tokens, { temperature: 1 });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(after.logprobs)).toBeGreaterThan(sum(before.logprobs));
  });

  it("save/load round-trips parameters and optimizer state exactly", () => {
    const p = tiny();
    const rs = p.generate([Q], { temperature: 1, rng: Rng.seeded(1), maxTokens: 30 });
    const r = rs[0]!;
    p.update([{ instruction: Q, tokens: r.tokens, advantages: r.tokens.map(() => 1), oldLogprobs: r.logprobs, refLogprobs: r.logprobs }], { clip: 0.2, entropyCoeff: 0, temperature: 1 });
    const snap = JSON.parse(JSON.stringify(p.save()));
    const q = tiny();
    q.load(snap);
    expect(Buffer.from(q.params.buffer).equals(Buffer.from(p.params.buffer))).toBe(true);
    expect(q.adam.t).toBe(1);
    expect(JSON.stringify(q.save())).toBe(JSON.stringify(p.save()));
    expect(() => new EmbeddedPolicy({ rows: 128, copyRows: 64, optimizer: OPT }).load(snap)).toThrow(/sizes/);
  });

  it("vocabulary is stable (checkpoints refuse a different one)", () => {
    expect(STATIC_TOKENS.slice(0, 6)).toEqual(["<end>", "<bullet>", "<para>", "<line>", ".", ","]);
  });

  it("batched calls equal one call per item: generate draws from the rng in instruction order, logProbs is per request", () => {
    const batched = tiny().generate([Q, Q, Q_PRIME, Q], { temperature: 1, rng: Rng.seeded(21), maxTokens: 50 });
    const rng = Rng.seeded(21);
    const single = tiny();
    const separate = [[Q, Q], [Q_PRIME], [Q]].flatMap((qs) => single.generate(qs, { temperature: 1, rng, maxTokens: 50 }));
    expect(batched).toEqual(separate);
    const p = tiny();
    const requests = batched.map((r, i) => ({ instruction: i % 2 === 0 ? Q : Q_PRIME, tokens: r.tokens }));
    expect(p.logProbs(requests, { temperature: 0.7 })).toEqual(requests.map((r) => p.logProbsOne(r.instruction, r.tokens, { temperature: 0.7 })));
  });
});
