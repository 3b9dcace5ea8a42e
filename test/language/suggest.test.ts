import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { damerauLevenshtein, didYouMean, didYouMeanSuffix } from "../../src/language/suggest.js";

/** Plain Levenshtein, as a reference upper bound. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}

describe("damerauLevenshtein", () => {
  it("known distances", () => {
    expect(damerauLevenshtein("", "")).toBe(0);
    expect(damerauLevenshtein("abc", "")).toBe(3);
    expect(damerauLevenshtein("kitten", "sitting")).toBe(3);
    expect(damerauLevenshtein("unsued", "unused")).toBe(1); // one transposition
    expect(damerauLevenshtein("ca", "abc")).toBe(2); // unrestricted: transpose then insert
    expect(damerauLevenshtein("abcdef", "badcfe")).toBe(3);
  });

  it("is a metric bounded by Levenshtein", () => {
    const s = fc.string({ maxLength: 12, unit: fc.constantFrom("a", "b", "c", "d") });
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        const ab = damerauLevenshtein(a, b);
        expect(ab).toBe(damerauLevenshtein(b, a));
        expect(ab === 0).toBe(a === b);
        expect(ab).toBeLessThanOrEqual(levenshtein(a, b));
        expect(ab).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(damerauLevenshtein(a, c)).toBeLessThanOrEqual(ab + damerauLevenshtein(b, c));
      }),
      { numRuns: 300 },
    );
  });
});

describe("didYouMean", () => {
  const rules = ["unused-input", "unknown-input", "unused-import", "HIR9001"];

  it("suggests the closest candidate", () => {
    expect(didYouMean("unsued-input", rules)).toBe("unused-input");
    expect(didYouMean("unknwon-input", rules)).toBe("unknown-input");
    expect(didYouMean("hir9001", rules)).toBe("HIR9001");
  });

  it("returns nothing when nothing is close", () => {
    expect(didYouMean("contradiction", rules)).toBeUndefined();
    expect(didYouMean("x", [])).toBeUndefined();
  });

  it("breaks ties by candidate order", () => {
    expect(didYouMean("abd", ["abc", "abe"])).toBe("abc");
    expect(didYouMean("abd", ["abe", "abc"])).toBe("abe");
  });

  it("respects maxDistance and case sensitivity options", () => {
    expect(didYouMean("abcdef", ["abcxyz"], { maxDistance: 3 })).toBe("abcxyz");
    expect(didYouMean("abcdef", ["abcxyz"])).toBeUndefined();
    expect(didYouMean("ABC", ["abc"], { ignoreCase: false, maxDistance: 1 })).toBeUndefined();
  });

  it("formats a suffix", () => {
    expect(didYouMeanSuffix("unsued-input", rules)).toBe(" Did you mean `unused-input`?");
    expect(didYouMeanSuffix("zzz", rules)).toBe("");
  });
});
