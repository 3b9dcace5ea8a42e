/** The 29 ids open-instruct's IFEvalG registry adds to IFEval's 25 ("IFTrain"; `open_instruct/IFEvalG/instructions_registry.py`). */
export const IFEVALG_INSTRUCTION_IDS = [
  "copy:repeat_phrase",
  "copy:copy",
  "new:copy_span_idx",
  "detectable_format:sentence_hyphens",
  "keywords:no_adjacent_consecutive",
  "detectable_format:square_brackets",
  "keywords:word_once",
  "keywords:word_count_different_numbers",
  "keywords:exclude_word_harder",
  "paragraphs:paragraphs",
  "paragraphs:paragraphs2",
  "first_word:first_word_sent",
  "first_word:first_word_answer",
  "last_word:last_word_sent",
  "last_word:last_word_answer",
  "detectable_format:bigram_wrapping",
  "copy:copying_simple",
  "copy:copying_multiple",
  "punctuation:punctuation_dot",
  "punctuation:punctuation_exclamation",
  "count:lowercase_counting",
  "letters:letter_counting",
  "letters:letter_counting2",
  "count:counting_composition",
  "count:count_unique",
  "count:count_increment_word",
  "keywords:palindrome",
  "keywords:keyword_specific_position",
  "keywords:start_end",
] as const;

export type IfevalgId = (typeof IFEVALG_INSTRUCTION_IDS)[number];

export function isIfevalgId(id: unknown): id is IfevalgId {
  return typeof id === "string" && (IFEVALG_INSTRUCTION_IDS as readonly string[]).includes(id);
}

export { ifevalgBuiltinName } from "../../common/ifeval-names.js";
