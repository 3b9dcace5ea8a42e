/**
 * Unit tests per IFEval checker, built around the surprising corners of the
 * reference semantics (see docs/ifeval.md).
 */
import { describe, expect, it } from "vitest";
import { IFEVAL_CHECKERS, IFEVAL_INSTRUCTION_IDS, runCheck } from "../../../src/runtime/ifeval/index.js";
import type { InstructionId } from "../../../src/runtime/ifeval/index.js";

const check = (id: InstructionId, response: string, kwargs: Record<string, unknown> = {}) => IFEVAL_CHECKERS[id].check(response, kwargs, "");
const pass = (id: InstructionId, response: string, kwargs: Record<string, unknown> = {}) => check(id, response, kwargs).pass;

describe("registry", () => {
  it("has exactly the 25 registered instruction ids, each with a schema and a check", () => {
    expect(Object.keys(IFEVAL_CHECKERS).sort()).toEqual([...IFEVAL_INSTRUCTION_IDS].sort());
    expect(IFEVAL_INSTRUCTION_IDS).toHaveLength(25);
    for (const id of IFEVAL_INSTRUCTION_IDS) {
      expect(IFEVAL_CHECKERS[id].id).toBe(id);
      expect(typeof IFEVAL_CHECKERS[id].params.safeParse).toBe("function");
    }
  });

  it("unknown ids, unknown kwargs and ill-typed kwargs fail with a reason instead of throwing", () => {
    const unknown = runCheck("keywords:key_sentences", "x", {});
    expect(unknown.pass).toBe(false);
    expect(unknown.evidence).toMatch(/unknown instruction id/);
    const extra = runCheck("punctuation:no_comma", "x", { foo: 1 });
    expect(extra.pass).toBe(false);
    expect(extra.evidence).toMatch(/unknown kwarg.*foo/);
    const wrongType = runCheck("length_constraints:number_words", "x", { num_words: "300", relation: "at least" });
    expect(wrongType.pass).toBe(false);
    expect(wrongType.evidence).toMatch(/num_words/);
    const badRelation = runCheck("length_constraints:number_words", "x", { num_words: 3, relation: "at most" });
    expect(badRelation.pass).toBe(false);
    expect(badRelation.evidence).toMatch(/relation/);
    expect(runCheck("punctuation:no_comma", "x", null as unknown as Record<string, unknown>).pass).toBe(true);
    expect(runCheck("punctuation:no_comma", "x", [] as unknown as Record<string, unknown>).evidence).toMatch(/kwargs must be an object/);
  });

  it("ignores null-valued kwargs (Hugging Face copies store every key)", () => {
    expect(runCheck("punctuation:no_comma", "no commas", { num_words: null, relation: null }).pass).toBe(true);
  });
});

describe("keywords:existence", () => {
  it("matches substrings, case-insensitively, as regular expressions", () => {
    expect(pass("keywords:existence", "A fine Moment.", { keywords: ["mom"] })).toBe(true);
    expect(pass("keywords:existence", "colour", { keywords: ["colou?r", "COL"] })).toBe(true);
    expect(pass("keywords:existence", "abc", { keywords: ["a.c"] })).toBe(true);
    const o = check("keywords:existence", "apples only", { keywords: ["apple", "pear"] });
    expect(o.pass).toBe(false);
    expect(o.measured).toBe(1);
    expect(o.evidence).toMatch(/missing "pear"/);
  });
  it("reports invalid regular expressions", () => {
    const o = check("keywords:existence", "c++", { keywords: ["c++"] });
    expect(o.pass).toBe(false);
    expect(o.evidence).toMatch(/invalid/);
  });
});

describe("keywords:frequency", () => {
  it("counts non-overlapping substring matches", () => {
    const o = check("keywords:frequency", "War and software: warfare.", { keyword: "war", frequency: 3, relation: "at least" });
    expect(o.measured).toBe(3);
    expect(o.pass).toBe(true);
    expect(check("keywords:frequency", "aaaa", { keyword: "aa", frequency: 2, relation: "at least" }).measured).toBe(2);
  });
  it("'less than' is strict", () => {
    expect(pass("keywords:frequency", "cat cat", { keyword: "cat", frequency: 2, relation: "less than" })).toBe(false);
    expect(pass("keywords:frequency", "cat", { keyword: "cat", frequency: 2, relation: "less than" })).toBe(true);
  });
  it("strips the keyword", () => {
    expect(check("keywords:frequency", "dog dog", { keyword: " dog ", frequency: 2, relation: "at least" }).measured).toBe(2);
  });
});

describe("keywords:forbidden_words", () => {
  it("uses whole-word, case-insensitive matching", () => {
    expect(pass("keywords:forbidden_words", "The rocks fell.", { forbidden_words: ["rock"] })).toBe(true);
    expect(pass("keywords:forbidden_words", "A ROCK fell.", { forbidden_words: ["rock"] })).toBe(false);
    expect(pass("keywords:forbidden_words", "rock-solid", { forbidden_words: ["rock"] })).toBe(false);
    expect(pass("keywords:forbidden_words", "rock_solid", { forbidden_words: ["rock"] })).toBe(true);
  });
  it("uses Unicode word boundaries like Python", () => {
    expect(pass("keywords:forbidden_words", "écrire", { forbidden_words: ["crire"] })).toBe(true);
    expect(pass("keywords:forbidden_words", "café au lait", { forbidden_words: ["café"] })).toBe(false);
  });
  it("names the offending word and line", () => {
    const o = check("keywords:forbidden_words", "ok\nthe Dog barks", { forbidden_words: ["dog", "cat"] });
    expect(o.pass).toBe(false);
    expect(o.evidence).toMatch(/"dog" as "Dog" on line 2/);
  });
});

describe("keywords:letter_frequency", () => {
  it("counts every occurrence, case-insensitively, including inside words and symbols", () => {
    expect(check("keywords:letter_frequency", "Banana", { letter: "a", let_frequency: 3, let_relation: "at least" }).measured).toBe(3);
    expect(check("keywords:letter_frequency", "AAA", { letter: "A", let_frequency: 3, let_relation: "at least" }).pass).toBe(true);
    expect(check("keywords:letter_frequency", "#a #b", { letter: "#", let_frequency: 2, let_relation: "at least" }).pass).toBe(true);
  });
  it("rejects multi-character letters", () => {
    expect(check("keywords:letter_frequency", "x", { letter: "ab", let_frequency: 1, let_relation: "at least" }).evidence).toMatch(/exactly one character/);
  });
});

describe("language:response_language", () => {
  it("detects the dominant language", () => {
    expect(pass("language:response_language", "Bonjour tout le monde, comment allez-vous aujourd'hui ?", { language: "fr" })).toBe(true);
    const o = check("language:response_language", "This answer is written entirely in English, sorry.", { language: "de" });
    expect(o.pass).toBe(false);
    expect(o.measured).toBe("en");
  });
  it("passes when nothing can be detected (the reference catches the exception)", () => {
    const o = check("language:response_language", "12345 !!!", { language: "ja" });
    expect(o.pass).toBe(true);
    expect(o.evidence).toMatch(/counts this as followed/);
  });
});

describe("length_constraints:number_sentences", () => {
  it("counts Punkt sentences", () => {
    expect(check("length_constraints:number_sentences", "One. Two! Three?", { num_sentences: 3, relation: "at least" }).measured).toBe(3);
  });
  it("does not split after known abbreviations but does after e.g.", () => {
    expect(check("length_constraints:number_sentences", "Mr. Smith went to Washington.", { num_sentences: 1, relation: "at least" }).measured).toBe(1);
    expect(check("length_constraints:number_sentences", "Fruits, e.g. apples, are good.", { num_sentences: 1, relation: "at least" }).measured).toBe(2);
  });
  it("merges bullet lines without final punctuation", () => {
    expect(check("length_constraints:number_sentences", "* apples\n* pears\n* plums", { num_sentences: 1, relation: "at least" }).measured).toBe(1);
  });
});

describe("length_constraints:number_paragraphs", () => {
  const k = { num_paragraphs: 3 };
  it("splits on *** absorbing one whitespace character", () => {
    expect(check("length_constraints:number_paragraphs", "A\n***\nB\n***\nC", k).measured).toBe(3);
    expect(pass("length_constraints:number_paragraphs", "A\n\n***\n\nB\n***\nC", k)).toBe(true);
  });
  it("ignores empty first and last pieces but fails on an empty interior piece", () => {
    expect(pass("length_constraints:number_paragraphs", "***\nA\n***\nB\n***\nC\n***", k)).toBe(true);
    const o = check("length_constraints:number_paragraphs", "A\n******\nB\n***\nC", k);
    expect(o.pass).toBe(false);
    expect(o.evidence).toMatch(/empty/);
  });
  it("blank-line paragraphs and * * * are one paragraph", () => {
    expect(check("length_constraints:number_paragraphs", "A\n\nB\n\nC", k).measured).toBe(1);
    expect(check("length_constraints:number_paragraphs", "A\n* * *\nB", k).measured).toBe(1);
  });
});

describe("length_constraints:number_words", () => {
  it("splits apostrophes and hyphens, counts digits", () => {
    expect(check("length_constraints:number_words", "Don't use state-of-the-art in 2024.", { num_words: 1, relation: "at least" }).measured).toBe(9);
  });
  it("'less than' is strict", () => {
    expect(pass("length_constraints:number_words", "one two three", { num_words: 3, relation: "less than" })).toBe(false);
  });
});

describe("length_constraints:nth_paragraph_first_word", () => {
  const k = { num_paragraphs: 2, nth_paragraph: 2, first_word: "Second" };
  it("requires both the count and the first word", () => {
    expect(pass("length_constraints:nth_paragraph_first_word", "First para.\n\nSecond para.", k)).toBe(true);
    expect(pass("length_constraints:nth_paragraph_first_word", "First.\n\nSecond.\n\nThird.", k)).toBe(false);
    expect(pass("length_constraints:nth_paragraph_first_word", "First.\n\nThird.", k)).toBe(false);
  });
  it("strips leading quotes and cuts at punctuation", () => {
    expect(pass("length_constraints:nth_paragraph_first_word", 'First.\n\n"Second," she said.', k)).toBe(true);
    expect(pass("length_constraints:nth_paragraph_first_word", "First.\n\nSecond's turn.", k)).toBe(true);
  });
  it("**Second** is not 'second'", () => {
    const o = check("length_constraints:nth_paragraph_first_word", "First.\n\n**Second** para.", k);
    expect(o.pass).toBe(false);
    expect(o.measured).toBe("**second**");
  });
  it("indexes the raw split: four newlines leave a blank piece at index 2", () => {
    const o = check("length_constraints:nth_paragraph_first_word", "First.\n\n\n\nSecond.", k);
    expect(o.pass).toBe(false);
    expect(o.evidence).toMatch(/blank/);
  });
  it("rejects nth_paragraph outside 1..num_paragraphs", () => {
    expect(check("length_constraints:nth_paragraph_first_word", "x", { num_paragraphs: 2, nth_paragraph: 3, first_word: "x" }).evidence).toMatch(/nth_paragraph/);
  });
});

describe("detectable_content:number_placeholders", () => {
  it("counts shortest single-line [..] spans including links and []", () => {
    const o = check("detectable_content:number_placeholders", "[name] lives at [address]. See [link](http://x). Empty: [] and [a\nb]", { num_placeholders: 4 });
    expect(o.measured).toBe(4);
    expect(o.pass).toBe(true);
  });
});

describe("detectable_content:postscript", () => {
  it("finds P.S. anywhere, case-insensitively", () => {
    expect(pass("detectable_content:postscript", "Hi.\n\np.s. see you", { postscript_marker: "P.S." })).toBe(true);
    expect(pass("detectable_content:postscript", "Note the P. S. here", { postscript_marker: "P.S." })).toBe(true);
    expect(pass("detectable_content:postscript", "PS: no dots", { postscript_marker: "P.S." })).toBe(false);
  });
  it("P.P.S allows spaces and no final period", () => {
    expect(pass("detectable_content:postscript", "P. P. S extra", { postscript_marker: "P.P.S" })).toBe(true);
    expect(pass("detectable_content:postscript", "P.S. only", { postscript_marker: "P.P.S" })).toBe(false);
  });
  it("other markers are lower-cased regexes", () => {
    expect(pass("detectable_content:postscript", "Body\nNOTE: later", { postscript_marker: "Note:" })).toBe(true);
  });
});

describe("detectable_format:number_bullet_lists", () => {
  it("counts * bullets and every line starting with -", () => {
    const o = check("detectable_format:number_bullet_lists", "Intro\n* one\n  * nested\n- dash\n---\n**Bold**\n1. num\n• dot", { num_bullets: 4 });
    expect(o.measured).toBe(4);
    expect(o.pass).toBe(true);
    expect(o.evidence).toMatch(/lines 2, 3, 4, 5/);
  });
  it("requires an exact count", () => {
    expect(pass("detectable_format:number_bullet_lists", "* a\n* b\n* c", { num_bullets: 2 })).toBe(false);
  });
  it("a lone * line swallows the next line, as the reference regex does", () => {
    expect(check("detectable_format:number_bullet_lists", "*\n* b", { num_bullets: 1 }).measured).toBe(1);
  });
});

describe("detectable_format:constrained_response", () => {
  it("accepts an exact option anywhere, case-sensitively", () => {
    expect(pass("detectable_format:constrained_response", "Well... My answer is maybe. Thanks")).toBe(true);
    expect(pass("detectable_format:constrained_response", "my answer is yes.")).toBe(false);
    expect(pass("detectable_format:constrained_response", "My answer is yes")).toBe(false);
  });
});

describe("detectable_format:number_highlighted_sections", () => {
  it("counts italics once and bold once", () => {
    expect(check("detectable_format:number_highlighted_sections", "*one* and **two** and ** ** and **", { num_highlights: 2 }).measured).toBe(2);
  });
  it("does not span lines", () => {
    expect(check("detectable_format:number_highlighted_sections", "*a\nb*", { num_highlights: 1 }).measured).toBe(0);
  });
});

describe("detectable_format:multiple_sections", () => {
  it("needs the splitter followed by digits, case-sensitively, and at least N", () => {
    const k = { section_spliter: "Section", num_sections: 2 };
    expect(pass("detectable_format:multiple_sections", "Section 1\na\nSection 2\nb\nSection 3\nc", k)).toBe(true);
    expect(pass("detectable_format:multiple_sections", "Section One\na\nSection Two", k)).toBe(false);
    expect(pass("detectable_format:multiple_sections", "SECTION 1\na\nSECTION 2", k)).toBe(false);
  });
});

describe("detectable_format:json_format", () => {
  it("accepts fenced JSON and bare scalars, rejects prose", () => {
    expect(pass("detectable_format:json_format", '```json\n{"a": [1, 2]}\n```')).toBe(true);
    expect(pass("detectable_format:json_format", "42")).toBe(true);
    expect(pass("detectable_format:json_format", '{"x": NaN}')).toBe(true);
    expect(pass("detectable_format:json_format", 'Here: {"a": 1}')).toBe(false);
    expect(pass("detectable_format:json_format", "```\n{'a': 1}\n```")).toBe(false);
  });
});

describe("detectable_format:title", () => {
  it("needs a non-blank <<title>> on one line, anywhere", () => {
    expect(pass("detectable_format:title", "Text\n<<My Title>>\nmore")).toBe(true);
    expect(pass("detectable_format:title", "<<   >>")).toBe(false);
    expect(pass("detectable_format:title", "<<split\ntitle>>")).toBe(false);
  });
});

describe("combination:two_responses", () => {
  it("needs exactly two different non-empty responses", () => {
    expect(pass("combination:two_responses", "First answer\n******\nSecond answer")).toBe(true);
    expect(pass("combination:two_responses", "******\nA\n******\nB\n******")).toBe(true);
    expect(pass("combination:two_responses", "A\n******\nA")).toBe(false);
    expect(pass("combination:two_responses", "A\n******\nB\n******\nC")).toBe(false);
    expect(pass("combination:two_responses", "A\n************\nB")).toBe(false);
  });
});

describe("combination:repeat_prompt", () => {
  it("case-insensitive prefix of the stripped response", () => {
    const k = { prompt_to_repeat: "Write a poem about cats." };
    expect(pass("combination:repeat_prompt", "  write a POEM about cats. Here it is", k)).toBe(true);
    const o = check("combination:repeat_prompt", "Sure! Write a poem about cats.", k);
    expect(o.pass).toBe(false);
    expect(o.evidence).toMatch(/character 1/);
  });
});

describe("startend:end_checker", () => {
  const k = { end_phrase: "Any other questions?" };
  it("ignores trailing whitespace, surrounding quotes and case", () => {
    expect(pass("startend:end_checker", 'Answer. any other questions?"  \n', k)).toBe(true);
    expect(pass("startend:end_checker", "Answer. Any other questions?**", k)).toBe(false);
  });
});

describe("change_case:capital_word_frequency", () => {
  it("counts NLTK tokens that are all capitals", () => {
    const o = check("change_case:capital_word_frequency", "I DON'T like the U.S. STATE-OF-THE-ART stuff.", { capital_frequency: 5, capital_relation: "at least" });
    // I, DO, N'T, U.S., STATE-OF-THE-ART
    expect(o.measured).toBe(5);
    expect(o.pass).toBe(true);
  });
});

describe("change_case:english_capital / english_lowercase", () => {
  it("requires the case and English", () => {
    expect(pass("change_case:english_capital", "THIS IS A PERFECTLY NORMAL ENGLISH SENTENCE WRITTEN IN CAPITALS.")).toBe(true);
    const o = check("change_case:english_capital", "THIS IS ALMOST ALL CAPS, except here.");
    expect(o.pass).toBe(false);
    expect(o.evidence).toMatch(/"e" on line 1/);
    expect(pass("change_case:english_lowercase", "this is a perfectly normal english sentence in lowercase.")).toBe(true);
    expect(pass("change_case:english_lowercase", "placeholder such as [Your Name] breaks it")).toBe(false);
  });
  it("a response without letters is not upper case", () => {
    expect(pass("change_case:english_capital", "123 !!!")).toBe(false);
  });
});

describe("punctuation:no_comma", () => {
  it("only ASCII commas count", () => {
    expect(pass("punctuation:no_comma", "Full-width，comma only")).toBe(true);
    const o = check("punctuation:no_comma", "1,000\nand, more");
    expect(o.pass).toBe(false);
    expect(o.measured).toBe(2);
    expect(o.evidence).toMatch(/lines 1, 2/);
  });
});

describe("startend:quotation", () => {
  it("needs ASCII double quotes at both ends after stripping", () => {
    expect(pass("startend:quotation", '  "quoted"  ')).toBe(true);
    expect(pass("startend:quotation", "“curly”")).toBe(false);
    expect(pass("startend:quotation", '"')).toBe(false);
    expect(pass("startend:quotation", '""')).toBe(true);
  });
});
