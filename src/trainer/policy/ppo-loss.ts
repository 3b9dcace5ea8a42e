/**
 * The token-mean PPO loss of a batch, accumulated token by token, shared by the
 * policies that compute it locally (embedded, neural): the clipped surrogate
 * minus `entropyCoeff` x entropy, the reported statistics, and the loss's
 * derivative with respect to each candidate's scaled logit z/T (the caller
 * multiplies by 1/T for the raw logits). Fixed operation order: a seed
 * reproduces a run bit for bit.
 */
import { clippedSurrogate } from "../ppo.js";
import type { UpdateItem, UpdateOptions, UpdateStats } from "./types.js";

export class TokenMeanPpo {
  private readonly inv: number;
  private readonly nTok: number;
  private loss = 0;
  private kl = 0;
  private ppoKl = 0;
  private clipped = 0;
  private ent = 0;

  constructor(items: readonly UpdateItem[], private readonly opts: UpdateOptions) {
    let n = 0;
    for (const it of items) {
      if (it.advantages.length !== it.tokens.length || it.oldLogprobs.length !== it.tokens.length || it.refLogprobs.length !== it.tokens.length) {
        throw new Error("update: advantages and log-probs must have one entry per token");
      }
      n += it.tokens.length;
    }
    this.nTok = n;
    this.inv = n > 0 ? 1 / n : 0;
  }

  /**
   * Adds token `t` of `it` (log-prob `logp`, entropy `h`). When `dz` is given,
   * fills dz[c] = d loss / d (z_c / T) for the `total` candidates, from their
   * probabilities and logits `z`, and returns true.
   */
  token(it: UpdateItem, t: number, chosen: number, logp: number, h: number, grad?: { probs: ArrayLike<number>; z: ArrayLike<number>; total: number; dz: Float64Array }): boolean {
    const { opts, inv } = this;
    const old = it.oldLogprobs[t] as number;
    const term = clippedSurrogate(logp, old, it.advantages[t] as number, opts.clip);
    this.loss += (term.loss - opts.entropyCoeff * h) * inv;
    this.kl += (logp - (it.refLogprobs[t] as number)) * inv;
    this.ppoKl += (old - logp) * inv;
    if (term.clipped) this.clipped++;
    this.ent += h * inv;
    if (chosen < 0 || !grad) return false;
    // dL/d(z_c/T) = inv * [ dLogp * (1[c=chosen] - p_c) + entropyCoeff * p_c * (log p_c + H) ]
    const { probs, z, total, dz } = grad;
    const T = opts.temperature;
    const negLogZ = logp - (z[chosen] as number) / T; // log p_c = z_c / T + negLogZ
    for (let c = 0; c < total; c++) {
      const pc = probs[c] as number;
      let g = -term.dLogp * pc;
      if (opts.entropyCoeff !== 0 && pc > 0) g += opts.entropyCoeff * pc * ((z[c] as number) / T + negLogZ + h);
      dz[c] = g * inv;
    }
    dz[chosen] = (dz[chosen] as number) + term.dLogp * inv;
    return true;
  }

  stats(): UpdateStats {
    return { loss: this.loss, kl: this.kl, ppoKl: this.ppoKl, clipFraction: this.nTok > 0 ? this.clipped / this.nTok : 0, entropy: this.ent, gradNorm: 0, tokens: this.nTok };
  }
}
