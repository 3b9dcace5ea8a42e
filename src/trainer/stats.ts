/**
 * The statistics of benchmark comparisons, shared by bench/trainer.ts and
 * `hir report`: means and sample standard deviations over seeds, Cohen's d
 * (pooled sd), Welch's unequal-variance t-test with the Welch-Satterthwaite
 * degrees of freedom, and Student's t distribution (CDF through the regularized
 * incomplete beta function, quantiles by bisection) for p-values and
 * confidence intervals. Pure functions, no dependencies.
 */

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** ln Gamma(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    // even step
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    f *= d * c;
    // odd step
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return f;
}

/** The regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `df` > 0 degrees of freedom (df may be fractional, as Welch's). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** The t value with P(T <= t) = p (bisection on the CDF; |error| < 1e-10). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  let lo = -1;
  let hi = 1;
  while (studentTCdf(lo, df) > p) lo *= 2;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface WelchResult {
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value; NaN when either sample has fewer than two values or both have zero variance. */
  readonly p: number;
}

/** Welch's two-sample t-test of mean(a) - mean(b). */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult {
  if (a.length < 2 || b.length < 2) return { t: NaN, df: NaN, p: NaN };
  const va = sd(a) ** 2 / a.length;
  const vb = sd(b) ** 2 / b.length;
  const se2 = va + vb;
  const diff = mean(a) - mean(b);
  if (se2 === 0) return { t: diff === 0 ? 0 : Math.sign(diff) * Infinity, df: NaN, p: diff === 0 ? 1 : 0 };
  const t = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  return { t, df, p: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)) };
}

/** Cohen's d with the pooled sample standard deviation; NaN when it is undefined. */
export function cohenD(a: readonly number[], b: readonly number[]): number {
  if (a.length < 2 || b.length < 2) return NaN;
  const pooled = Math.sqrt(((a.length - 1) * sd(a) ** 2 + (b.length - 1) * sd(b) ** 2) / (a.length + b.length - 2));
  const diff = mean(a) - mean(b);
  if (pooled === 0) return diff === 0 ? 0 : Math.sign(diff) * Infinity;
  return diff / pooled;
}

/** Two-sided confidence interval of a mean (t distribution); [mean, mean] for one value. */
export function meanInterval(xs: readonly number[], level = 0.95): { readonly mean: number; readonly low: number; readonly high: number } {
  const m = mean(xs);
  if (xs.length < 2) return { mean: m, low: m, high: m };
  const h = studentTQuantile(1 - (1 - level) / 2, xs.length - 1) * (sd(xs) / Math.sqrt(xs.length));
  return { mean: m, low: m - h, high: m + h };
}

export interface Comparison {
  readonly a: string;
  readonly b: string;
  readonly metric: string;
  /** mean(a) - mean(b). */
  readonly diff: number;
  readonly cohen_d: number;
  readonly welch_p: number;
  /** 95% interval of the difference (Welch). */
  readonly ci_low: number;
  readonly ci_high: number;
  /** True when the difference is not significant at `alpha` (p >= alpha, or too few seeds). */
  readonly within_noise: boolean;
}

/** Compares two arms' per-seed values of one metric. */
export function compare(a: string, b: string, metric: string, xa: readonly number[], xb: readonly number[], alpha = 0.05): Comparison {
  const w = welchTTest(xa, xb);
  const diff = mean(xa) - mean(xb);
  const se = Math.sqrt(sd(xa) ** 2 / xa.length + sd(xb) ** 2 / xb.length);
  const q = Number.isFinite(w.df) ? studentTQuantile(1 - alpha / 2, w.df) : NaN;
  return {
    a,
    b,
    metric,
    diff,
    cohen_d: cohenD(xa, xb),
    welch_p: w.p,
    ci_low: diff - q * se,
    ci_high: diff + q * se,
    within_noise: !(w.p < alpha),
  };
}
