/**
 * IFEval compatibility built-ins: one predicate per IFEval instruction id, with
 * the reference evaluator's exact semantics (substring keyword matching, `***`
 * paragraphs, "at least" section counts, the langdetect fallback...). Named
 * `ifeval_<id with ':' as '_'>` and taking the reference kwargs by name, so
 * imported datasets map one to one. Hand-written contracts should prefer the
 * clean general built-ins; docs/ifeval.md compares the two side by side.
 */
import { z } from "zod";
import type { BuiltinSpec, ParamSpec } from "./types.js";
import { quote, sentence } from "./wording.js";

export const IFEVAL_RELATIONS = ["less than", "at least"] as const;
const relation = z.enum(IFEVAL_RELATIONS, { error: () => 'must be "less than" or "at least"' });
const positive = z.number().int("must be a whole number").min(0, "must not be negative");

const p = {
  int: (name: string, doc: string): ParamSpec => ({ name, type: "int", doc, schema: positive }),
  text: (name: string, doc: string, schema?: z.ZodType): ParamSpec => ({ name, type: "text", doc, ...(schema ? { schema } : {}) }),
  list: (name: string, doc: string): ParamSpec => ({ name, type: "text[]", doc }),
  relation: (name: string): ParamSpec => ({ name, type: "text", doc: '"less than" (count < N) or "at least" (count >= N).', schema: relation }),
};

/** The IFEval instruction id a compatibility built-in stands for. */
export function ifevalIdOf(builtinName: string): string | undefined {
  return IFEVAL_IDS.find((id) => ifevalBuiltinName(id) === builtinName);
}

export function ifevalBuiltinName(instructionId: string): string {
  return `ifeval_${instructionId.replace(/:/g, "_")}`;
}

function rel(args: Readonly<Record<string, unknown>>, relKey: string, nKey: string, unit: string): string | undefined {
  const r = args[relKey];
  const n = args[nKey];
  if (typeof n !== "number" || typeof r !== "string") return undefined;
  return `${r === "less than" ? "less than" : "at least"} ${n} ${unit}`;
}

interface Def {
  readonly id: string;
  readonly params: readonly ParamSpec[];
  readonly doc: string;
  readonly example: string;
  readonly clause: (a: Readonly<Record<string, unknown>>) => string | undefined;
}

const DEFS: readonly Def[] = [
  { id: "keywords:existence", params: [p.list("keywords", "Keywords, each searched as a case-insensitive regular expression (substring match).")],
    doc: "Every keyword appears somewhere (reference semantics: substring, regex, case-insensitive).", example: 'check ifeval_keywords_existence(keywords: ["risk", "owner"])',
    clause: (a) => Array.isArray(a["keywords"]) ? sentence(`include the keywords ${(a["keywords"] as unknown[]).map(quote).join(", ")} in the response`) : undefined },
  { id: "keywords:frequency", params: [p.text("keyword", "The word, searched as a case-insensitive regex (substrings count)."), p.int("frequency", "N."), p.relation("relation")],
    doc: "The keyword appears less than / at least N times (reference semantics: substring matches count).", example: 'check ifeval_keywords_frequency(keyword: "risk", frequency: 2, relation: "at least")',
    clause: (a) => { const r = rel(a, "relation", "frequency", "times"); return r && a["keyword"] !== undefined ? sentence(`the word ${quote(a["keyword"])} should appear ${r}`) : undefined; } },
  { id: "keywords:forbidden_words", params: [p.list("forbidden_words", "Words that must not appear as whole words (case-insensitive).")],
    doc: "None of the words appears as a whole word, case-insensitively.", example: 'check ifeval_keywords_forbidden_words(forbidden_words: ["guarantee"])',
    clause: (a) => Array.isArray(a["forbidden_words"]) ? sentence(`do not include the keywords ${(a["forbidden_words"] as unknown[]).map(quote).join(", ")} in the response`) : undefined },
  { id: "keywords:letter_frequency", params: [p.text("letter", "One character (compared lowercased).", z.string().length(1, "must be a single character")), p.int("let_frequency", "N."), p.relation("let_relation")],
    doc: "The character occurs less than / at least N times in the lowercased response.", example: 'check ifeval_keywords_letter_frequency(letter: "z", let_frequency: 3, let_relation: "at least")',
    clause: (a) => { const r = rel(a, "let_relation", "let_frequency", "times"); return r && a["letter"] !== undefined ? sentence(`the letter ${quote(a["letter"])} should appear ${r}`) : undefined; } },
  { id: "language:response_language", params: [p.text("language", "ISO 639-1 code.")],
    doc: "The detected language equals the code (if detection is impossible, the check passes, as in the reference).", example: 'check ifeval_language_response_language(language: "de")',
    clause: (a) => a["language"] !== undefined ? sentence(`your entire response should be in the language with code ${quote(a["language"])}, no other language is allowed`) : undefined },
  { id: "length_constraints:number_sentences", params: [p.int("num_sentences", "N."), p.relation("relation")],
    doc: "Punkt sentence count is less than / at least N.", example: 'check ifeval_length_constraints_number_sentences(num_sentences: 5, relation: "less than")',
    clause: (a) => { const r = rel(a, "relation", "num_sentences", "sentences"); return r ? sentence(`your response should contain ${r}`) : undefined; } },
  { id: "length_constraints:number_paragraphs", params: [p.int("num_paragraphs", "N.")],
    doc: "Exactly N paragraphs separated by the markdown divider `***` (empty interior paragraphs fail).", example: "check ifeval_length_constraints_number_paragraphs(num_paragraphs: 3)",
    clause: (a) => typeof a["num_paragraphs"] === "number" ? sentence(`there should be ${a["num_paragraphs"]} paragraphs, separated with the markdown divider: ***`) : undefined },
  { id: "length_constraints:number_words", params: [p.int("num_words", "N."), p.relation("relation")],
    doc: "Word count (`\\w+` tokens) is less than / at least N.", example: 'check ifeval_length_constraints_number_words(num_words: 300, relation: "less than")',
    clause: (a) => { const r = rel(a, "relation", "num_words", "words"); return r ? sentence(`answer with ${r}`) : undefined; } },
  { id: "length_constraints:nth_paragraph_first_word", params: [p.int("num_paragraphs", "N paragraphs, separated by blank lines."), p.int("nth_paragraph", "1-based index of the paragraph."), p.text("first_word", "Its first word (lowercased).")],
    doc: "N paragraphs split on `\\n\\n`, and paragraph i (indexed in the raw split) starts with the word.", example: 'check ifeval_length_constraints_nth_paragraph_first_word(num_paragraphs: 3, nth_paragraph: 2, first_word: "however")',
    clause: (a) => typeof a["num_paragraphs"] === "number" && typeof a["nth_paragraph"] === "number" ? sentence(`there should be ${a["num_paragraphs"]} paragraphs, separated by two new lines; paragraph ${a["nth_paragraph"]} must start with the word ${quote(a["first_word"])}`) : undefined },
  { id: "detectable_content:number_placeholders", params: [p.int("num_placeholders", "N.")],
    doc: "At least N placeholders in square brackets, such as [address].", example: "check ifeval_detectable_content_number_placeholders(num_placeholders: 2)",
    clause: (a) => typeof a["num_placeholders"] === "number" ? sentence(`the response must contain at least ${a["num_placeholders"]} placeholders represented by square brackets, such as [address]`) : undefined },
  { id: "detectable_content:postscript", params: [p.text("postscript_marker", '"P.S.", "P.P.S" or other text.')],
    doc: "A postscript starting with the marker appears (anywhere, as in the reference).", example: 'check ifeval_detectable_content_postscript(postscript_marker: "P.S.")',
    clause: (a) => a["postscript_marker"] !== undefined ? sentence(`at the end of your response, please explicitly add a postscript starting with ${a["postscript_marker"]}`) : undefined },
  { id: "detectable_format:number_bullet_lists", params: [p.int("num_bullets", "N.")],
    doc: "Exactly N bullet lines (`* ` lines and lines starting with `-`).", example: "check ifeval_detectable_format_number_bullet_lists(num_bullets: 3)",
    clause: (a) => typeof a["num_bullets"] === "number" ? sentence(`your answer must contain exactly ${a["num_bullets"]} bullet points. Use the markdown bullet points such as: * This is a point`) : undefined },
  { id: "detectable_format:constrained_response", params: [],
    doc: 'Contains "My answer is yes.", "My answer is no." or "My answer is maybe."', example: "check ifeval_detectable_format_constrained_response",
    clause: () => sentence("answer with one of the following options: My answer is yes., My answer is no., My answer is maybe.") },
  { id: "detectable_format:number_highlighted_sections", params: [p.int("num_highlights", "N.")],
    doc: "At least N sections highlighted with markdown (`*highlighted*` or `**bold**`).", example: "check ifeval_detectable_format_number_highlighted_sections(num_highlights: 2)",
    clause: (a) => typeof a["num_highlights"] === "number" ? sentence(`highlight at least ${a["num_highlights"]} sections in your answer with markdown, i.e. *highlighted section*`) : undefined },
  { id: "detectable_format:multiple_sections", params: [p.text("section_spliter", "The section keyword, e.g. SECTION."), p.int("num_sections", "N.")],
    doc: "At least N sections, each starting with the keyword followed by a number (case-sensitive).", example: 'check ifeval_detectable_format_multiple_sections(section_spliter: "SECTION", num_sections: 3)',
    clause: (a) => typeof a["num_sections"] === "number" ? sentence(`your response must have ${a["num_sections"]} sections. Mark the beginning of each section with ${a["section_spliter"]} X`) : undefined },
  { id: "detectable_format:json_format", params: [],
    doc: "The whole output is JSON (one markdown fence allowed).", example: "check ifeval_detectable_format_json_format",
    clause: () => sentence("entire output should be wrapped in JSON format. You can use markdown ticks such as ```") },
  { id: "detectable_format:title", params: [],
    doc: "A title wrapped in double angular brackets, such as <<poem of joy>>.", example: "check ifeval_detectable_format_title",
    clause: () => sentence("your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>") },
  { id: "combination:two_responses", params: [],
    doc: "Exactly two different responses separated by six asterisks (******).", example: "check ifeval_combination_two_responses",
    clause: () => sentence("give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******") },
  { id: "combination:repeat_prompt", params: [p.text("prompt_to_repeat", "The request to repeat word for word.")],
    doc: "The response starts with the request, repeated word for word (case-insensitive).", example: 'check ifeval_combination_repeat_prompt(prompt_to_repeat: "Write a haiku.")',
    clause: () => sentence("first repeat the request word for word without change, then give your answer (do not say anything before repeating the request; the request you need to repeat does not include this sentence)") },
  { id: "startend:end_checker", params: [p.text("end_phrase", "The exact closing phrase.")],
    doc: "The response ends with the phrase (case-insensitive, surrounding quotes ignored).", example: 'check ifeval_startend_end_checker(end_phrase: "Any other questions?")',
    clause: (a) => a["end_phrase"] !== undefined ? sentence(`finish your response with this exact phrase ${quote(a["end_phrase"])}. No other words should follow this phrase`) : undefined },
  { id: "change_case:capital_word_frequency", params: [p.int("capital_frequency", "N."), p.relation("capital_relation")],
    doc: "The number of all-capital words is less than / at least N.", example: 'check ifeval_change_case_capital_word_frequency(capital_frequency: 3, capital_relation: "at least")',
    clause: (a) => { const r = rel(a, "capital_relation", "capital_frequency", "times"); return r ? sentence(`words with all capital letters should appear ${r}`) : undefined; } },
  { id: "change_case:english_capital", params: [],
    doc: "All capital letters, and in English.", example: "check ifeval_change_case_english_capital",
    clause: () => sentence("your entire response should be in English, and in all capital letters") },
  { id: "change_case:english_lowercase", params: [],
    doc: "All lowercase letters, and in English.", example: "check ifeval_change_case_english_lowercase",
    clause: () => sentence("your entire response should be in English, and in all lowercase letters. No capital letters are allowed") },
  { id: "punctuation:no_comma", params: [],
    doc: "No ASCII comma anywhere.", example: "check ifeval_punctuation_no_comma",
    clause: () => sentence("in your entire response, refrain from the use of any commas") },
  { id: "startend:quotation", params: [],
    doc: "The whole response is wrapped in double quotation marks.", example: "check ifeval_startend_quotation",
    clause: () => sentence("wrap your entire response with double quotation marks") },
];

export const IFEVAL_IDS: readonly string[] = DEFS.map((d) => d.id);

export const IFEVAL_BUILTINS: readonly BuiltinSpec[] = DEFS.map((d) => ({
  name: ifevalBuiltinName(d.id),
  kind: "predicate",
  subject: false,
  params: d.params,
  result: "bool",
  doc: `IFEval \`${d.id}\`. ${d.doc}`,
  group: "IFEval compatibility",
  example: d.example,
  clause: (c) => (c.negated ? undefined : d.clause(c.args)),
}));
