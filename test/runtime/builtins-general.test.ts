/**
 * The general built-ins (src/language/builtins/general.ts): Markdown tables,
 * sections, headings, highlights, titles, placeholders, quotations, capital words,
 * JSON Schema. Values, evidence details, and verdict evidence end to end.
 */
import { describe, expect, it } from "vitest";
import { BuiltinError, type RuntimeValue } from "../../src/runtime/builtins/index.js";
import { maskInlineCode } from "../../src/runtime/builtins/general.js";
import { verifySync } from "../../src/runtime/verify.js";
import { compileOne, runBuiltin } from "./helpers.js";

const run = (name: string, subject: string, args: Record<string, RuntimeValue> = {}) => runBuiltin(name, subject, args);
const value = (name: string, subject: string, args: Record<string, RuntimeValue> = {}) => run(name, subject, args).value;

/** The verdict of one check on a response: [status, evidence, measured]. */
function verdict(check: string, response: string): [string, string, unknown] {
  const c = compileOne(`contract C {\n  prompt "Write."\n  task t "Do it."\n    ${check}\n}\n`);
  const v = verifySync(c, response, {}).verdicts[0];
  return [v?.status ?? "", v?.evidence ?? "", v?.measured];
}

const TABLES = [
  "Intro | not a table",
  "",
  "| Plan | Price |",
  "| :--- | ---: |",
  "| Basic | $5 |",
  "| Pro \\| Plus | $9 |",
  "",
  "```",
  "| a | b |",
  "|---|---|",
  "| 1 | 2 |",
  "```",
  "",
  "x | y",
  "--|--",
  "1 | 2",
  "3 | 4",
  "5 | 6",
  "no pipe ends it",
  "| wrong | cells |",
  "|---|",
].join("\n");

describe("tables", () => {
  it("counts pipe tables, not fenced ones or mismatched delimiter rows", () => {
    expect(run("tables", TABLES)).toEqual({ value: 2, detail: "2 Markdown tables (lines 3, 14)" });
    expect(run("tables", "no tables")).toEqual({ value: 0, detail: "0 Markdown tables" });
    expect(value("tables", "Heading\n---\ntext")).toBe(0);
    expect(value("tables", "| one column |\n| --- |\n| a |")).toBe(1);
    expect(value("tables", "| a | b |\r\n|---|---|\r\n| 1 | 2 |")).toBe(1);
  });
  it("counts data rows of every table in the subject, or of table(n)", () => {
    expect(run("table_rows", TABLES)).toEqual({ value: 5, detail: "5 table rows (header and delimiter rows excluded; 2 + 3 in 2 tables)" });
    expect(run("table_rows", "| a |\n|---|\n| 1 |")).toEqual({ value: 1, detail: "1 table row (header and delimiter rows excluded)" });
    expect(run("table_rows", "text")).toEqual({ value: 0, detail: "0 table rows (there is no Markdown table)" });
    expect(value("table_rows", "| a | b |\n|---|---|")).toBe(0);
  });
  it("selects the n-th table", () => {
    expect(run("table", TABLES, { n: 2 })).toEqual({ value: "x | y\n--|--\n1 | 2\n3 | 4\n5 | 6", detail: "lines 14–18" });
    expect(run("table", TABLES, { n: 3 })).toEqual({ value: "", detail: "empty: there are only 2 tables" });
    expect(run("table", "none", { n: 1 })).toEqual({ value: "", detail: "empty: there is no Markdown table" });
    expect(() => run("table", TABLES, { n: 0 })).toThrow(BuiltinError);
  });
  it("gives verdict evidence", () => {
    expect(verdict("check table(2).table_rows == 2", TABLES)).toEqual(["fail", "found 3 table rows (header and delimiter rows excluded) in table 2 (lines 14–18); expected exactly 2", 3]);
  });
});

describe("sections and headings", () => {
  const doc = "Preamble.\n\nSECTION 1\nIntro.\n\n**SECTION 2:** Body\n- a\n- b\n\n\n## SECTION 3\nEnd.\nSECTIONS are not markers\n```\nSECTION 9 in code\n```";
  it("counts marker lines: heading and bold marks allowed, whole-word, case-sensitive", () => {
    expect(run("sections", doc, { marker: "SECTION" })).toEqual({ value: 3, detail: '3 sections at lines starting with "SECTION" (lines 3, 6, 11)' });
    expect(value("sections", doc, { marker: "Section" })).toBe(0);
    expect(value("sections", "Step 1\nStep 2\nSteps", { marker: "Step" })).toBe(2);
    expect(value("sections", "第1節\n第2節\n第三節", { marker: "第" })).toBe(2);
    expect(value("sections", "SECTION1\nSECTION_2\nSECTIONé", { marker: "SECTION" })).toBe(2);
    expect(value("sections", "- [ ] a\n- [ ] b", { marker: "- [ ]" })).toBe(2);
  });
  it("counts heading sections with the empty marker, outside code", () => {
    expect(run("sections", "# A\ntext\n## B\n```sh\n# comment\n```")).toEqual({ value: 2, detail: "2 sections at headings (lines 1, 3)" });
    expect(value("headings", "# A\n```sh\n# comment\n```\n# B")).toBe(2);
  });
  it("selects a section up to the next one, without trailing blank lines", () => {
    expect(run("section", doc, { n: 2, marker: "SECTION" })).toEqual({ value: "**SECTION 2:** Body\n- a\n- b", detail: "lines 6–8 (section 2 of 3)" });
    expect(run("section", doc, { n: 3, marker: "SECTION" }).value).toBe("## SECTION 3\nEnd.\nSECTIONS are not markers\n```\nSECTION 9 in code\n```");
    expect(run("section", doc, { n: 4, marker: "SECTION" })).toEqual({ value: "", detail: "empty: there are only 3 sections" });
    expect(run("section", "plain", { n: 1 })).toEqual({ value: "", detail: "empty: there is no section (no heading)" });
    expect(run("section", "# A\nx\n\n# B\ny", { n: 1 })).toEqual({ value: "# A\nx", detail: "lines 1–2 (section 1 of 2)" });
  });
  it("selects heading text without the marks", () => {
    expect(run("heading", "intro\n## Summary ##\n# C# tips\n#  Spaced  ", { n: 1 })).toEqual({ value: "Summary", detail: "line 2" });
    expect(value("heading", "# C# tips", { n: 1 })).toBe("C# tips");
    expect(value("heading", "#  Spaced  ", { n: 1 })).toBe("Spaced");
    expect(run("heading", "none", { n: 1 })).toEqual({ value: "", detail: "empty: there is no heading" });
  });
  it("gives verdict evidence", () => {
    expect(verdict('check sections("SECTION") >= 4', doc)).toEqual(["fail", 'found 3 sections at lines starting with "SECTION" (lines 3, 6, 11); expected at least 4', 3]);
    expect(verdict('check section(2, "SECTION").bullets == 2', doc)[0]).toBe("pass");
  });
});

describe("highlights", () => {
  it("counts *x* and **x** spans once each, not bullets, lone asterisks or code", () => {
    const s = "* **Bold** item and *it*\n2 * 3 * 4\n** not bold **\n`*code*` and ***both***\n```\n*fenced*\n```\n*a*b*";
    expect(run("highlights", s)).toEqual({ value: 4, detail: '4 highlighted spans ("**Bold**" (line 1), "*it*" (line 1), "**both**" (line 4), "*a*" (line 8))' });
    expect(value("highlights", "**multi\nline**")).toBe(0);
    expect(value("highlights", "*é*, **日本**")).toBe(2);
  });
  it("lists at most five spans in evidence", () => {
    expect(run("highlights", "*a* *b* *c* *d* *e* *f* *g*").detail).toBe('7 highlighted spans ("*a*" (line 1), "*b*" (line 1), "*c*" (line 1), "*d*" (line 1), "*e*" (line 1), … 2 more)');
  });
});

describe("title", () => {
  it("selects the first <<title>> on one line", () => {
    expect(run("title", "x\n<<  My Title >> and <<Other>>")).toEqual({ value: "My Title", detail: "the <<title>> at line 2, column 1" });
    expect(run("title", "<<\nno>> <<>> << >>")).toEqual({ value: "", detail: "empty: there is no <<title>>" });
    expect(value("title", "<<a\r\nb>> <<ok>>")).toBe("ok");
    expect(value("title", "<<<<x>>")).toBe("<<x");
  });
});

describe("placeholders", () => {
  it("counts bracketed names, not links, footnotes, citations, task boxes or code", () => {
    const s = "Dear [name],\n[ref]: https://x.y\nSee [docs](https://x.y), ![img](a.png), [x][1], [^1], [1], [].\n- [x] done\n- [ ] todo\nCall [phone number] at [[time]].\n`a[i]`\n```\n[inside]\n```";
    expect(run("placeholders", s)).toEqual({ value: 3, detail: '3 placeholders ("[name]" (line 1), "[phone number]" (line 6), "[time]" (line 6))' });
    expect(value("placeholders", "[日付] and [Straße]")).toBe(2);
    expect(value("placeholders", "[ spaced ]")).toBe(0);
    expect(value("placeholders", "Use [X] here")).toBe(1);
  });
  it("gives verdict evidence", () => {
    expect(verdict("check placeholders >= 2", "Hi [name].")).toEqual(["fail", 'found 1 placeholder ("[name]" (line 1)); expected at least 2', 1]);
  });
});

describe("quotes and is_quoted", () => {
  it("counts double-quoted spans in several scripts, not across paragraphs", () => {
    const s = 'He said "yes" and “no”, „ja“, „tak”, «oui», 「はい」.\n"open\n\nclosed" ""';
    expect(run("quotes", s)).toEqual({
      value: 6,
      detail: '6 quotations ("\\"yes\\"" (line 1), "“no”" (line 1), "„ja“" (line 1), "„tak”" (line 1), "«oui»" (line 1), … 1 more)',
    });
    expect(value("quotes", "It's the user's 'choice'.")).toBe(0);
    expect(value("quotes", '"multi\nline"')).toBe(1);
    expect(value("quotes", '`"code"` "prose"')).toBe(1);
  });
  it.each([
    ['"Hello."', true, "is wrapped in \"…\""],
    ["  “Curly.”\n", true, "is wrapped in “…”"],
    ["«Bonjour»", true, "is wrapped in «…»"],
    ["„Hallo“", true, "is wrapped in „…“"],
    ["'single'", true, "is wrapped in '…'"],
    ["「こんにちは」", true, "is wrapped in 「…」"],
    ['"Unbalanced’', false, 'starts with "\\"" but ends with "’", not "\\""'],
    ["Plain", false, 'starts with "P", not a quotation mark'],
    ['"', false, 'is only "\\""'],
    ["   ", false, "is empty, so it is not in quotation marks"],
    ["😀 x 😀", false, 'starts with "😀", not a quotation mark'],
  ])("is_quoted(%j) = %s", (s, v, detail) => expect(run("is_quoted", s)).toEqual({ value: v, detail }));
});

describe("capital_words and uppercase", () => {
  it("counts words of two or more letters, all uppercase", () => {
    const s = "NASA and the U.S.A sent I and A to ÉTÉ, COVID-19, iPhone, ǅungla, OK'd, R2D2\nNEW LINE";
    expect(run("capital_words", s)).toEqual({
      value: 7, detail: '7 words in capital letters ("NASA" (line 1), "U.S.A" (line 1), "ÉTÉ" (line 1), "COVID-19" (line 1), "R2D2" (line 1), … 2 more)',
    });
    expect(value("capital_words", "ΑΘΗΝΑ МОСКВА 日本")).toBe(2);
    expect(value("capital_words", "")).toBe(0);
  });
  it("gives verdict evidence with line numbers", () => {
    expect(verdict("check capital_words <= 1", "Read this NOW.\r\nIt is URGENT.")).toEqual(["fail", 'found 2 words in capital letters ("NOW" (line 1), "URGENT" (line 2)); expected at most 1', 2]);
  });
  it.each([
    ["The Lord of the Rings", true, "is in title case"],
    ["A Tale of Two Cities", true, "is in title case"],
    ["Über Die Brücke: Ǆungla Łódź 2024", true, "is in title case"],
    ["Über die Brücke", false, 'is not in title case: "die" at line 1, column 6 starts with a lowercase letter'],
    ["日本語 Title", true, "is in title case"],
    ["", true, "is in title case"],
    ["The lord of the Rings", false, 'is not in title case: "lord" at line 1, column 5 starts with a lowercase letter'],
    ["the Rings", false, 'is not in title case: "the" at line 1, column 1 starts with a lowercase letter'],
    ["What It Is Made of", false, 'is not in title case: "of" at line 1, column 17 starts with a lowercase letter'],
    ["Works on iPhone", false, 'is not in title case: "iPhone" at line 1, column 10 starts with a lowercase letter'],
  ])("is_title_case(%j) = %s", (s, v, detail) => expect(run("is_title_case", s)).toEqual({ value: v, detail }));

  it("uppercase converts with full case mapping", () => {
    expect(value("uppercase", "straße ǆ")).toBe("STRASSE Ǆ");
  });
});

describe("matches_schema", () => {
  const schema = JSON.stringify({ type: "object", required: ["answer", "score"], additionalProperties: false, properties: { answer: { type: "string" }, score: { type: "integer", minimum: 0 } } });
  it("validates fenced or bare JSON and explains violations with instance paths", () => {
    expect(run("matches_schema", '```json\n{"answer": "yes", "score": 3}\n```', { schema })).toEqual({ value: true, detail: "is JSON (an object, inside a code fence) that matches the schema" });
    expect(run("matches_schema", '{"answer": 1, "score": -1, "extra": true}', { schema })).toEqual({
      value: false,
      detail: 'is JSON (an object) that does not match the schema: at the root: must NOT have additional properties ("extra"); at /answer: must be string; at /score: must be >= 0',
    });
    expect(run("matches_schema", "[1, 2]", { schema }).detail).toBe("is JSON (an array) that does not match the schema: at the root: must be object");
    expect(run("matches_schema", "not json", { schema }).detail).toMatch(/^is not valid JSON: /);
  });
  it("lists at most three violations", () => {
    const s = JSON.stringify({ type: "array", items: { type: "string" } });
    expect(run("matches_schema", "[1, 2, 3, 4, 5]", { schema: s }).detail).toBe("is JSON (an array) that does not match the schema: at /0: must be string; at /1: must be string; at /2: must be string; and 2 more");
  });
  it("supports draft 2020-12 and schemas that share an $id", () => {
    const s2020 = JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", prefixItems: [{ type: "string" }], items: false });
    expect(value("matches_schema", '["a"]', { schema: s2020 })).toBe(true);
    expect(value("matches_schema", '["a", 1]', { schema: s2020 })).toBe(false);
    expect(value("matches_schema", '"x"', { schema: JSON.stringify({ $id: "https://example.com/x", type: "string" }) })).toBe(true);
    expect(value("matches_schema", '"x"', { schema: JSON.stringify({ $id: "https://example.com/x", type: "number" }) })).toBe(false);
  });
  it("cannot evaluate with an invalid schema (unknown verdict, never pass)", () => {
    expect(() => run("matches_schema", "{}", { schema: '{"type": "objekt"}' })).toThrow(/invalid `schema`: the schema is not a valid JSON Schema/);
    expect(() => run("matches_schema", "{}", { schema: "{" })).toThrow(BuiltinError);
  });
  it("gives verdict evidence end to end, with a schema from an input", () => {
    const c = compileOne('contract C {\n  input shape: text\n  prompt "Answer."\n  task t "Answer in JSON." check matches_schema(shape)\n}\n');
    const v = verifySync(c, '{"answer": 3}', { shape: schema }).verdicts[0];
    expect([v?.status, v?.evidence]).toEqual(["fail", 'the response is JSON (an object) that does not match the schema: at the root: must have required property \'score\'; at /answer: must be string']);
    expect(verifySync(c, "{}", { shape: "{" }).verdicts[0]?.status).toBe("unknown");
  });
});

describe("inline code masking", () => {
  it.each([
    ["a `b` c", "a ` ` c"],
    ["no code", "no code"],
    ["open ` only", "open ` only"],
    ["``x`y`` z", "``   `` z"],
    ["`a`` b `c`", "`      `c`"],
  ])("maskInlineCode(%j)", (s, out) => {
    expect(maskInlineCode(s)).toHaveLength(s.length);
    expect(maskInlineCode(s)).toBe(out);
  });
});

describe("linear time on adversarial input", () => {
  it("handles long lines of brackets, asterisks, quotes and angle brackets quickly", () => {
    const n = 200_000;
    const inputs = ["[".repeat(n), "[a".repeat(n), "*a".repeat(n), "**a ".repeat(n), "<<".repeat(n), "<<a\n".repeat(n), '"'.repeat(n), "|".repeat(n) + "\n" + "|-".repeat(n), "`".repeat(n) + "x"];
    const started = Date.now();
    for (const s of inputs) {
      for (const name of ["placeholders", "highlights", "title", "quotes", "tables", "capital_words", "is_quoted"]) run(name, s);
      run("sections", s, { marker: "[" });
    }
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
