import { describe, expect, it } from "vitest";
import { EmbeddedPolicy } from "../../src/trainer/policy/embedded.js";
import { traceTokens } from "../../src/trainer/policy/trace.js";
import type { UpdateItem } from "../../src/trainer/policy/types.js";
import { Rng } from "../../src/trainer/rng.js";

const OPT = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, gradClip: null };
const CFG = { rows: 256, copyRows: 256, optimizer: OPT };
const Q = 'Write a note about "the budget".\nUse exactly 3 bullet points.\nWrite between 20 and 40 words.\nEnd with "Thanks."\nDo not use the word "very".';
const Q_PRIME = 'Write a note about "the budget".\nUse exactly 3 bullet points.';
const OPTS = { clip: 0.2, entropyCoeff: 0.01, temperature: 1 };

function items(rs: readonly { tokens: readonly string[]; logprobs: readonly number[] }[], instruction: (i: number) => string): UpdateItem[] {
  return rs.map((r, i) => ({
    instruction: instruction(i),
    tokens: r.tokens,
    advantages: r.tokens.map((_, t) => ((t % 3) - 1) * 0.5),
    oldLogprobs: r.logprobs,
    refLogprobs: r.logprobs,
  }));
}

/** Bit patterns, so -0 and NaN payloads count. */
const bits = (xs: ArrayLike<number>) => Array.from(new Uint32Array(Float64Array.from(xs as number[]).buffer));

describe("embedded policy: the per-sequence walk trace", () => {
  const gen = new EmbeddedPolicy(CFG);
  const rs = gen.generate([Q, Q, Q, Q_PRIME], { temperature: 1, rng: Rng.seeded(4), maxTokens: 70 });

  it("the trace recorded while generating agrees with the one rebuilt from the tokens", () => {
    for (const r of rs) {
      const rebuilt = traceTokens(r.tokens, CFG.rows - 1);
      // Scoring the rollout under its own instruction reproduces generation's log-probs exactly.
      expect(bits(gen.logProbsOne(r.instruction, r.tokens, { temperature: 1 }).logprobs)).toEqual(bits(r.logprobs));
      expect(rebuilt.n).toBe(r.tokens.filter((t) => t !== "<stop>").length);
      // A fresh policy (no generation trace) scores the same bits from the rebuilt trace.
      expect(bits(gen.clone().logProbsOne(r.instruction, [...r.tokens], { temperature: 1 }).logprobs)).toEqual(bits(r.logprobs));
    }
  });

  it("replays (tokens under another instruction) score and train identically with a warm and a cold cache", () => {
    const warm = gen.clone();
    const cold = gen.clone();
    // Warm: the traces of the rollouts' token arrays are already cached (from scoring them under q).
    warm.logProbs(rs.map((r) => ({ instruction: r.instruction, tokens: r.tokens })), { temperature: 1 });
    const replays = items(rs, (i) => (i % 2 ? Q_PRIME : Q));
    const fresh = replays.map((it) => ({ ...it, tokens: [...it.tokens] }));
    const gw = new Float64Array(warm.size);
    const gc = new Float64Array(cold.size);
    const a = warm.lossAndGradient(replays, OPTS, gw);
    const b = cold.lossAndGradient(fresh, OPTS, gc);
    expect(bits([a.loss, a.stats.kl, a.stats.entropy])).toEqual(bits([b.loss, b.stats.kl, b.stats.entropy]));
    expect(bits(gw)).toEqual(bits(gc));
  });

  it("a token array changed after it was traced is traced again", () => {
    const p = gen.clone();
    const tokens = [...(rs[0]?.tokens as string[])];
    const before = p.logProbsOne(Q, tokens, { temperature: 1 }).logprobs;
    const other = rs.find((r) => r.tokens.length !== tokens.length) ?? (rs[1] as (typeof rs)[number]);
    tokens.splice(0, tokens.length, ...other.tokens);
    const after = p.logProbsOne(Q, tokens, { temperature: 1 }).logprobs;
    expect(bits(after)).toEqual(bits(gen.clone().logProbsOne(Q, [...other.tokens], { temperature: 1 }).logprobs));
    expect(after.length === before.length && bits(after).join() === bits(before).join()).toBe(false);
  });
});
