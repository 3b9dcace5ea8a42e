import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohenD, compare, meanInterval, studentTCdf, studentTQuantile, welchTTest } from "../../src/trainer/stats.js";

// Reference values computed with scipy.stats 1.17 (t.cdf, t.sf, t.ppf, ttest_ind(equal_var=False)).
describe("Student's t distribution", () => {
  it("matches known CDF values, including fractional and tiny degrees of freedom", () => {
    expect(2 * studentTCdf(-2, 10)).toBeCloseTo(0.07338803477074037, 12);
    expect(studentTCdf(-1.5, 3.7)).toBeCloseTo(0.10679908460100675, 12);
    expect(studentTCdf(0.3, 0.5)).toBeCloseTo(0.5775704239347546, 12);
    expect(studentTCdf(1.959964, 1e6)).toBeCloseTo(0.9749998622559481, 9);
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 14); // Cauchy
    expect(2 * (1 - studentTCdf(40, 3))).toBeCloseTo(3.4380680789158506e-5, 12);
    expect(studentTCdf(-8, 200) / 4.939600454665298e-14).toBeCloseTo(1, 8);
    expect(studentTCdf(0, 7)).toBe(0.5);
  });

  it("quantiles invert the CDF", () => {
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.5705818356363146, 9);
    expect(studentTQuantile(0.975, 2.5)).toBeCloseTo(3.5746548420036817, 9);
  });

  it("is symmetric and monotone", () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.2, max: 500, noNaN: true }), (t, df) => {
        const p = studentTCdf(t, df);
        expect(p + studentTCdf(-t, df)).toBeCloseTo(1, 12);
        expect(studentTCdf(t + 0.5, df)).toBeGreaterThanOrEqual(p);
      }),
    );
  });
});

describe("comparisons", () => {
  const a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
  const b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

  it("Welch's t-test matches scipy", () => {
    const w = welchTTest(a, b);
    expect(w.t).toBeCloseTo(-2.455356398286006, 10);
    expect(w.df).toBeCloseTo(24.988529290231416, 9);
    expect(w.p).toBeCloseTo(0.021378001462866992, 10);
    const u = welchTTest([0.12, 0.15, 0.11, 0.19], [0.1, 0.09, 0.13, 0.08, 0.11, 0.12]);
    expect(u.t).toBeCloseTo(1.9205531989934408, 10);
    expect(u.p).toBeCloseTo(0.12542806897663328, 10);
  });

  it("Cohen's d uses the pooled sd; intervals and the noise verdict follow the test", () => {
    expect(cohenD([1, 2, 3], [2, 3, 4])).toBeCloseTo(-1, 14);
    const c = compare("a", "b", "auc", a, b);
    expect(c.within_noise).toBe(false);
    expect(c.ci_high).toBeLessThan(0);
    const n = compare("x", "y", "auc", [0.12, 0.15, 0.11, 0.19], [0.1, 0.09, 0.13, 0.08, 0.11, 0.12]);
    expect(n.within_noise).toBe(true);
    expect(n.ci_low).toBeLessThan(0);
    expect(n.ci_high).toBeGreaterThan(0);
    const m = meanInterval([1, 2, 3, 4, 5]);
    expect(m.high - m.mean).toBeCloseTo(2.7764451051977934 * Math.sqrt(2.5 / 5), 8);
    expect(compare("a", "b", "auc", [1], [2]).within_noise).toBe(true);
  });
});
