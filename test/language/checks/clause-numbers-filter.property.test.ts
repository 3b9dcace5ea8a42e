/**
 * The checker skips reading clauses that `mayStateNumbers` rules out, so the filter
 * must never rule out a clause in which extractClauseNumbers finds a quantity.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILTINS } from "../../../src/language/builtins/registry.js";
import { buildUnitTable, extractClauseNumbers, interpolationChar, isSpaceUnit, mayStateNumbers } from "../../../src/language/checks/meaning-numbers.js";

const UNITS = buildUnitTable(BUILTINS);
const WORDS = [
  "one", "Two", "THREE", "twenty", "five", "hundred", "thousand", "dozen", "couple", "a", "an", "and", "twice", "thrice", "once",
  "single", "first", "Second", "tenth", "3rd", "12", "1,000", "2-4", "5-paragraph", "40%", "2024", "words", "bullet", "points",
  "sentences", "Mention", "it", "no", "the", "of", "someone", "often", "Ｔwo", "K", "ſingle", "İ", "twenty-five", "one's",
  interpolationChar(0), "\"", "'", "“", "”", ".", ",", "-", "–", "(", ")", "é", "步",
];

describe("mayStateNumbers", () => {
  it("never rules out a clause that states a quantity", () => {
    const piece = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 3 }));
    const sep = fc.constantFrom(" ", "", "-", ". ", ", ", "\n");
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, sep), { maxLength: 10 }), (parts) => {
        const text = parts.map(([p, s]) => p + s).join("");
        if (extractClauseNumbers(text, UNITS, () => 3).length > 0) expect(mayStateNumbers(text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("rules out clauses without digits, interpolations or number words", () => {
    expect(mayStateNumbers("Do step abc.")).toBe(false);
    expect(mayStateNumbers("Someone often writes content.")).toBe(false);
    expect(mayStateNumbers("Step 4.")).toBe(true);
    expect(mayStateNumbers("Use Three bullets.")).toBe(true);
    expect(mayStateNumbers("twenty-five")).toBe(true);
  });
});

describe("isSpaceUnit", () => {
  it("is exactly what \\s matches, for every code unit (the tokenizer splits chunks with it)", () => {
    for (let c = 0; c <= 0xffff; c++) expect(isSpaceUnit(c), `U+${c.toString(16)}`).toBe(/\s/.test(String.fromCharCode(c)));
  });
});
