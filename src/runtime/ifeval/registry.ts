/**
 * The registry of IFEval checkers, keyed by instruction id, plus `runCheck`,
 * which also handles unknown ids.
 */
import { constrainedResponse, jsonFormat, multipleSections, numberBulletLists, numberHighlightedSections, title } from "./checkers/format.js";
import { endChecker, quotation } from "./checkers/startend.js";
import { englishCapital, englishLowercase, responseLanguage } from "./checkers/language.js";
import { keywordsExistence, keywordsForbiddenWords, keywordsFrequency, keywordsLetterFrequency } from "./checkers/keywords.js";
import { nthParagraphFirstWord, numberParagraphs, numberSentences, numberWords } from "./checkers/length.js";
import { numberPlaceholders, postscript } from "./checkers/content.js";
import { repeatPrompt, twoResponses } from "./checkers/combination.js";
import { capitalWordFrequency, noComma } from "./checkers/misc.js";
import { failure } from "./support.js";
import type { CheckOutcome, IfevalChecker, InstructionId } from "./types.js";
import { IFEVAL_INSTRUCTION_IDS } from "./types.js";

/** One checker per IFEval instruction id. */
export const IFEVAL_CHECKERS: Readonly<Record<InstructionId, IfevalChecker<any>>> = Object.freeze({
  "keywords:existence": keywordsExistence,
  "keywords:frequency": keywordsFrequency,
  "keywords:forbidden_words": keywordsForbiddenWords,
  "keywords:letter_frequency": keywordsLetterFrequency,
  "language:response_language": responseLanguage,
  "length_constraints:number_sentences": numberSentences,
  "length_constraints:number_paragraphs": numberParagraphs,
  "length_constraints:number_words": numberWords,
  "length_constraints:nth_paragraph_first_word": nthParagraphFirstWord,
  "detectable_content:number_placeholders": numberPlaceholders,
  "detectable_content:postscript": postscript,
  "detectable_format:number_bullet_lists": numberBulletLists,
  "detectable_format:constrained_response": constrainedResponse,
  "detectable_format:number_highlighted_sections": numberHighlightedSections,
  "detectable_format:multiple_sections": multipleSections,
  "detectable_format:json_format": jsonFormat,
  "detectable_format:title": title,
  "combination:two_responses": twoResponses,
  "combination:repeat_prompt": repeatPrompt,
  "startend:end_checker": endChecker,
  "change_case:capital_word_frequency": capitalWordFrequency,
  "change_case:english_capital": englishCapital,
  "change_case:english_lowercase": englishLowercase,
  "punctuation:no_comma": noComma,
  "startend:quotation": quotation,
});

/** True when `id` is one of the 25 registered instruction ids. */
export function isInstructionId(id: unknown): id is InstructionId {
  return typeof id === "string" && (IFEVAL_INSTRUCTION_IDS as readonly string[]).includes(id);
}

/**
 * Run one instruction check. Unknown ids, invalid kwargs and non-string
 * responses give a failed outcome with the reason; this never throws.
 */
export function runCheck(id: string, response: string, kwargs: Record<string, unknown> = {}, prompt = ""): CheckOutcome {
  if (!isInstructionId(id)) {
    return failure(`unknown instruction id ${JSON.stringify(id)} (known: ${IFEVAL_INSTRUCTION_IDS.length} IFEval ids)`);
  }
  return IFEVAL_CHECKERS[id].check(response, kwargs, prompt);
}
