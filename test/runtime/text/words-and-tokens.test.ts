import { describe, expect, it } from "vitest";
import {
  containsWholeWord,
  countIfevalWords,
  countUnicodeWords,
  countWholeWord,
  ifevalWordTokens,
  nltkWordTokenize,
  treebankWordTokenize,
} from "../../../src/runtime/text/index.js";

describe("IFEval word counting (\\w+)", () => {
  it("splits apostrophes and hyphens, keeps digits and underscores", () => {
    expect(ifevalWordTokens("don't state-of-the-art snake_case 42")).toEqual(["don", "t", "state", "of", "the", "art", "snake_case", "42"]);
    expect(countIfevalWords("")).toBe(0);
  });
  it("treats combining marks as separators, like Python", () => {
    expect(countIfevalWords("cafe\u0301")).toBe(1);
    expect(countIfevalWords("हिन्दी")).toBe(3);
  });
});

describe("NLTK word_tokenize", () => {
  it("matches NLTK's documented example", () => {
    expect(nltkWordTokenize("Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\nThanks.")).toEqual([
      "Good", "muffins", "cost", "$", "3.88", "in", "New", "York", ".", "Please", "buy", "me", "two", "of", "them", ".", "Thanks", ".",
    ]);
  });
  it("splits clitics and converts quotes", () => {
    expect(treebankWordTokenize('"Don\'t," she said, "cannot."')).toEqual(["``", "Do", "n't", ",", "''", "she", "said", ",", "``", "can", "not", ".", "''"]);
  });
});

describe("Unicode-aware helpers for hand-written contracts", () => {
  it("counts words with Intl.Segmenter", () => {
    expect(countUnicodeWords("Don't stop — it's 2024!")).toBe(4);
    expect(countUnicodeWords("これは日本語です", "ja")).toBeGreaterThan(1);
  });
  it("matches whole words only, Unicode-aware", () => {
    expect(containsWholeWord("A moment please", "mom")).toBe(false);
    expect(containsWholeWord("Ask Mom.", "mom")).toBe(true);
    expect(containsWholeWord("Ask Mom.", "mom", { caseSensitive: true })).toBe(false);
    expect(containsWholeWord("naïveté", "na")).toBe(false);
    expect(countWholeWord("c++ and C++", "c++")).toBe(2);
  });
});
