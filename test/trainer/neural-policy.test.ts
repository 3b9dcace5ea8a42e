import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/trainer/config.js";
import { createPolicy } from "../../src/trainer/policy/index.js";
import { encodeF64 } from "../../src/trainer/policy/codec.js";
import { forgetPretrained } from "../../src/trainer/policy/neural/pretrain.js";
import { NeuralPolicy, type NeuralConfig } from "../../src/trainer/policy/neural/policy.js";
import { tokenizeInstruction } from "../../src/trainer/policy/neural/tokenize.js";
import type { UpdateItem } from "../../src/trainer/policy/types.js";
import { Rng } from "../../src/trainer/rng.js";

const OPT = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, gradClip: null };
const TINY: NeuralConfig = { embed: 3, hidden: 4, buckets: 16, initSeed: 7, optimizer: OPT };
const Q = 'Write about "the Q3 budget".\nUse exactly 3 bullet points.\nDo not use the word "very".';
const Q_PRIME = 'Write about "the Q3 budget".\nDo not use the word "very".';
/** Copies a quoted phrase, and one the instruction does not quote (an orphan, as a replay under q' can have). */
const TOKENS = ["the", "copy:the Q3 budget", "<bullet>", "plan", ".", "copy:an orphan phrase", "<end>"];

function tiny(seed = 7): NeuralPolicy {
  const p = new NeuralPolicy({ ...TINY, initSeed: seed });
  // Break the zero biases so every gradient path carries signal.
  const rng = Rng.seeded(99);
  for (let i = 0; i < p.params.length; i++) p.params[i] = (p.params[i] as number) + 0.3 * rng.normal();
  return p;
}

/** Central finite differences on `count` seeded parameter indices against the analytic gradient. */
function gradCheck(p: NeuralPolicy, lossOf: () => number, analytic: Float64Array, count: number): number {
  const rng = Rng.seeded(5);
  let worst = 0;
  const eps = 1e-5;
  for (let k = 0; k < count; k++) {
    const i = rng.int(p.params.length);
    const x = p.params[i] as number;
    p.params[i] = x + eps;
    (p as unknown as { cache: Map<string, unknown> }).cache.clear();
    const up = lossOf();
    p.params[i] = x - eps;
    (p as unknown as { cache: Map<string, unknown> }).cache.clear();
    const down = lossOf();
    p.params[i] = x;
    (p as unknown as { cache: Map<string, unknown> }).cache.clear();
    const numeric = (up - down) / (2 * eps);
    const a = analytic[i] as number;
    worst = Math.max(worst, Math.abs(numeric - a) / Math.max(1e-6, Math.abs(numeric) + Math.abs(a)));
  }
  return worst;
}

describe("the neural policy", () => {
  it("reads the instruction as tokens: digits spelled out, quoted phrases as copy keys", () => {
    const t = tokenizeInstruction('Use 30 words about "the Q3 budget".', 1024);
    // use 3 0 words about " the q3 budget " .
    expect(t.ids.length).toBe(11);
    expect(t.ids[1]).toBe(tokenizeInstruction("3", 1024).ids[0]);
    expect(t.quotes).toEqual([{ text: "the Q3 budget", end: 9 }]);
  });

  it("PPO loss gradient (with entropy bonus, under q and q' with an orphan copy) matches finite differences", () => {
    const p = tiny();
    const T = 0.9;
    const scores = p.logProbs([{ instruction: Q, tokens: TOKENS }, { instruction: Q_PRIME, tokens: TOKENS }], { temperature: T });
    const items: UpdateItem[] = scores.map((s, j) => ({
      instruction: j === 0 ? Q : Q_PRIME,
      tokens: TOKENS,
      advantages: TOKENS.map((_, t) => (j === 0 ? 1 : -0.5) * (1 + 0.1 * t)),
      oldLogprobs: s.logprobs.map((x) => x + 0.01), // ratio inside the clip range: the surrogate is smooth here
      refLogprobs: s.logprobs,
    }));
    const opts = { clip: 0.2, entropyCoeff: 0.05, temperature: T };
    const grad = new Float64Array(p.params.length);
    p.lossAndGradient(items, opts, grad);
    const worst = gradCheck(p, () => p.lossAndGradient(items, opts).loss, grad, 120);
    expect(worst).toBeLessThan(1e-5);
  });

  it("supervised (pretraining) NLL gradient matches finite differences", () => {
    const p = tiny(3);
    const ex = [{ instruction: Q, tokens: TOKENS }, { instruction: Q_PRIME, tokens: ["<bullet>", "copy:very", "<end>"] }];
    const grad = new Float64Array(p.params.length);
    p.nllAndGradient(ex, grad);
    const worst = gradCheck(p, () => p.nllAndGradient(ex, new Float64Array(p.params.length)), grad, 120);
    expect(worst).toBeLessThan(1e-5);
  });

  it("generation is reproducible from the seed, and its log-probs equal teacher-forced scoring", () => {
    const a = tiny().generate([Q, Q_PRIME], { temperature: 1, rng: Rng.seeded(4), maxTokens: 40 });
    const b = tiny().generate([Q, Q_PRIME], { temperature: 1, rng: Rng.seeded(4), maxTokens: 40 });
    expect(a).toEqual(b);
    const scored = tiny().logProbs(a.map((r) => ({ instruction: r.instruction, tokens: r.tokens })), { temperature: 1 });
    scored.forEach((s, i) => {
      expect(s.logprobs).toEqual(a[i]?.logprobs);
      expect(s.entropies).toEqual(a[i]?.entropies);
    });
  });

  it("an update on positive advantages raises the sequence's log-prob; save/load round-trips exactly", () => {
    const p = tiny();
    const before = p.logProbs([{ instruction: Q, tokens: TOKENS }], { temperature: 1 })[0]!.logprobs;
    const item: UpdateItem = { instruction: Q, tokens: TOKENS, advantages: TOKENS.map(() => 1), oldLogprobs: before, refLogprobs: before };
    p.update([item], { clip: 0.2, entropyCoeff: 0, temperature: 1 });
    const after = p.logProbs([{ instruction: Q, tokens: TOKENS }], { temperature: 1 })[0]!.logprobs;
    expect(after.reduce((x, y) => x + y, 0)).toBeGreaterThan(before.reduce((x, y) => x + y, 0));
    const copy = new NeuralPolicy(TINY);
    copy.load(JSON.parse(JSON.stringify(p.save())));
    expect(copy.logProbs([{ instruction: Q, tokens: TOKENS }], { temperature: 1 })[0]!.logprobs).toEqual(after);
    expect(() => new NeuralPolicy({ ...TINY, hidden: 5 }).load(p.save())).toThrow(/sizes differ/);
  });

  it("createPolicy pretrains deterministically on the training instructions; the disk cache gives back the same bits", () => {
    const dir = mkdtempSync(join(tmpdir(), "hir-neural-test-"));
    try {
      const small = { embed: 4, hidden: 6, buckets: 64, pretrain: { epochs: 1, samplesPerTask: 2, batch: 2, cacheDir: dir } };
      const config = resolveConfig({ policy: { kind: "neural", neural: small }, rollout: { maxTokens: 24 } });
      const untrained = new NeuralPolicy({ embed: 4, hidden: 6, buckets: 64, initSeed: 1, optimizer: config.optimizer });
      const a = createPolicy(config, { instructions: [Q, Q_PRIME] }) as NeuralPolicy;
      expect(a.kind).toBe("neural");
      expect(a.params).not.toEqual(untrained.params); // pretraining moved the weights
      expect(readdirSync(dir).filter((f) => f.startsWith("neural-"))).toHaveLength(1);
      expect((createPolicy(config, { instructions: [Q, Q_PRIME] }) as NeuralPolicy).params).toEqual(a.params);
      // A fresh process reads the file: mark it to see that it is what gets loaded.
      const file = join(dir, readdirSync(dir).find((f) => f.startsWith("neural-")) as string);
      const saved = JSON.parse(readFileSync(file, "utf8")) as { key: string; params: string };
      const marked = Float64Array.from(a.params);
      marked[0] = 42;
      writeFileSync(file, JSON.stringify({ key: saved.key, params: encodeF64(marked) }));
      forgetPretrained();
      expect((createPolicy(config, { instructions: [Q, Q_PRIME] }) as NeuralPolicy).params[0]).toBe(42);
      const other = createPolicy(resolveConfig({ policy: { kind: "neural", neural: { ...small, pretrain: { ...small.pretrain, seed: 2 } } }, rollout: { maxTokens: 24 } }), { instructions: [Q, Q_PRIME] }) as NeuralPolicy;
      expect(other.params).not.toEqual(a.params);
      expect(() => createPolicy(config)).toThrow(/needs the training instructions/);
    } finally {
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    }
  });
});
