/** Adam (Kingma & Ba) with bias correction and optional global-norm gradient clipping, in place on Float64Arrays. */
import { decodeF64, encodeF64 } from "./codec.js";

export interface AdamConfig {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly gradClip: number | null;
}

export interface AdamSnapshot {
  readonly t: number;
  readonly m: string;
  readonly v: string;
}

export class Adam {
  t = 0;
  readonly m: Float64Array;
  readonly v: Float64Array;

  constructor(readonly size: number, readonly cfg: AdamConfig) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** Applies one step; returns the gradient's L2 norm before clipping. */
  step(params: Float64Array, grad: Float64Array): number {
    let sq = 0;
    for (let i = 0; i < grad.length; i++) {
      const g = grad[i] as number;
      sq += g * g;
    }
    const norm = Math.sqrt(sq);
    const scale = this.cfg.gradClip !== null && norm > this.cfg.gradClip ? this.cfg.gradClip / norm : 1;
    this.t++;
    const { lr, beta1, beta2, eps } = this.cfg;
    const c1 = 1 - Math.pow(beta1, this.t);
    const c2 = 1 - Math.pow(beta2, this.t);
    const m = this.m;
    const v = this.v;
    for (let i = 0; i < params.length; i++) {
      const g = (grad[i] as number) * scale;
      const mi = beta1 * (m[i] as number) + (1 - beta1) * g;
      const vi = beta2 * (v[i] as number) + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      if (mi !== 0) params[i] = (params[i] as number) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
    }
    return norm;
  }

  save(): AdamSnapshot {
    return { t: this.t, m: encodeF64(this.m), v: encodeF64(this.v) };
  }

  load(s: AdamSnapshot): void {
    this.t = s.t;
    this.m.set(decodeF64(s.m, this.size));
    this.v.set(decodeF64(s.v, this.size));
  }
}

/**
 * One update of a policy's parameters: clears `grad`, lets `gradient` fill it (returning the
 * loss statistics), then applies `adam`. Returns the statistics with the gradient's norm.
 */
export function adamUpdate<S extends object>(adam: Adam, params: Float64Array, grad: Float64Array, gradient: (grad: Float64Array) => S): S & { gradNorm: number } {
  grad.fill(0);
  const stats = gradient(grad);
  const gradNorm = adam.step(params, grad);
  return { ...stats, gradNorm };
}
