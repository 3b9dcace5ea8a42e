/**
 * The checker on the general built-ins: clause/check agreement (HIR7002/HIR7003)
 * knows their units and that `capital_words` counts a kind of word; default clauses
 * read well; literal JSON schemas are validated.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/language/diagnostics/types.js";
import { memoryHost } from "../../../src/language/node-host.js";
import { loadProgram } from "../../../src/language/program.js";
import { compileOne } from "../helpers.js";

function diagnose(body: string): readonly Diagnostic[] {
  const text = `contract C {\n  prompt "Write."\n${body}\n}\n`;
  return loadProgram(["spec.contract"], memoryHost({ "spec.contract": text })).diagnostics;
}
const agreement = (body: string) => diagnose(body).filter((d) => d.code === "HIR7002" || d.code === "HIR7003").map((d) => `${d.code}: ${d.message}`);

describe("clause agreement with the general built-ins", () => {
  it.each([
    ['task a "Use at least 3 words in all capital letters." check capital_words >= 3'],
    ['task a "Use at least 3 words in all capital letters, and under 100 words." check capital_words >= 3 and words < 100'],
    ['task a "Use at most two capital words and under 100 words." check capital_words <= 2 and words < 100'],
    ['task a "Include a table with 5 rows." check tables == 1 and table_rows == 5'],
    ['task a "Add at least 2 placeholders such as [name]." check placeholders >= 2'],
    ['task a "Highlight at least 2 sections with markdown." check highlights >= 2'],
    ['task a "Write 3 sections, each starting with SECTION X." check sections("SECTION") == 3'],
    ['task a "Quote the report at least twice." check quotes >= 2'],
    ['task a "Use 2 highlights." check highlights == 2'],
  ])("no false warning: %s", (body) => {
    expect(agreement(`  ${body}`)).toEqual([]);
  });

  it("still reports a real mismatch on a new measure", () => {
    expect(agreement('  task a "Include 4 placeholders." check placeholders >= 2')).toEqual([
      "HIR7002: the clause says 4 but the check enforces `placeholders >= 2`",
    ]);
    expect(agreement('  task a "Use at most 3 placeholders." check table_rows <= 3')).toEqual([
      "HIR7003: the clause talks about placeholders but the check counts table rows (`table_rows <= 3`)",
    ]);
  });
});

describe("default clauses", () => {
  it.each([
    ["check tables == 1", "Include exactly 1 Markdown table."],
    ["check table(1).table_rows in 3..5", "Use between 3 and 5 table rows in table 1."],
    ['check sections("SECTION") == 3', 'Write exactly 3 sections, each starting with a line that begins with "SECTION X".'],
    ["check sections >= 2", "Write at least 2 sections, each under a Markdown heading."],
    ["check highlights >= 2", "Include at least 2 sections highlighted with Markdown (*like this*)."],
    ["check placeholders >= 1", "Include at least 1 placeholder in square brackets, such as [address]."],
    ["check quotes >= 2", "Include at least 2 quotations."],
    ["check is_quoted", "Wrap your entire response in quotation marks."],
    ["check capital_words < 4", "Use fewer than 4 words in all capital letters."],
    ['check matches_schema("{}")', "Answer with JSON only, following the given JSON Schema."],
  ])("%s -> %s", (check, clause) => {
    const c = compileOne(`contract C {\n  prompt "Write."\n  task t ${check}\n}\n`);
    const parts = c.constraints[0]?.clause ?? [];
    expect(parts.map((p) => ("value" in p ? p.value : "")).join("")).toBe(clause);
  });
});

describe("literal JSON schemas", () => {
  it("reports an invalid schema on the literal, with the ajv reason", () => {
    const ds = diagnose('  task a "JSON." check matches_schema("{\\"type\\": \\"object\\", \\"required\\": \\"answer\\"}")').filter((d) => d.severity === "error");
    expect(ds.map((d) => d.message)).toEqual(["invalid `schema` for `matches_schema`: the schema is not a valid JSON Schema: at /required: must be array"]);
  });
  it("accepts a schema from an input (validated when the response is verified)", () => {
    const text = 'contract C {\n  input shape: text\n  prompt "Write."\n  task a "JSON." check matches_schema(shape)\n}\n';
    const ds = loadProgram(["spec.contract"], memoryHost({ "spec.contract": text })).diagnostics.filter((d) => d.severity === "error");
    expect(ds).toEqual([]);
  });
});
