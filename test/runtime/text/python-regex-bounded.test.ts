/**
 * `\bword\b` keywords are matched as a literal plus boundary tests at each hit; they
 * must find exactly what the lookaround pattern (the compiled `source`) finds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePythonRegex } from "../../../src/runtime/text/python-regex.js";

const UNITS = ["a", "A", "b", "é", "É", "_", "1", " ", "-", ".", "ſ", "s", "S", "\u212A", "k", "😀", "\ud800", "\n"];
const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 30 }).map((xs) => xs.join(""));
const word = fc.array(fc.constantFrom("a", "b", "s", "k", "é", "1", "_", "-", " ", "😀"), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(""));

describe("bounded literal keywords", () => {
  it("match exactly as the lookaround pattern does", () => {
    fc.assert(
      fc.property(text, word, fc.boolean(), fc.constantFrom("both", "before", "after"), (t, w, ignoreCase, sides) => {
        const pattern = `${sides !== "after" ? "\\b" : ""}${w}${sides !== "before" ? "\\b" : ""}`;
        const c = compilePythonRegex(pattern, { ignoreCase });
        if (!c.ok) return true;
        const reference = new RegExp(c.source, `gu${ignoreCase ? "i" : ""}`);
        const expected = [...t.matchAll(reference)].map((m) => ({ index: m.index, text: m[0] }));
        expect(c.regex.matches(t)).toEqual(expected);
        expect(c.regex.search(t)).toEqual(expected[0] ?? null);
        return true;
      }),
      { numRuns: 1000, seed: 15 },
    );
  });
});
