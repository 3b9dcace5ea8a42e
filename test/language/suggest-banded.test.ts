/**
 * Issue 8, item 4: "did you mean" used the full Damerau-Levenshtein matrix, so two
 * long identifiers cost |a| * |b| cells (a 16 KB file: 31 s and 5 GB; 24 KB:
 * RangeError). The banded distance must agree with the full one up to the cap and
 * lint such files quickly (the vitest timeout is the hang detector).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundedDamerauLevenshtein, damerauLevenshtein, didYouMean } from "../../src/language/suggest.js";
import { memoryHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";

describe("banded Damerau-Levenshtein", () => {
  it("equals min(full distance, cap + 1)", () => {
    const s = fc.string({ maxLength: 14, unit: fc.constantFrom("a", "b", "c", "d") });
    fc.assert(
      fc.property(s, s, fc.integer({ min: 0, max: 5 }), (a, b, cap) => {
        expect(boundedDamerauLevenshtein(a, b, cap)).toBe(Math.min(damerauLevenshtein(a, b), cap + 1));
      }),
      { numRuns: 2000, seed: 8 },
    );
  });

  it("keeps the unrestricted transposition", () => {
    expect(boundedDamerauLevenshtein("ca", "abc", 3)).toBe(2);
    expect(boundedDamerauLevenshtein("abcdef", "badcfe", 3)).toBe(3);
  });

  it("two 24 KB names compare without a full matrix", () => {
    const a = "x".repeat(24_000);
    expect(boundedDamerauLevenshtein(a, "y" + a.slice(2) + "z", 3)).toBe(2);
    expect(boundedDamerauLevenshtein(a, "y".repeat(24_000), 3)).toBe(4);
    expect(didYouMean(a + "q", [a, "y".repeat(24_000)])).toBe(a);
  });
});

describe("linting files with long or many unknown names", () => {
  const lint = (src: string) => loadProgram(["c.contract"], memoryHost({ "c.contract": src })).diagnostics;

  it("a long unknown identifier next to a long input name (16 KB and 24 KB files)", () => {
    for (const n of [8_000, 12_000]) {
      const src = `contract C {\n  input ${"a".repeat(n)}: int\n  prompt "p"\n  task t "x" check words <= ${"b".repeat(n)}\n}\n`;
      const codes = lint(src).map((d) => d.code);
      expect(codes.length).toBeGreaterThan(0);
    }
  });

  it("hundreds of unknown identifiers", () => {
    const tasks = Array.from({ length: 300 }, (_, i) => `  task t${i} "x" check words <= unknown_${i}_abcdefgh`).join("\n");
    const src = `contract C {\n  input limit_${"z".repeat(40)}: int\n  prompt "p"\n${tasks}\n}\n`;
    expect(lint(src).filter((d) => d.severity === "error").length).toBeGreaterThanOrEqual(300);
  });
});
