import { describe, expect, it } from "vitest";
import { countIfevalSentences, punktSentences, punktWordTokenize, splitIntoSentencesRuleBased } from "../../../src/runtime/text/index.js";

describe("Punkt sentence tokenizer (English model)", () => {
  it("reproduces NLTK's documented examples", () => {
    const t1 =
      "Punkt knows that the periods in Mr. Smith and Johann S. Bach\ndo not mark sentence boundaries.  And sometimes sentences\ncan start with non-capitalized words.  i is a good variable\nname.";
    expect(punktSentences(t1)).toEqual([
      "Punkt knows that the periods in Mr. Smith and Johann S. Bach\ndo not mark sentence boundaries.",
      "And sometimes sentences\ncan start with non-capitalized words.",
      "i is a good variable\nname.",
    ]);
    const t2 =
      '(How does it deal with this parenthesis?)  "It should be part of the\nprevious sentence." "(And the same with this one.)" (\'And this one!\')\n"(\'(And (this)) \'?)" [(and this. )]';
    expect(punktSentences(t2)).toEqual([
      "(How does it deal with this parenthesis?)",
      '"It should be part of the\nprevious sentence."',
      '"(And the same with this one.)"',
      "('And this one!')",
      "\"('(And (this)) '?)\"",
      "[(and this. )]",
    ]);
    expect(punktSentences("Very bad acting!!! I promise.")).toEqual(["Very bad acting!!!", "I promise."]);
  });

  it("counts like the reference on common LLM shapes", () => {
    expect(countIfevalSentences("")).toBe(0);
    expect(countIfevalSentences("   ")).toBe(0);
    expect(countIfevalSentences("No final period")).toBe(1);
    // "1." is a sentence of its own: a number ending in a period is a break unless
    // the next word is known to be lower-case-only mid-sentence.
    expect(punktSentences("1. First item\n2. Second item\n3. Third item")).toEqual(["1.", "First item\n2.", "Second item\n3.", "Third item"]);
    expect(countIfevalSentences("The U.S. Army is large. It is old.")).toBe(2);
    // An ellipsis followed by a capitalised word that is not a frequent sentence starter is no break.
    expect(countIfevalSentences("Wait... What happened?")).toBe(1);
    expect(countIfevalSentences("Price is 3.5 dollars. Cheap.")).toBe(2);
  });

  it("uses the orthographic table after initials", () => {
    // "o." is an initial; "Let's" is seen lower-case in training, so the break stays.
    expect(countIfevalSentences("You are in o. Let's check the weather.")).toBe(2);
    // An unseen capitalised word after an initial is taken as a name: no break.
    expect(countIfevalSentences("Written by J. Zorbulon yesterday.")).toBe(1);
  });

  it("tokenizes words the Punkt way", () => {
    expect(punktWordTokenize("Hello, world... (yes) e.g. fine!")).toEqual(["Hello", ",", "world", "...", "(", "yes", ")", "e.g.", "fine", "!"]);
  });
});

describe("rule-based split_into_sentences", () => {
  it("protects titles, acronyms and decimals", () => {
    expect(splitIntoSentencesRuleBased("Mr. Smith paid 3.5 dollars. He left! Did he?")).toEqual(["Mr. Smith paid 3.5 dollars.", "He left!", "Did he?"]);
  });
});
