/**
 * General-purpose built-ins beyond the core set: Markdown structure (tables,
 * sections, headings, highlights, titles), placeholders, quotation, capital words,
 * JSON Schema conformance. Clean, Unicode-aware semantics; the IFEval compatibility
 * built-ins (ifeval.ts) name these as their general counterparts.
 */
import { z } from "zod";
import { compileJsonSchema } from "../../common/json-schema.js";
import type { BuiltinSpec, ParamSpec } from "./types.js";
import { quantity, quote, sentence, where } from "./wording.js";

const position = z.number().int("must be a whole number").min(1, "must be at least 1 (positions count from 1)");

const jsonSchemaText = z.string().superRefine((text, ctx) => {
  const compiled = compileJsonSchema(text);
  if (!compiled.ok) ctx.addIssue({ code: "custom", message: compiled.message });
});

const nParam = (what: string): ParamSpec => ({ name: "n", type: "int", doc: `1-based ${what} number.`, schema: position });
const markerParam: ParamSpec = {
  name: "marker", type: "text", default: "",
  doc: "The word that starts a section line (`\"SECTION\"`, `\"Step\"`); empty: sections start at Markdown headings.",
};

function counted(units: readonly [string, string], c: Parameters<NonNullable<BuiltinSpec["clause"]>>[0], verb = "use"): string | undefined {
  const q = quantity(c, units[0], units[1]);
  return q ? sentence(`${verb} ${q}${where(c)}`) : undefined;
}

export const GENERAL_BUILTINS: readonly BuiltinSpec[] = [
  // Structure -------------------------------------------------------------------------------------
  {
    name: "tables", kind: "measure", subject: true, params: [], result: "int", group: "Structure", units: ["table", "tables"],
    doc: "Number of Markdown pipe tables: a header row, then a delimiter row of `---` cells (`:` for alignment) with the same number of cells, then data rows: the following lines that contain a `|`. Tables inside fenced code blocks do not count.",
    example: "check tables == 1",
    samples: [
      { response: "| Plan | Price |\n| --- | ---: |\n| Basic | $5 |\n| Pro | $9 |", passes: true },
      { response: "Plan | Price\nBasic | $5", passes: false },
    ],
    clause: (c) => counted(["Markdown table", "Markdown tables"], c, "include"),
  },
  {
    name: "table_rows", kind: "measure", subject: true, params: [], result: "int", group: "Structure", units: ["table row", "table rows", "row", "rows"],
    doc: "Number of data rows (header and delimiter rows excluded) of the Markdown tables in the subject; `table(n).table_rows` counts one table's rows.",
    example: "check table(1).table_rows in 3..5",
    samples: [
      { response: "| Plan | Price |\n|---|---|\n| Basic | $5 |\n| Pro | $9 |\n| Team | $29 |", passes: true },
      { response: "| Plan | Price |\n|---|---|\n| Basic | $5 |", passes: false },
    ],
    clause: (c) => counted(["table row", "table rows"], c),
  },
  {
    name: "table", kind: "selector", subject: true, params: [nParam("table")], result: "text", group: "Selectors", units: ["the table"],
    doc: "The n-th Markdown pipe table (1-based, as counted by `tables`), header to last row; empty text when there are fewer.",
    example: "check table(1).table_rows >= 3",
  },
  {
    name: "sections", kind: "measure", subject: true, params: [markerParam], result: "int", group: "Structure", units: ["section", "sections"],
    doc: "Number of sections. A section starts at a line that begins with the marker, after optional indentation, Markdown heading marks (`## `) and bold/italic marks (`**`), when the marker is not followed by a letter (`SECTION 1`, `SECTION2`, `**Section 3:**`, not `SECTIONS`); matching is case-sensitive. With the empty marker, sections start at Markdown headings. Text before the first section start is not a section.",
    example: "check sections(\"SECTION\") == 3",
    samples: [
      { response: "SECTION 1\nIntro.\n\nSECTION 2\nBody.\n\n## SECTION 3\nEnd.", passes: true },
      { response: "SECTION 1 and SECTIONS 2\nSection 3", passes: false },
    ],
    clause: (c) => {
      const q = quantity(c, "section", "sections");
      if (!q) return undefined;
      const marker = c.args["marker"];
      return sentence(typeof marker === "string" && marker !== "" ? `write ${q}${where(c)}, each starting with a line that begins with ${quote(`${marker} X`)}` : `write ${q}${where(c)}, each under a Markdown heading`);
    },
  },
  {
    name: "section", kind: "selector", subject: true, params: [nParam("section"), markerParam], result: "text", group: "Selectors", units: ["the section"],
    doc: "The n-th section (see `sections`), from its starting line to the line before the next section starts; empty text when there are fewer.",
    example: "check section(2, \"SECTION\").bullets >= 2",
    samples: [
      { response: "SECTION 1\nIntro.\nSECTION 2\n- a\n- b\nSECTION 3\n- c", passes: true },
      { response: "SECTION 1\n- a\n- b\nSECTION 2\n- c", passes: false },
    ],
  },
  {
    name: "heading", kind: "selector", subject: true, params: [nParam("heading")], result: "text", group: "Selectors", units: ["the heading"],
    doc: "The text of the n-th Markdown ATX heading (as counted by `headings`), without the `#` marks; empty text when there are fewer.",
    example: "check heading(1) == \"Summary\"",
    samples: [
      { response: "# Summary\nAll good.\n## Details", passes: true },
      { response: "Summary\n## Overview", passes: false },
    ],
  },
  {
    name: "highlights", kind: "measure", subject: true, params: [], result: "int", group: "Structure",
    units: ["highlight", "highlights", "highlighted section", "highlighted sections", "highlighted part", "highlighted parts", "highlighted phrase", "highlighted phrases"],
    doc: "Number of Markdown emphasis spans `*like this*` or `**like this**` on one line, whose text does not start or end with whitespace and contains no `*` (so bullet markers and lone asterisks never count). Spans in code (fenced blocks, `inline code`) do not count.",
    example: "check highlights >= 2",
    samples: [
      { response: "This is **important** and *urgent*.\n* a bullet, not a highlight", passes: true },
      { response: "Only **one** here, and 2 * 3 * 4 is math.", passes: false },
    ],
    clause: (c) => counted(["section highlighted with Markdown (*like this*)", "sections highlighted with Markdown (*like this*)"], c, "include"),
  },
  {
    name: "title", kind: "selector", subject: true, params: [], result: "text", group: "Selectors", units: ["the title"],
    doc: "The text of the first title written in double angle brackets on one line, `<<like this>>`, without the brackets; empty text when there is none.",
    example: "check not title.is_empty",
    samples: [
      { response: "<<A Poem of Joy>>\nRoses are red.", passes: true },
      { response: "A Poem of Joy\n<< >>", passes: false },
    ],
  },

  // Text ------------------------------------------------------------------------------------------------
  {
    name: "placeholders", kind: "measure", subject: true, params: [], result: "int", group: "Text", units: ["placeholder", "placeholders"],
    doc: "Number of square-bracket placeholders such as `[name]` or `[street address]`: brackets on one line around text with a letter and no brackets. Not counted: Markdown links and images (`[text](url)`, `[text][ref]`), link definitions (`[id]: url`), footnotes (`[^1]`), citations without letters (`[1]`), task-list boxes (`- [x]`) and anything in code.",
    example: "check placeholders >= 2",
    samples: [
      { response: "Dear [name], your order ships to [address].", passes: true },
      { response: "See [the docs](https://example.com) and [1]. Use `a[i]`.", passes: false },
    ],
    clause: (c) => counted(["placeholder in square brackets, such as [address]", "placeholders in square brackets, such as [address]"], c, "include"),
  },
  {
    name: "quotes", kind: "measure", subject: true, params: [], result: "int", group: "Text", units: ["quote", "quotes", "quotation", "quotations"],
    doc: "Number of quoted spans in double quotation marks: `\"…\"`, `“…”`, `„…“`, `„…”`, `«…»`, `「…」` or `『…』`, with non-blank text inside. A quote cannot span a blank line; quotes are not nested (inside one, only its closing mark counts). Single quotes are not counted (they double as apostrophes).",
    example: "check quotes >= 1",
    samples: [
      { response: "As the report says, “costs will rise”.", passes: true },
      { response: "It's the user's choice; a \"\" is empty.", passes: false },
    ],
    clause: (c) => counted(["quotation", "quotations"], c, "include"),
  },
  {
    name: "is_quoted", kind: "predicate", subject: true, params: [], result: "bool", group: "Text",
    doc: "True when the subject, without surrounding whitespace, starts with an opening quotation mark and ends with its matching closing mark: `\"…\"`, `'…'`, `“…”`, `‘…’`, `„…“`, `„…”`, `‚…‘`, `«…»`, `»…«`, `‹…›`, `「…」`, `『…』`. Only the two ends are compared.",
    example: "check is_quoted",
    samples: [
      { response: "“To be, or not to be.”", passes: true },
      { response: "\"Unbalanced’", passes: false },
    ],
    clause: (c) => sentence(c.negated ? "do not wrap your entire response in quotation marks" : "wrap your entire response in quotation marks"),
  },

  // Case ----------------------------------------------------------------------------------------------------
  {
    name: "capital_words", kind: "measure", subject: true, params: [], result: "int", group: "Case", refines: ["words"],
    units: ["capital word", "capital words", "capitalized word", "capitalized words", "uppercase word", "uppercase words"],
    doc: "Number of words written in capital letters: runs of letters, marks and digits (joined by `'`, `’`, `.` or `-`) with at least two letters, all of them uppercase (`NASA`, `ÉTÉ`, `U.S.A`, `COVID-19`; not `I`, `A` or `iPhone`).",
    example: "check capital_words <= 3",
    samples: [
      { response: "Please read this NOW: it is URGENT.", passes: true },
      { response: "DO NOT EVER SHOUT LIKE THIS", passes: false },
    ],
    clause: (c) => counted(["word in all capital letters", "words in all capital letters"], c),
  },
  {
    name: "is_title_case", kind: "predicate", subject: true, params: [], result: "bool", group: "Case",
    doc: "True when every word (as for `capital_words`) whose first letter has case starts with an uppercase or titlecase letter, except English minor words (`a`, `an`, `the`, `and`, `but`, `or`, `nor`, `as`, `at`, `by`, `for`, `in`, `of`, `off`, `on`, `per`, `to`, `up`, `via`, `with`), which may stay lowercase unless they are the first or last word. Words starting with a digit or an uncased letter are ignored.",
    example: "check first_line.is_title_case",
    samples: [
      { response: "The Lord of the Rings\nbody text follows", passes: true },
      { response: "The lord of the rings", passes: false },
    ],
    clause: (c) => sentence(c.negated ? `do not write ${c.subject ?? "your response"} in title case` : `write ${c.subject ?? "your response"} in title case`),
  },
  {
    name: "uppercase", kind: "selector", subject: true, params: [], result: "text", group: "Selectors", units: ["the response in upper case"],
    doc: "The subject converted to upper case.",
    example: "check uppercase contains \"SUMMARY\"",
  },

  // Format --------------------------------------------------------------------------------------------------
  {
    name: "matches_schema", kind: "predicate", subject: true, result: "bool", group: "Format",
    params: [{ name: "schema", type: "text", doc: "A JSON Schema as JSON text (draft-07; draft 2019-09 or 2020-12 when its `$schema` says so). A literal schema is validated when the contract is checked.", schema: jsonSchemaText }],
    doc: "True when the subject (optionally wrapped in a ```json fence, as for `is_json`) is JSON that conforms to the schema. Evidence lists the first violations with their JSON Pointer paths. `format` keywords are not validated.",
    example: "check matches_schema(\"\"\"{\"type\": \"object\", \"required\": [\"answer\"], \"properties\": {\"answer\": {\"type\": \"string\"}}}\"\"\")",
    samples: [
      { response: "```json\n{\"answer\": \"yes\"}\n```", passes: true },
      { response: "{\"answer\": 42}", passes: false },
    ],
    clause: (c) => sentence(c.negated ? "do not answer with JSON of the given shape" : "answer with JSON only, following the given JSON Schema"),
  },
];
