/**
 * Advantage estimators, as verl computes them (the release is a verl fork).
 *
 * Both take an in-reward KL penalty: token rewards r_t = -beta * kl_t, plus the
 * outcome reward R at the last token.
 * - REINFORCE++: returns G_t = sum_{t' >= t} r_t' (gamma = 1), whitened over every
 *   token of the batch (mean-centred, divided by sqrt(unbiased var + 1e-8)); no group baseline.
 * - GRPO: sequence score s = sum_t r_t = R - beta * sum_t kl_t, normalised within
 *   its group: (s - mean) / (std + eps) (unbiased std; a group of one has mean 0,
 *   std 1 as in verl), broadcast to every token.
 */

export type KlEstimator = "k1" | "abs" | "mse" | "k3";

/** Per-token KL estimate between the sampling (old) and reference log-probs. */
export function klTerm(logpOld: number, logpRef: number, kind: KlEstimator): number {
  const d = logpOld - logpRef;
  switch (kind) {
    case "k1":
      return d;
    case "abs":
      return Math.abs(d);
    case "mse":
      return 0.5 * d * d;
    case "k3": {
      const kl = Math.exp(-d) + d - 1; // verl low_var_kl: ratio = exp(ref - old); kl = ratio - log ratio - 1
      return Math.min(10, Math.max(-10, kl));
    }
  }
}

export interface AdvantageSample {
  /** Group id for GRPO (ignored by REINFORCE++). */
  readonly group: string;
  /** Outcome reward (at the last token). */
  readonly reward: number;
  /** Per-token KL estimates (length = number of tokens). */
  readonly kl: readonly number[];
}

function tokenRewards(s: AdvantageSample, beta: number): number[] {
  const n = s.kl.length;
  const r = new Array<number>(n);
  for (let t = 0; t < n; t++) r[t] = -beta * (s.kl[t] as number);
  if (n > 0) r[n - 1] = (r[n - 1] as number) + s.reward;
  return r;
}

export function reinforcePlusPlus(samples: readonly AdvantageSample[], beta: number): number[][] {
  return whiten(tokenReturns(samples, beta));
}

/** Per-token returns G_t = sum_{t' >= t} r_t' (gamma = 1) of each sample, before whitening. */
export function tokenReturns(samples: readonly AdvantageSample[], beta: number): number[][] {
  return samples.map((s) => {
    const r = tokenRewards(s, beta);
    const g = new Array<number>(r.length);
    let running = 0;
    for (let t = r.length - 1; t >= 0; t--) {
      running = (r[t] as number) + running;
      g[t] = running;
    }
    return g;
  });
}

/**
 * verl masked_whiten: (x - mean) * rsqrt(var_unbiased + 1e-8) over every token of the batch.
 * `basis` (default: `values` themselves) gives the rows the mean and variance are taken over.
 */
export function whiten(values: readonly (readonly number[])[], basis: readonly (readonly number[])[] = values): number[][] {
  let n = 0;
  let sum = 0;
  for (const row of basis) for (const x of row) {
    sum += x;
    n++;
  }
  if (n === 0) return values.map(() => []);
  const mean = sum / n;
  let ss = 0;
  for (const row of basis) for (const x of row) ss += (x - mean) * (x - mean);
  const variance = n > 1 ? ss / (n - 1) : 0;
  const inv = 1 / Math.sqrt(variance + 1e-8);
  return values.map((row) => row.map((x) => (x - mean) * inv));
}

export function grpo(samples: readonly AdvantageSample[], beta: number, opts: { useStd: boolean; epsilon: number }): number[][] {
  const scores = samples.map((s) => tokenRewards(s, beta).reduce((a, b) => a + b, 0));
  const byGroup = new Map<string, number[]>();
  samples.forEach((s, i) => {
    const g = byGroup.get(s.group);
    if (g) g.push(i);
    else byGroup.set(s.group, [i]);
  });
  const adv = new Array<number>(samples.length).fill(0);
  for (const idx of byGroup.values()) {
    let mean = 0;
    let std = 1;
    if (idx.length > 1) {
      mean = idx.reduce((a, i) => a + (scores[i] as number), 0) / idx.length;
      const ss = idx.reduce((a, i) => a + ((scores[i] as number) - mean) ** 2, 0);
      std = Math.sqrt(ss / (idx.length - 1));
    }
    for (const i of idx) {
      const centred = (scores[i] as number) - mean;
      adv[i] = opts.useStd ? centred / (std + opts.epsilon) : centred;
    }
  }
  return samples.map((s, i) => new Array<number>(s.kl.length).fill(adv[i] as number));
}
