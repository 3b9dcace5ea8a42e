/**
 * The text-statistics built-ins and the compatibility built-ins whose general form
 * they are: measured values on hand-checked texts, and, for every counterpart marked
 * `exact`, the same verdict as the compatibility built-in on random responses.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILTINS } from "../../../src/language/builtins/registry.js";
import { verifySync } from "../../../src/runtime/verify.js";
import type { RuntimeValue } from "../../../src/runtime/builtins/index.js";
import { closedBracketDepth, closedQuoteDepth } from "../../../src/runtime/ifbench/measures.js";
import { compileOne, runBuiltin } from "../helpers.js";

const contractFor = (check: string) => `contract Example {\n  prompt "Write."\n  task t "Do it."\n    ${check}\n}\n`;

describe("text-statistics measures", () => {
  const value = (name: string, text: string, args: Record<string, RuntimeValue> = {}) => runBuiltin(name, text, args).value;
  it("measure stop words as a percentage of \\w+ words, 0 without words", () => {
    expect(value("stop_word_percent", "It is what it is.")).toBe(100);
    expect(value("stop_word_percent", "The cat sat")).toBeCloseTo(33.333, 2);
    expect(value("stop_word_percent", "...")).toBe(0);
  });
  it("count distinct words without punctuation-only ones", () => {
    expect(value("unique_words", "Tea, tea and TEA - really?")).toBe(3);
  });
  it("count sentence kinds with the reference splitter (abbreviations stay inside)", () => {
    const text = "Mr. Smith came. Did he? Yes! Really?";
    expect([value("statements", text), value("questions", text), value("exclamations", text)]).toEqual([1, 2, 1]);
  });
  it("measure trigram overlap, numbers, repeats and palindromes", () => {
    expect(value("trigram_overlap", "abcd", { reference: "xbcdx" })).toBe(50);
    expect(value("trigram_overlap", "ab", { reference: "ab" })).toBe(0);
    expect(value("numbers", "3.14, 1,000 and 2024-05-01; 7")).toBe(4);
    expect(value("max_word_repeats", "A a, b. A!")).toBe(3);
    expect(value("max_word_repeats", "")).toBe(0);
    expect(value("palindromes", "Level, noon: racecar noon.", { min_length: 4 })).toBe(4);
    expect(value("palindromes", "Level, noon: racecar noon.", { min_length: 5 })).toBe(2);
  });
  it("measure a 1 MB response", () => {
    const unit = "Level (one [two]) \"it's\" 3.14 is the noon, isn't it? Yes! 😀 Ünï.\n";
    const reps = Math.ceil(1_000_000 / unit.length);
    const big = unit.repeat(reps);
    expect(value("numbers", big)).toBe(reps);
    expect(value("questions", big)).toBe(reps);
    expect(value("palindromes", big, { min_length: 4 })).toBe(2 * reps);
    expect(value("bracket_depth", big)).toBe(2);
    expect(value("max_word_repeats", big)).toBe(reps);
    expect(value("unique_words", big)).toBe(13);
    expect(value("trigram_overlap", big, { reference: unit + unit })).toBe(100);
    expect(value("stop_word_percent", big)).toBeGreaterThan(0);
  });
  it("measure closed nesting of brackets and quotations", () => {
    expect(closedBracketDepth("(((x)))")).toBe(3);
    expect(closedBracketDepth("((((x")).toBe(0);
    expect(closedBracketDepth("(((x]) (y)")).toBe(1);
    expect(closedQuoteDepth(`"a 'b "c" b' a"`)).toBe(3);
    expect(closedQuoteDepth(`"a" "b"`)).toBe(1);
  });
});

/** Texts built from the characters and words the measured checks react to. */
const PIECES = [
  "the", "a", "is", "and", "it", "level", "radar", "Noon", "kayak", "tea", "Tea,", "cat", "Mr.", "e.g.", "3", "3.14", "1,000", "42",
  "SEPARATOR", "My Answer:", "My Conclusion:", "Future Outlook:", ".", "?", "!", "?!", "\"", "'", "(", ")", "[", "]", "{", "}", "-", "…", "é", "日本",
];
const text = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(" ", "", "\n", ". ", "? ", "! ", "\n\n")), { maxLength: 40 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(""));

describe("general forms marked exact give the compatibility built-in's verdict", () => {
  const exact = BUILTINS.filter((b) => b.general?.exact);
  it("covers the shared implementations", () => {
    expect(exact.map((b) => b.name)).toEqual(expect.arrayContaining(["ifbench_format_parentheses", "ifbench_ratio_sentence_type", "ifbench_words_palindrome"]));
  });
  for (const b of exact) {
    it(`${b.name} == ${b.general?.check}`, () => {
      const compat = compileOne(contractFor(b.example));
      const general = compileOne(contractFor(b.general?.check ?? ""));
      const status = (c: typeof compat, r: string) => verifySync(c, r, {}).verdicts[0]?.status;
      for (const s of b.samples ?? []) expect(status(general, s.response), s.response).toBe(status(compat, s.response));
      fc.assert(fc.property(text, (r) => status(general, r) === status(compat, r)), { numRuns: 300, seed: 12 });
    });
  }
});
