/**
 * Robustness of the regex tooling: the hazard analyser and compileUserRegex never
 * throw, whatever the pattern; the checker never throws on any regex literal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileUserRegex } from "../../../src/common/regex.js";
import { findBacktrackingHazard } from "../../../src/language/regex/hazards.js";
import { contract, diagnose } from "./helpers.js";

/** Pattern-like text, so the properties reach deep parser states. */
const regexSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom("(", ")", "(?:", "(?P<n>", "(?<n>", "(?i)", "(?=", "(?<=", "[", "]", "[^", "[:alpha:]", "-", "|", "*", "+", "?", "{", "}",
        "{2}", "{1,3}", "{2,}", "{,3}", "\\", "\\d", "\\w", "\\s", "\\b", "\\pL", "\\p{Greek}", "\\x{41}", "\\Q", "\\E", "\\1", "\\k<n>",
        ".", "^", "$", "/", "a", "b", "\u00e9", "\ud83d\ude00", "\ud800"),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

const flags = fc.oneof(fc.constantFrom("", "i", "m", "s", "ims", "g", "ii", "u"), fc.string({ maxLength: 4 }));

describe("regex tooling never throws", () => {
  it("findBacktrackingHazard on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 60 }), regexSoup), flags, (p, f) => {
        const h = findBacktrackingHazard(p, f);
        if (h) {
          expect(h.message.length).toBeGreaterThan(0);
          expect(["nested-quantifier", "overlapping-alternation"]).toContain(h.kind);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("compileUserRegex on arbitrary strings and flags", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 60 }), regexSoup), flags, (p, f) => {
        const r = compileUserRegex(p, f);
        if (r.ok) expect(typeof r.regex.test("sample text 123")).toBe("boolean");
        else expect(r.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
  });

  it("the hazard analyser terminates on deeply nested input", () => {
    expect(() => findBacktrackingHazard("(".repeat(20_000) + "a" + ")+".repeat(20_000))).not.toThrow();
    expect(() => compileUserRegex("(".repeat(20_000))).not.toThrow();
  });

  it("the checker on any regex literal", () => {
    const literalBody = regexSoup.map((p) => p.replace(/[/\n\r]/g, "x").replace(/\\$/, "x"));
    fc.assert(
      fc.property(literalBody, fc.constantFrom("", "i", "ims", "g"), fc.boolean(), (p, f, negated) => {
        const text = contract(`  task a "Match." check ${negated ? "not " : ""}matches(/${p}/${f})`);
        const ds = diagnose(text);
        for (const d of ds) {
          expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
          expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
