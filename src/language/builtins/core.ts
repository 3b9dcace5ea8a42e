/**
 * The core built-ins every contract can use. The IFEval-compatible and extended
 * libraries add more in their own files; `registry.ts` gathers them.
 */
import { z } from "zod";
import type { BuiltinSpec, ParamSpec } from "./types.js";
import { quantity, quote, sentence, where } from "./wording.js";

const count = z.number().int("must be a whole number").min(0, "must not be negative");
const position = z.number().int("must be a whole number").min(1, "must be at least 1 (positions count from 1)");

function measure(name: string, units: [string, string, ...string[]], doc: string, example: string, group = "Counts"): BuiltinSpec {
  const [singular, plural] = units;
  return {
    name, kind: "measure", subject: true, params: [], result: "int", doc, units, group, example,
    clause: (c) => {
      const q = quantity(c, singular, plural);
      return q ? sentence(`use ${q}${where(c)}`) : undefined;
    },
  };
}

function selector(name: string, phrase: string, doc: string, example: string, params: BuiltinSpec["params"] = []): BuiltinSpec {
  return { name, kind: "selector", subject: true, params, result: "text", doc, group: "Selectors", example, units: [phrase] };
}

/**
 * The one rule of the text-matching built-ins (`contains`, `contains_any`,
 * `contains_all`, `count`, `starts_with`, `ends_with`): they match exactly what the
 * contract says, case-sensitive and anywhere in the text, unless the check opts in
 * with `ignore_case: true` or `whole_words: true`. (The `ifeval_*` built-ins keep
 * the IFEval reference's own semantics.)
 */
const wholeWords: ParamSpec = { name: "whole_words", type: "bool", default: false, doc: "Match only at word boundaries (default: anywhere, also inside words)." };
const ignoreCase: ParamSpec = { name: "ignore_case", type: "bool", default: false, doc: "Match regardless of case (default: case-sensitive)." };

export const CORE_BUILTINS: readonly BuiltinSpec[] = [
  // Counts --------------------------------------------------------------------------------------
  measure("words", ["word", "words"], "Number of words: Unicode word segments that contain a letter or digit (Intl.Segmenter).", "check words <= 120"),
  measure("sentences", ["sentence", "sentences"], "Number of sentences (Unicode sentence segmentation, ignoring empty segments).", "check sentences in 3..5"),
  measure("paragraphs", ["paragraph", "paragraphs"], "Number of paragraphs: non-empty blocks separated by one or more blank lines.", "check paragraphs == 4"),
  measure("bullets", ["bullet point", "bullet points", "bullet", "bullets", "point", "points", "item", "items"],
    "Number of Markdown bullet lines: lines starting with `* `, `- ` or `+ ` after optional indentation.", "check bullets == 3"),
  measure("numbered_items", ["numbered item", "numbered items", "item", "items", "step", "steps"],
    "Number of lines starting with a number followed by `.` or `)` (an ordered list item).", "check numbered_items >= 2"),
  measure("chars", ["character", "characters", "char", "chars"], "Number of characters (Unicode code points; grapheme-accurate counts are `graphemes`).", "check chars < 280"),
  measure("graphemes", ["character", "characters"], "Number of user-perceived characters (grapheme clusters).", "check graphemes <= 140"),
  measure("lines", ["line", "lines"], "Number of non-empty lines.", "check lines <= 10"),
  measure("headings", ["heading", "headings", "section", "sections"], "Number of Markdown ATX headings (`#` to `######`) outside fenced code blocks.", "check headings >= 2", "Structure"),
  measure("code_blocks", ["code block", "code blocks"], "Number of fenced code blocks (```).", "check code_blocks == 1", "Structure"),
  {
    name: "count", kind: "measure", subject: true, result: "int", group: "Counts", example: "check count(\"risk\", whole_words: true, ignore_case: true) >= 2",
    params: [
      { name: "phrase", type: "text", doc: "The phrase to count." },
      wholeWords,
      ignoreCase,
    ],
    doc: "Number of non-overlapping occurrences of a phrase.",
    clause: (c) => {
      const q = quantity(c, "time", "times");
      return q && c.args["phrase"] !== undefined ? sentence(`use ${quote(c.args["phrase"])} ${q}${where(c)}`) : undefined;
    },
  },
  {
    name: "within_instruction_length", kind: "predicate", subject: true, result: "bool", group: "Counts",
    example: "check within_instruction_length(factor: 2)",
    params: [{ name: "factor", type: "int", default: 1, doc: "How many times the instruction's word count the subject may have.", schema: position }],
    doc: "True when the subject has at most `factor` times as many words as the instruction the response answers (the rendered prompt and clauses). " +
      "It reads the instruction, so a hindsight rewrite evaluates it again under the shorter hindsight instruction, where it can turn false.",
    clause: (c) => {
      const f = c.args["factor"] ?? 1;
      return typeof f === "number" ? sentence(`keep ${c.subject ?? "your answer"} no longer than ${f === 1 ? "this request" : `${f} times this request`}`) : undefined;
    },
  },
  {
    name: "count_matches", kind: "measure", subject: true, result: "int", group: "Counts", example: "check count_matches(/\\[\\d+\\]/) >= 3",
    params: [{ name: "pattern", type: "regex", doc: "The pattern (RE2 syntax)." }],
    doc: "Number of non-overlapping matches of a regular expression.",
  },

  // Selectors -----------------------------------------------------------------------------------
  selector("first_line", "the first line", "The first non-empty line.", "check first_line.words <= 12"),
  selector("last_line", "the last line", "The last non-empty line.", "check last_line ends_with \"?\""),
  selector("first_paragraph", "the first paragraph", "The first paragraph.", "check first_paragraph contains \"Summary\""),
  selector("last_paragraph", "the last paragraph", "The last paragraph.", "check last_paragraph starts_with \"Recommendation:\""),
  selector("paragraph", "the paragraph", "The n-th paragraph (1-based); empty text when there are fewer.", "check paragraph(2).sentences <= 3",
    [{ name: "n", type: "int", doc: "1-based paragraph number.", schema: position }]),
  selector("line", "the line", "The n-th non-empty line (1-based); empty text when there are fewer.", "check line(1) == \"Dear customer,\"",
    [{ name: "n", type: "int", doc: "1-based line number.", schema: position }]),
  selector("response", "the response", "The whole response (the default subject; useful for clarity).", "check response.words <= 100"),
  selector("lowercase", "the response in lower case", "The subject converted to lower case.", "check lowercase contains \"refund\""),

  // Predicates ----------------------------------------------------------------------------------
  {
    name: "contains", kind: "predicate", subject: true, result: "bool", group: "Text", example: "check contains(\"Recommendation\")",
    params: [
      { name: "phrase", type: "text", doc: "The phrase to look for." },
      wholeWords,
      ignoreCase,
    ],
    doc: "True when the subject contains the phrase.",
    clause: (c) => c.args["phrase"] === undefined ? undefined
      : sentence(`${c.negated ? "do not include" : "include"} ${quote(c.args["phrase"])}${where(c)}`),
  },
  {
    name: "contains_any", kind: "predicate", subject: true, result: "bool", group: "Text", example: "check not contains_any([\"guaranteed\", \"risk-free\"], whole_words: true)",
    params: [
      { name: "phrases", type: "text[]", doc: "Phrases to look for.", schema: z.array(z.string()).min(1, "must list at least one phrase") },
      wholeWords,
      ignoreCase,
    ],
    doc: "True when the subject contains at least one of the phrases.",
    clause: (c) => {
      const list = c.args["phrases"];
      if (!Array.isArray(list)) return undefined;
      const words = list.map(quote).join(", ");
      return sentence(c.negated ? `do not use any of these words: ${words}` : `use at least one of: ${words}`);
    },
  },
  {
    name: "contains_all", kind: "predicate", subject: true, result: "bool", group: "Text", example: "check contains_all([\"risk\", \"owner\"])",
    params: [
      { name: "phrases", type: "text[]", doc: "Phrases that must all appear.", schema: z.array(z.string()).min(1, "must list at least one phrase") },
      wholeWords,
      ignoreCase,
    ],
    doc: "True when the subject contains every phrase.",
    clause: (c) => {
      const list = c.args["phrases"];
      return Array.isArray(list) ? sentence(`mention each of: ${list.map(quote).join(", ")}`) : undefined;
    },
  },
  {
    name: "matches", kind: "predicate", subject: true, result: "bool", group: "Text", example: "check matches(/^Ticket #\\d+/m)",
    params: [{ name: "pattern", type: "regex", doc: "The pattern (RE2 syntax: linear time, no backreferences or lookaround)." }],
    doc: "True when the regular expression matches somewhere in the subject.",
  },
  {
    name: "starts_with", kind: "predicate", subject: true, result: "bool", group: "Text", example: "check last_paragraph starts_with \"Recommendation:\"",
    params: [
      { name: "prefix", type: "text", doc: "The expected beginning." },
      ignoreCase,
    ],
    doc: "True when the subject, after leading whitespace, starts with the prefix.",
    clause: (c) => c.args["prefix"] === undefined ? undefined
      : sentence(`${c.negated ? "do not start" : "start"} ${c.subject ?? "your response"} with ${quote(c.args["prefix"])}`),
  },
  {
    name: "ends_with", kind: "predicate", subject: true, result: "bool", group: "Text", example: "check ends_with \"Is there anything else I can help with?\"",
    params: [
      { name: "suffix", type: "text", doc: "The expected ending." },
      ignoreCase,
    ],
    doc: "True when the subject, before trailing whitespace, ends with the suffix.",
    clause: (c) => c.args["suffix"] === undefined ? undefined
      : sentence(`${c.negated ? "do not end" : "end"} ${c.subject ?? "your response"} with ${quote(c.args["suffix"])}`),
  },
  {
    name: "is_json", kind: "predicate", subject: true, result: "bool", group: "Format", example: "check is_json",
    params: [], doc: "True when the subject (optionally wrapped in a ```json fence) parses as JSON.",
    clause: (c) => sentence(c.negated ? "do not answer in JSON" : "answer with valid JSON only"),
  },
  {
    name: "is_empty", kind: "predicate", subject: true, result: "bool", group: "Text", example: "check not paragraph(3).is_empty",
    params: [], doc: "True when the subject has no non-whitespace characters.",
  },
  {
    name: "language", kind: "measure", subject: true, result: "text", group: "Language", example: "check language == \"de\"",
    params: [], units: ["language"],
    doc: "The detected language of the subject as an ISO 639-1 code (\"en\", \"de\", ...); \"und\" when undetermined.",
  },
  {
    name: "is_uppercase", kind: "predicate", subject: true, result: "bool", group: "Case", example: "check is_uppercase",
    params: [], doc: "True when the subject has no lowercase letters.",
    clause: (c) => sentence(c.negated ? "do not write in all capital letters" : "write in English capital letters only"),
  },
  {
    name: "is_lowercase", kind: "predicate", subject: true, result: "bool", group: "Case", example: "check is_lowercase",
    params: [], doc: "True when the subject has no uppercase letters.",
    clause: (c) => sentence(c.negated ? "do not write only in lowercase" : "write in lowercase letters only"),
  },
];

export const POSITIVE_COUNT = count;
