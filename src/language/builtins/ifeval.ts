/**
 * IFEval compatibility built-ins: one predicate per IFEval instruction id, with
 * the reference evaluator's exact semantics (substring keyword matching, `***`
 * paragraphs, "at least" section counts, the langdetect fallback...). Named
 * `ifeval_<id with ':' as '_'>` and taking the reference kwargs by name, so
 * imported datasets map one to one. Hand-written contracts should prefer the
 * clean general built-ins; docs/ifeval.md compares the two side by side.
 */
import { z } from "zod";
import { ifevalBuiltinName } from "../../common/ifeval-names.js";
import type { BuiltinSpec, GeneralCounterpart, ParamSpec } from "./types.js";
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

export { ifevalBuiltinName };

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
  readonly general: GeneralCounterpart;
}

const DEFS: readonly Def[] = [
  { id: "keywords:existence", params: [p.list("keywords", "Keywords, each searched as a case-insensitive regular expression (substring match).")],
    doc: "Every keyword appears somewhere (reference semantics: substring, regex, case-insensitive).", example: 'check ifeval_keywords_existence(keywords: ["risk", "owner"])',
    clause: (a) => Array.isArray(a["keywords"]) ? sentence(`include the keywords ${(a["keywords"] as unknown[]).map(quote).join(", ")} in the response`) : undefined,
    general: { builtins: ["contains_all"], check: "check contains_all([\"risk\", \"owner\"], ignore_case: true)", differences: "IFEval searches each keyword as a case-insensitive regular expression, so regex characters in a keyword are live; `contains_all` matches literal phrases, case-sensitive unless `ignore_case: true`, whole words only with `whole_words: true`." } },
  { id: "keywords:frequency", params: [p.text("keyword", "The word, searched as a case-insensitive regex (substrings count)."), p.int("frequency", "N."), p.relation("relation")],
    doc: "The keyword appears less than / at least N times (reference semantics: substring matches count).", example: 'check ifeval_keywords_frequency(keyword: "risk", frequency: 2, relation: "at least")',
    clause: (a) => { const r = rel(a, "relation", "frequency", "times"); return r && a["keyword"] !== undefined ? sentence(`the word ${quote(a["keyword"])} should appear ${r}`) : undefined; },
    general: { builtins: ["count"], check: "check count(\"risk\", ignore_case: true) >= 2", differences: "IFEval counts case-insensitive regex matches anywhere (substrings count) and only offers \"less than\" / \"at least\"; `count` counts the literal phrase (case-sensitive unless `ignore_case: true`, whole words with `whole_words: true`) and takes any comparison or range." } },
  { id: "keywords:forbidden_words", params: [p.list("forbidden_words", "Words that must not appear as whole words (case-insensitive).")],
    doc: "None of the words appears as a whole word, case-insensitively.", example: 'check ifeval_keywords_forbidden_words(forbidden_words: ["guarantee"])',
    clause: (a) => Array.isArray(a["forbidden_words"]) ? sentence(`do not include the keywords ${(a["forbidden_words"] as unknown[]).map(quote).join(", ")} in the response`) : undefined,
    general: { builtins: ["contains_any"], check: "check not contains_any([\"guarantee\"], whole_words: true, ignore_case: true)", differences: "Both match whole words ignoring case; IFEval builds a regex from each word (special characters are live), `contains_any` matches literal phrases and reports where each was found." } },
  { id: "keywords:letter_frequency", params: [p.text("letter", "One character (compared lowercased).", z.string().length(1, "must be a single character")), p.int("let_frequency", "N."), p.relation("let_relation")],
    doc: "The character occurs less than / at least N times in the lowercased response.", example: 'check ifeval_keywords_letter_frequency(letter: "z", let_frequency: 3, let_relation: "at least")',
    clause: (a) => { const r = rel(a, "let_relation", "let_frequency", "times"); return r && a["letter"] !== undefined ? sentence(`the letter ${quote(a["letter"])} should appear ${r}`) : undefined; },
    general: { builtins: ["count"], check: "check count(\"z\", ignore_case: true) >= 3", differences: "IFEval lowercases the response and counts one character; `count` counts any phrase with Unicode case folding (`ignore_case`), not only single letters." } },
  { id: "language:response_language", params: [p.text("language", "ISO 639-1 code.")],
    doc: "The detected language equals the code (if detection is impossible, the check passes, as in the reference).", example: 'check ifeval_language_response_language(language: "de")',
    clause: (a) => a["language"] !== undefined ? sentence(`your entire response should be in the language with code ${quote(a["language"])}, no other language is allowed`) : undefined,
    general: { builtins: ["language"], check: "check language == \"de\"", differences: "IFEval passes when the language cannot be detected; `language` is then `\"und\"`, so the check fails." } },
  { id: "length_constraints:number_sentences", params: [p.int("num_sentences", "N."), p.relation("relation")],
    doc: "Punkt sentence count is less than / at least N.", example: 'check ifeval_length_constraints_number_sentences(num_sentences: 5, relation: "less than")',
    clause: (a) => { const r = rel(a, "relation", "num_sentences", "sentences"); return r ? sentence(`your response should contain ${r}`) : undefined; },
    general: { builtins: ["sentences"], check: "check sentences < 5", differences: "IFEval splits sentences with English Punkt-style rules (abbreviations, initials); `sentences` uses Unicode sentence segmentation (UAX #29), for any language." } },
  { id: "length_constraints:number_paragraphs", params: [p.int("num_paragraphs", "N.")],
    doc: "Exactly N paragraphs separated by the markdown divider `***` (empty interior paragraphs fail).", example: "check ifeval_length_constraints_number_paragraphs(num_paragraphs: 3)",
    clause: (a) => typeof a["num_paragraphs"] === "number" ? sentence(`there should be ${a["num_paragraphs"]} paragraphs, separated with the markdown divider: ***`) : undefined,
    general: { builtins: ["paragraphs"], check: "check paragraphs == 3", differences: "IFEval counts blocks separated by the `***` divider (and fails on empty ones); `paragraphs` counts blocks separated by blank lines." } },
  { id: "length_constraints:number_words", params: [p.int("num_words", "N."), p.relation("relation")],
    doc: "Word count (`\\w+` tokens) is less than / at least N.", example: 'check ifeval_length_constraints_number_words(num_words: 300, relation: "less than")',
    clause: (a) => { const r = rel(a, "relation", "num_words", "words"); return r ? sentence(`answer with ${r}`) : undefined; },
    general: { builtins: ["words"], check: "check words < 300", differences: "IFEval counts `\\w+` tokens (`don't` is 2 words, `3.14` is 2); `words` uses Unicode word segmentation (UAX #29: `don't` and `3.14` are 1 word each, CJK text is segmented into words)." } },
  { id: "length_constraints:nth_paragraph_first_word", params: [p.int("num_paragraphs", "N paragraphs, separated by blank lines."), p.int("nth_paragraph", "1-based index of the paragraph."), p.text("first_word", "Its first word (lowercased).")],
    doc: "N paragraphs split on `\\n\\n`, and paragraph i (indexed in the raw split) starts with the word.", example: 'check ifeval_length_constraints_nth_paragraph_first_word(num_paragraphs: 3, nth_paragraph: 2, first_word: "however")',
    clause: (a) => typeof a["num_paragraphs"] === "number" && typeof a["nth_paragraph"] === "number" ? sentence(`there should be ${a["num_paragraphs"]} paragraphs, separated by two new lines; paragraph ${a["nth_paragraph"]} must start with the word ${quote(a["first_word"])}`) : undefined,
    general: { builtins: ["paragraphs", "paragraph", "starts_with"], check: "check paragraphs == 3 and paragraph(2).starts_with(\"However\", ignore_case: true)", differences: "IFEval splits on exactly `\\n\\n` (so extra blank lines make empty paragraphs) and compares the first word without punctuation; the general form counts blank-line-separated blocks and compares a prefix." } },
  { id: "detectable_content:number_placeholders", params: [p.int("num_placeholders", "N.")],
    doc: "At least N placeholders in square brackets, such as [address].", example: "check ifeval_detectable_content_number_placeholders(num_placeholders: 2)",
    clause: (a) => typeof a["num_placeholders"] === "number" ? sentence(`the response must contain at least ${a["num_placeholders"]} placeholders represented by square brackets, such as [address]`) : undefined,
    general: { builtins: ["placeholders"], check: "check placeholders >= 2", differences: "IFEval counts every `[...]`, including Markdown links, `[]` and citations like `[1]`, and only \"at least\"; `placeholders` counts bracketed names only and takes any comparison." } },
  { id: "detectable_content:postscript", params: [p.text("postscript_marker", '"P.S.", "P.P.S" or other text.')],
    doc: "A postscript starting with the marker appears (anywhere, as in the reference).", example: 'check ifeval_detectable_content_postscript(postscript_marker: "P.S.")',
    clause: (a) => a["postscript_marker"] !== undefined ? sentence(`at the end of your response, please explicitly add a postscript starting with ${a["postscript_marker"]}`) : undefined,
    general: { builtins: ["last_paragraph", "starts_with"], check: "check last_paragraph starts_with \"P.S.\"", differences: "IFEval finds the marker at the start of any line, case-insensitively; the general form requires the postscript to be the last paragraph." } },
  { id: "detectable_format:number_bullet_lists", params: [p.int("num_bullets", "N.")],
    doc: "Exactly N bullet lines (`* ` lines and lines starting with `-`).", example: "check ifeval_detectable_format_number_bullet_lists(num_bullets: 3)",
    clause: (a) => typeof a["num_bullets"] === "number" ? sentence(`your answer must contain exactly ${a["num_bullets"]} bullet points. Use the markdown bullet points such as: * This is a point`) : undefined,
    general: { builtins: ["bullets"], check: "check bullets == 3", differences: "IFEval counts `*` lines and every line starting with `-` (so `---` rules and `-word` count) but not `+` items; `bullets` counts `*`, `-` and `+` list markers followed by a space." } },
  { id: "detectable_format:constrained_response", params: [],
    doc: 'Contains "My answer is yes.", "My answer is no." or "My answer is maybe."', example: "check ifeval_detectable_format_constrained_response",
    clause: () => sentence("answer with one of the following options: My answer is yes., My answer is no., My answer is maybe."),
    general: { builtins: ["contains_any"], check: "check contains_any([\"My answer is yes.\", \"My answer is no.\", \"My answer is maybe.\"], ignore_case: false)", differences: "Equivalent; with a subject (`last_line.contains_any([...])`) the general form can also say where the answer must be." } },
  { id: "detectable_format:number_highlighted_sections", params: [p.int("num_highlights", "N.")],
    doc: "At least N sections highlighted with markdown (`*highlighted*` or `**bold**`).", example: "check ifeval_detectable_format_number_highlighted_sections(num_highlights: 2)",
    clause: (a) => typeof a["num_highlights"] === "number" ? sentence(`highlight at least ${a["num_highlights"]} sections in your answer with markdown, i.e. *highlighted section*`) : undefined,
    general: { builtins: ["highlights"], check: "check highlights >= 2", differences: "IFEval matches `*...*` and `**...**` with two overlapping regexes, anywhere (bullets and code included), and only \"at least\"; `highlights` counts each emphasis span once, outside code, and takes any comparison." } },
  { id: "detectable_format:multiple_sections", params: [p.text("section_spliter", "The section keyword, e.g. SECTION."), p.int("num_sections", "N.")],
    doc: "At least N sections, each starting with the keyword followed by a number (case-sensitive).", example: 'check ifeval_detectable_format_multiple_sections(section_spliter: "SECTION", num_sections: 3)',
    clause: (a) => typeof a["num_sections"] === "number" ? sentence(`your response must have ${a["num_sections"]} sections. Mark the beginning of each section with ${a["section_spliter"]} X`) : undefined,
    general: { builtins: ["sections"], check: "check sections(\"SECTION\") == 3", differences: "IFEval splits on the keyword plus a number anywhere in the text and checks \"at least N\"; `sections` counts lines that start with the marker (heading and bold marks allowed), with any label, and takes any comparison." } },
  { id: "detectable_format:json_format", params: [],
    doc: "The whole output is JSON (one markdown fence allowed).", example: "check ifeval_detectable_format_json_format",
    clause: () => sentence("entire output should be wrapped in JSON format. You can use markdown ticks such as ```"),
    general: { builtins: ["is_json", "matches_schema"], check: "check is_json", differences: "Both accept one Markdown fence; `is_json` accepts only a `json` or bare fence, and `matches_schema` also checks the JSON's shape." } },
  { id: "detectable_format:title", params: [],
    doc: "A title wrapped in double angular brackets, such as <<poem of joy>>.", example: "check ifeval_detectable_format_title",
    clause: () => sentence("your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>"),
    general: { builtins: ["title", "is_empty"], check: "check not title.is_empty", differences: "Equivalent detection; the `title` selector also gives the title text for further checks (`title.words <= 6`)." } },
  { id: "combination:two_responses", params: [],
    doc: "Exactly two different responses separated by six asterisks (******).", example: "check ifeval_combination_two_responses",
    clause: () => sentence("give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******"),
    general: { builtins: ["count"], check: "check count(\"******\") == 1", differences: "IFEval also requires the two responses to be non-empty and different; the general form only checks the separator." } },
  { id: "combination:repeat_prompt", params: [p.text("prompt_to_repeat", "The request to repeat word for word.")],
    doc: "The response starts with the request, repeated word for word (case-insensitive).", example: 'check ifeval_combination_repeat_prompt(prompt_to_repeat: "Write a haiku.")',
    clause: () => sentence("first repeat the request word for word without change, then give your answer (do not say anything before repeating the request; the request you need to repeat does not include this sentence)"),
    general: { builtins: ["starts_with"], check: "check starts_with(\"Write a haiku.\", ignore_case: true)", differences: "IFEval takes the text to repeat from the prompt; `starts_with` takes it explicitly and ignores only leading whitespace." } },
  { id: "startend:end_checker", params: [p.text("end_phrase", "The exact closing phrase.")],
    doc: "The response ends with the phrase (case-insensitive, surrounding quotes ignored).", example: 'check ifeval_startend_end_checker(end_phrase: "Any other questions?")',
    clause: (a) => a["end_phrase"] !== undefined ? sentence(`finish your response with this exact phrase ${quote(a["end_phrase"])}. No other words should follow this phrase`) : undefined,
    general: { builtins: ["ends_with"], check: "check ends_with(\"Any other questions?\", ignore_case: true)", differences: "IFEval strips surrounding `\"` quotes and compares lowercased text; `ends_with` ignores only trailing whitespace and is case-sensitive unless `ignore_case`." } },
  { id: "change_case:capital_word_frequency", params: [p.int("capital_frequency", "N."), p.relation("capital_relation")],
    doc: "The number of all-capital words is less than / at least N.", example: 'check ifeval_change_case_capital_word_frequency(capital_frequency: 3, capital_relation: "at least")',
    clause: (a) => { const r = rel(a, "capital_relation", "capital_frequency", "times"); return r ? sentence(`words with all capital letters should appear ${r}`) : undefined; },
    general: { builtins: ["capital_words"], check: "check capital_words >= 3", differences: "IFEval counts NLTK tokens for which Python `isupper()` holds (so `I`, `A` and `U.S.` count) and only \"less than\" / \"at least\"; `capital_words` counts words with at least two letters, all uppercase." } },
  { id: "change_case:english_capital", params: [],
    doc: "All capital letters, and in English.", example: "check ifeval_change_case_english_capital",
    clause: () => sentence("your entire response should be in English, and in all capital letters"),
    general: { builtins: ["is_uppercase", "language"], check: "check is_uppercase and language == \"en\"", differences: "IFEval needs at least one cased letter and passes when the language is undetectable; `is_uppercase` is true for text without lowercase letters and `language` is `\"und\"` when undetectable." } },
  { id: "change_case:english_lowercase", params: [],
    doc: "All lowercase letters, and in English.", example: "check ifeval_change_case_english_lowercase",
    clause: () => sentence("your entire response should be in English, and in all lowercase letters. No capital letters are allowed"),
    general: { builtins: ["is_lowercase", "language"], check: "check is_lowercase and language == \"en\"", differences: "As for `english_capital`: `is_lowercase` is true for text without uppercase letters, and an undetectable language fails." } },
  { id: "punctuation:no_comma", params: [],
    doc: "No ASCII comma anywhere.", example: "check ifeval_punctuation_no_comma",
    clause: () => sentence("in your entire response, refrain from the use of any commas"),
    general: { builtins: ["contains"], check: "check not contains(\",\")", differences: "Equivalent (ASCII comma only); use `not contains_any([\",\", \"，\", \"、\"])` to exclude the CJK commas too." } },
  { id: "startend:quotation", params: [],
    doc: "The whole response is wrapped in double quotation marks.", example: "check ifeval_startend_quotation",
    clause: () => sentence("wrap your entire response with double quotation marks"),
    general: { builtins: ["is_quoted"], check: "check is_quoted", differences: "IFEval requires ASCII `\"` at both ends; `is_quoted` accepts any matching pair of quotation marks (`“…”`, `«…»`, `'…'`, ...)." } },
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
  general: d.general,
}));
