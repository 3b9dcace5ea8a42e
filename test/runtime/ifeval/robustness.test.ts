/**
 * Checkers never throw, whatever the response and kwargs, and stay fast on
 * very large or adversarial responses.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IFEVAL_CHECKERS, IFEVAL_INSTRUCTION_IDS, evaluateRow } from "../../../src/runtime/ifeval/index.js";
import { nltkUpperCaseTokens, nltkWordTokenize, pyIsUpper } from "../../../src/runtime/text/index.js";

const VALID_KWARGS: Record<string, Record<string, unknown>> = {
  "keywords:existence": { keywords: ["zebra", "a.b"] },
  "keywords:frequency": { keyword: "war", frequency: 2, relation: "at least" },
  "keywords:forbidden_words": { forbidden_words: ["zebra"] },
  "keywords:letter_frequency": { letter: "a", let_frequency: 3, let_relation: "less than" },
  "language:response_language": { language: "en" },
  "length_constraints:number_sentences": { num_sentences: 3, relation: "less than" },
  "length_constraints:number_paragraphs": { num_paragraphs: 3 },
  "length_constraints:number_words": { num_words: 300, relation: "at least" },
  "length_constraints:nth_paragraph_first_word": { num_paragraphs: 3, nth_paragraph: 2, first_word: "hello" },
  "detectable_content:number_placeholders": { num_placeholders: 2 },
  "detectable_content:postscript": { postscript_marker: "P.S." },
  "detectable_format:number_bullet_lists": { num_bullets: 3 },
  "detectable_format:number_highlighted_sections": { num_highlights: 2 },
  "detectable_format:multiple_sections": { section_spliter: "Section", num_sections: 2 },
  "combination:repeat_prompt": { prompt_to_repeat: "hello world" },
  "startend:end_checker": { end_phrase: "bye" },
  "change_case:capital_word_frequency": { capital_frequency: 3, capital_relation: "at least" },
};

const loneSurrogates = fc.constantFrom("\ud800", "\udfff", "\ud83d", "\ude00");
const textArb = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.array(fc.oneof(fc.constantFrom("*", "-", "\n", "\n\n", "***", "******", "[", "]", "<<", ">>", ".", "!", "?", " ", "P.S.", "Section 1", '"', ",", "é", "I'M", "don't", "e.g."), loneSurrogates, fc.string({ maxLength: 8 })), { maxLength: 60 }).map((a) => a.join("")),
);
const kwargsArb = fc.dictionary(fc.oneof(fc.constantFrom("keywords", "keyword", "num_words", "relation", "letter", "language", "num_paragraphs", "nth_paragraph", "first_word", "section_spliter", "end_phrase", "prompt_to_repeat"), fc.string({ maxLength: 10 })), fc.anything({ maxDepth: 2 }), { maxKeys: 4 });

describe("robustness", () => {
  it("no checker throws on arbitrary strings with valid kwargs", () => {
    fc.assert(
      fc.property(textArb, (text) => {
        for (const id of IFEVAL_INSTRUCTION_IDS) {
          const o = IFEVAL_CHECKERS[id].check(text, VALID_KWARGS[id] ?? {}, "p");
          expect(typeof o.pass).toBe("boolean");
          expect(typeof o.evidence).toBe("string");
        }
      }),
      { numRuns: 150 },
    );
  });

  it("no checker throws on arbitrary kwargs (wrong types give failed outcomes)", () => {
    fc.assert(
      fc.property(textArb, kwargsArb, (text, kwargs) => {
        for (const id of IFEVAL_INSTRUCTION_IDS) {
          const o = IFEVAL_CHECKERS[id].check(text, kwargs, "p");
          expect(typeof o.pass).toBe("boolean");
        }
      }),
      { numRuns: 150 },
    );
    for (const id of IFEVAL_INSTRUCTION_IDS) {
      for (const bad of [undefined, null, 42, "x", [1], { keywords: [1, 2] }, { num_words: Infinity, relation: "at least" }]) {
        expect(() => IFEVAL_CHECKERS[id].check("text", bad as Record<string, unknown>, "p")).not.toThrow();
      }
      expect(IFEVAL_CHECKERS[id].check(undefined as unknown as string, {}, "p").pass).toBe(false);
    }
  });

  it("evaluateRow never throws on arbitrary rows", () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.string({ maxLength: 30 }), { maxLength: 4 }), fc.array(kwargsArb, { maxLength: 4 }), (text, ids, kwargs) => {
        for (const mode of ["strict", "loose"] as const) {
          const r = evaluateRow({ key: 1, prompt: "p", instruction_id_list: ids, kwargs }, text, mode);
          expect(r.record.follow_instruction_list).toHaveLength(ids.length);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("the fast capital-word path equals filtering nltk.word_tokenize", () => {
    const caps = fc.array(fc.constantFrom("HELLO", "World", "I", "DON'T", "CANnot", "GONna", "U.S.", "wOrD", "A-B", "x,Y", "Ab", "\"QUOTE\"", ".", " ", "\n", "DOn't"), { maxLength: 30 }).map((a) => a.join(" "));
    fc.assert(
      fc.property(fc.oneof(caps, textArb), (text) => {
        expect(nltkUpperCaseTokens(text, pyIsUpper)).toEqual(nltkWordTokenize(text).filter(pyIsUpper));
      }),
      { numRuns: 300 },
    );
  });

  it("handles 10 MB responses in linear time", () => {
    const big: Record<string, string> = {
      newlines: "\n".repeat(10_000_000),
      brackets: "[".repeat(10_000_000),
      prose: "Hello world, this is a test. ".repeat(350_000),
    };
    for (const [name, text] of Object.entries(big)) {
      const t0 = performance.now();
      for (const id of IFEVAL_INSTRUCTION_IDS) IFEVAL_CHECKERS[id].check(text, VALID_KWARGS[id] ?? {}, "p");
      const ms = performance.now() - t0;
      console.log(`[robustness] 10 MB "${name}": all 25 checkers in ${ms.toFixed(0)} ms`);
      expect(ms).toBeLessThan(60_000);
    }
  }, 300_000);
});
