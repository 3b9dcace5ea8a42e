/** The 58 out-of-distribution instruction ids of IFBench (`ifbench/instructions_registry.py`). */
export const IFBENCH_INSTRUCTION_IDS = [
  "count:word_count_range",
  "count:unique_word_count",
  "ratio:stop_words",
  "ratio:sentence_type",
  "ratio:sentence_balance",
  "count:conjunctions",
  "count:person_names",
  "ratio:overlap",
  "count:numbers",
  "words:alphabet",
  "words:vowel",
  "words:consonants",
  "sentence:alliteration_increment",
  "words:palindrome",
  "count:punctuation",
  "format:parentheses",
  "format:quotes",
  "words:prime_lengths",
  "format:options",
  "format:newline",
  "format:emoji",
  "ratio:sentence_words",
  "count:words_japanese",
  "words:start_verb",
  "words:repeats",
  "sentence:keyword",
  "count:pronouns",
  "words:odd_even_syllables",
  "words:last_first",
  "words:paragraph_last_first",
  "sentence:increment",
  "words:no_consecutive",
  "format:line_indent",
  "format:quote_unquote",
  "format:list",
  "format:thesis",
  "format:sub-bullets",
  "format:no_bullets_bullets",
  "custom:multiples",
  "custom:mcq_count_length",
  "custom:reverse_newline",
  "custom:word_reverse",
  "custom:character_reverse",
  "custom:sentence_alphabet",
  "custom:european_capitals_sort",
  "custom:csv_city",
  "custom:csv_special_character",
  "custom:csv_quotes",
  "custom:date_format_list",
  "count:keywords_multiple",
  "words:keywords_specific_position",
  "words:words_position",
  "repeat:repeat_change",
  "repeat:repeat_simple",
  "repeat:repeat_span",
  "format:title_case",
  "format:output_template",
  "format:no_whitespace",
] as const;

export type IfbenchId = (typeof IFBENCH_INSTRUCTION_IDS)[number];

export function isIfbenchId(id: unknown): id is IfbenchId {
  return typeof id === "string" && (IFBENCH_INSTRUCTION_IDS as readonly string[]).includes(id);
}

/** The compatibility built-in of an IFBench id: `ifbench_` + the id with `:` and `-` as `_` (`format:sub-bullets` -> `ifbench_format_sub_bullets`). */
export function ifbenchBuiltinName(id: string): string {
  return `ifbench_${id.replace(/[:-]/g, "_")}`;
}
