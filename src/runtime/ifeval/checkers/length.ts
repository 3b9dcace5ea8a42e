/**
 * length_constraints:number_sentences, number_paragraphs, number_words,
 * nth_paragraph_first_word.
 */
import { z } from "zod";
import { countIfevalWords } from "../../text/ifeval-words.js";
import { ifevalFirstWord, splitBlankLineParagraphs, splitStarDividerParagraphs } from "../../text/paragraphs.js";
import { lineLocator, pyStrip } from "../../text/python-chars.js";
import { ifevalSentenceSpans } from "../../text/sentences.js";
import { compare, countSchema, defineChecker, describeRelation, outcome, plural, q, relationSchema } from "../support.js";

export const numberSentences = defineChecker(
  "length_constraints:number_sentences",
  z.strictObject({ num_sentences: countSchema, relation: relationSchema }),
  (response, { num_sentences, relation }) => {
    const spans = ifevalSentenceSpans(response);
    const n = spans.length;
    const pass = compare(n, relation, num_sentences);
    const sample = spans.length > 0 ? `; last sentence ${q(spans[spans.length - 1]!.text, 50)}` : "";
    return outcome(pass, n, `found ${plural(n, "sentence")} (NLTK Punkt, English)${sample}; expected ${describeRelation(relation, num_sentences)}`);
  },
);

export const numberParagraphs = defineChecker(
  "length_constraints:number_paragraphs",
  z.strictObject({ num_paragraphs: countSchema }),
  (response, { num_paragraphs }) => {
    const { pieces, count, emptyInteriorIndex } = splitStarDividerParagraphs(response);
    if (emptyInteriorIndex >= 0) {
      return outcome(
        false,
        count,
        `piece ${emptyInteriorIndex + 1} of ${pieces.length} between "***" dividers is empty (two dividers in a row); expected exactly ${num_paragraphs} paragraphs`,
      );
    }
    const pass = count === num_paragraphs;
    return outcome(pass, count, `found ${plural(count, "paragraph")} separated by "***" (${plural(pieces.length - 1, "divider")}); expected exactly ${num_paragraphs}`);
  },
);

export const numberWords = defineChecker(
  "length_constraints:number_words",
  z.strictObject({ num_words: countSchema, relation: relationSchema }),
  (response, { num_words, relation }) => {
    const n = countIfevalWords(response);
    const pass = compare(n, relation, num_words);
    return outcome(pass, n, `found ${plural(n, "word")} (\\w+ tokens: "don't" is 2); expected ${describeRelation(relation, num_words)}`);
  },
);

export const nthParagraphFirstWord = defineChecker(
  "length_constraints:nth_paragraph_first_word",
  z
    .strictObject({
      num_paragraphs: z.number().int().positive(),
      nth_paragraph: z.number().int().positive(),
      first_word: z.string(),
    })
    .refine((p) => p.nth_paragraph <= p.num_paragraphs, { message: "nth_paragraph must be between 1 and num_paragraphs", path: ["nth_paragraph"] }),
  (response, { num_paragraphs, nth_paragraph, first_word }) => {
    const expectedWord = first_word.toLowerCase();
    const { pieces, count } = splitBlankLineParagraphs(response);
    const countText = `found ${plural(count, "paragraph")} separated by blank lines ("\\n\\n")`;
    if (nth_paragraph > count) {
      return outcome(false, count, `${countText}, so paragraph ${nth_paragraph} does not exist; expected ${num_paragraphs} paragraphs with paragraph ${nth_paragraph} starting with ${q(expectedWord)}`);
    }
    const piece = pyStrip(pieces[nth_paragraph - 1]!);
    if (piece === "") {
      return outcome(
        false,
        count,
        `${countText}; piece ${nth_paragraph} of the raw split is blank (three or more newlines in a row shift the numbering); expected it to start with ${q(expectedWord)}`,
      );
    }
    const word = ifevalFirstWord(piece);
    const wordOk = word === expectedWord;
    const countOk = count === num_paragraphs;
    const line = lineLocator(response)(pieces.slice(0, nth_paragraph - 1).reduce((a, p) => a + p.length + 2, 0));
    const evidence =
      `${countText} (expected ${num_paragraphs}); paragraph ${nth_paragraph} (line ${line}) starts with ${q(word)}` +
      ` (expected ${q(expectedWord)})`;
    return outcome(wordOk && countOk, word, evidence);
  },
);
