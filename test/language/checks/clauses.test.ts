/** HIR7002 / HIR7003: the clause and the check agree on numbers and units. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTINS } from "../../../src/language/builtins/registry.js";
import { buildUnitTable, extractClauseNumbers, interpolationChar } from "../../../src/language/checks/meaning-numbers.js";
import { nodeHost } from "../../../src/language/node-host.js";
import { loadProgram } from "../../../src/language/program.js";
import { REPO_ROOT } from "../../helpers/repo.js";
import { at, contract, covered, diagnose, withCode } from "./helpers.js";

const INPUTS = '  input max_words: int = 150\n  input n_bullets: int = 3\n  input limit: int';
const clauseDiags = (body: string) => {
  const text = contract(body, INPUTS);
  return { text, ds: withCode(diagnose(text), "HIR7002", "HIR7003") };
};

describe("HIR7002 clause-check-mismatch", () => {
  it("a number word that no constant of the check matches", () => {
    const { text, ds } = clauseDiags('  task three_bullets "Use exactly three bullet points." check bullets == 4');
    const [d, ...rest] = ds;
    expect(rest).toHaveLength(0);
    expect(d?.code).toBe("HIR7002");
    expect(d?.severity).toBe("warning");
    expect(d?.message).toBe("the clause says three (3) but the check enforces `bullets == 4`");
    expect(covered(text, d!)).toBe("three");
    expect(at(d!)).toBe("6:35-6:40");
    expect(covered(text, d!.related![0]!)).toBe("bullets == 4");
    expect(d?.hint).toMatch(/same number/);
  });

  it("an interpolation at its default", () => {
    const { text, ds } = clauseDiags('  quality concise "Keep it under {{max_words}} words." check words < 100');
    expect(ds.map((d) => d.message)).toEqual(["the clause says {{max_words}} (150) but the check enforces `words < 100`"]);
    expect(covered(text, ds[0]!)).toBe("{{max_words}}");
  });

  it("a quantity with a unit that disagrees with that unit's bounds", () => {
    const { text, ds } = clauseDiags('  task a "Write between 120 and 300 words." check words in 120..250');
    expect(ds.map((d) => d.message)).toEqual(["the clause says 300 words but the check enforces `words in 120..250`"]);
    expect(covered(text, ds[0]!)).toBe("300 words");
  });

  it("another unit's bound in the same check", () => {
    const { ds } = clauseDiags('  task a "Use exactly 3 bullet points and at most 100 words." check bullets == 3 and words <= 200');
    expect(ds.map((d) => d.message)).toEqual(["the clause says 100 words but the check enforces `words <= 200`"]);
  });

  it("ordinals are compared with call arguments, exactly", () => {
    const { text, ds } = clauseDiags('  task a "Mention it in the third paragraph." check paragraph(2) contains "it"');
    expect(ds.map((d) => d.message)).toEqual(['the clause says third (3) but the check enforces `paragraph(2) contains "it"`']);
    expect(covered(text, ds[0]!)).toBe("third");
  });

  it("other number words", () => {
    const cases: [string, string, string][] = [
      ["Write twenty-five sentences.", "sentences == 20", "twenty-five (25)"],
      ["Use a dozen bullets.", "bullets == 10", "a dozen (12)"],
      ["Mention the name twice.", 'count("Acme") >= 4', "twice (2)"],
      ["Use one hundred and fifty words or fewer.", "words <= 100", "one hundred and fifty (150)"],
      ["Give a couple of examples.", "bullets == 5", "a couple (2)"],
    ];
    for (const [clause, check, said] of cases) {
      const { ds } = clauseDiags(`  task a "${clause}" check ${check}`);
      expect(ds.map((d) => d.message), clause).toEqual([`the clause says ${said} but the check enforces \`${check}\``]);
    }
  });
});

describe("HIR7003 clause-unit-mismatch", () => {
  it("the clause counts words, the check counts sentences", () => {
    const { text, ds } = clauseDiags('  task a "Under 100 words." check sentences < 100');
    const [d, ...rest] = ds;
    expect(rest).toHaveLength(0);
    expect(d?.code).toBe("HIR7003");
    expect(d?.message).toBe("the clause talks about words but the check counts sentences (`sentences < 100`)");
    expect(covered(text, d!)).toBe("words");
    expect(at(d!)).toBe("6:21-6:26");
    expect(d?.hint).toContain("`words`");
  });

  it("units after an interpolation without a default", () => {
    const { ds } = clauseDiags('  task a "Keep it under {{limit}} sentences." check words < limit');
    expect(ds.map((d) => d.message)).toEqual(["the clause talks about sentences but the check counts words (`words < limit`)"]);
  });

  it("characters and bullet points", () => {
    expect(clauseDiags('  task a "Keep it under 280 characters." check words < 280').ds.map((d) => d.code)).toEqual(["HIR7003"]);
    expect(clauseDiags('  task a "Use 3 bullet points." check paragraphs == 3').ds.map((d) => d.message))
      .toEqual(["the clause talks about bullet points but the check counts paragraphs (`paragraphs == 3`)"]);
  });
});

describe("clause agreement: no false positives", () => {
  const GOOD: readonly [string, string][] = [
    ["Keep it under {{max_words}} words.", "words < max_words"],
    ["Use exactly three bullet points.", "bullets == 3"],
    ["Write 2 to 4 paragraphs.", "paragraphs in 2..4"],
    ["End with a recommendation.", 'last_paragraph starts_with "Recommendation:"'],
    ["Cite the policy id POL-7.", 'contains("POL-7")'],
    ["Under 120 words.", "words < 120"],
    ["Under 120 words.", "words <= 119"],
    ["Keep the summary to one paragraph.", "paragraphs == 1"],
    ["Answer in no more than 50 words.", "words <= 50"],
    ["Keep each answer under 280 characters.", "chars < 280"],
    ["Write between 120 and 300 words.", "words > 120 and words < 300"],
    ["Mention the product name at least twice.", 'count("Acme") >= 2'],
    ["Start with a one-line summary.", "first_line.words <= 20"],
    ["Use a single code block.", "code_blocks == 1"],
    ["List 3-5 key risks as bullet points.", "bullets in 3..5"],
    ["Give two or three examples.", "bullets in 2..3"],
    ["Use a numbered list of 5 steps.", "numbered_items == 5"],
    ["Write the answer in under 1,000 characters.", "chars < 1000"],
    ["Reference the 2024 policy update.", "words <= 300"],
    ["Keep the second paragraph under 80 words.", "paragraph(2).words < 80"],
    ["At most 60 words in its second paragraph.", "paragraph(2).words <= 60"],
    ["Use ISO-8601 dates.", "matches(/\\d{4}-\\d{2}-\\d{2}/)"],
    ["Give the currency as a three-letter ISO code.", 'matches(/"[A-Z]{3}"/)'],
    ["Begin with one of: \\\"Hire\\\" or \\\"No hire\\\".", 'first_line.starts_with("Hire") or first_line.starts_with("No hire")'],
    ["Write a haiku (3 lines).", "lines == 3"],
    ["Use exactly {{n_bullets}} bullet points.", "bullets == n_bullets"],
    ["Write one sentence per bullet, 3 bullets.", "bullets == 3"],
    ["Keep it short: under {{max_words}} words and 3 paragraphs at most.", "words < max_words and paragraphs <= 3"],
    ["Mention version 2.1 in the first line.", 'first_line contains "2.1"'],
    ["Write a 5-paragraph essay.", "paragraphs == 5"],
    ["Write roughly 500 words (give or take 10%).", "words in 450..550"],
    ["Say \\\"3 reasons\\\" in the first line.", 'first_line contains "3 reasons"'],
    ["Use 3 hashtags.", "count_matches(/#\\w+/) == 3"],
    ["Answer with a single word.", "words == 1"],
    ["Keep the JSON on a single line.", "lines == 1"],
    ["Never promise guaranteed outcomes or zero risk.", 'not contains_any(["guaranteed", "risk-free"])'],
    ["Write at least two paragraphs; once done, sign off.", "paragraphs >= 2"],
    ["Keep it under {{limit}} words.", "words < limit"],
    ["Use three bullet points.", "judge"],
    ["Four.", "words < 3"],
  ];
  it.each(GOOD)("%s  /  %s", (clause, check) => {
    const body = check === "judge" ? `  task a "${clause}" judge "The response uses three bullet points."` : `  task a "${clause}" check ${check}`;
    const { ds } = clauseDiags(body);
    expect(ds.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it("the repository's example specs produce none", () => {
    const files = readdirSync(join(REPO_ROOT, "specs")).filter((f) => f.endsWith(".contract")).map((f) => `specs/${f}`);
    expect(files.length).toBeGreaterThan(0);
    const program = loadProgram(files, nodeHost(REPO_ROOT));
    expect(program.diagnostics.filter((d) => /^HIR(7001|7002|7003|7005|800[123])$/.test(d.code)).map((d) => d.message)).toEqual([]);
  });
});

describe("extractClauseNumbers", () => {
  const units = buildUnitTable(BUILTINS);
  const read = (text: string, values: readonly number[] = []) =>
    extractClauseNumbers(text, units, (k) => values[k]).map((n) => `${n.value}${n.kind === "ordinal" ? "th" : ""}${n.unit ? ` ${n.unit.word}` : ""}`);

  it("digits, ranges, words and units", () => {
    expect(read("Use exactly three bullet points.")).toEqual(["3 bullet points"]);
    expect(read("Write 2 to 4 paragraphs.")).toEqual(["2 paragraphs", "4 paragraphs"]);
    expect(read("Use 3–5 sentences.")).toEqual(["3 sentences", "5 sentences"]);
    expect(read("Write between 120 and 300 words.")).toEqual(["120 words", "300 words"]);
    expect(read("Use 1,000 characters.")).toEqual(["1000 characters"]);
    expect(read("Write a 5-paragraph essay.")).toEqual(["5 paragraph"]);
    expect(read("Use three short paragraphs.")).toEqual(["3 paragraphs"]);
    expect(read("Write two thousand words.")).toEqual(["2000 words"]);
    expect(read("Write a hundred words.")).toEqual(["100 words"]);
    expect(read(`Keep it under ${interpolationChar(0)} words.`, [150])).toEqual(["150 words"]);
  });

  it("skips ids, years, quotes, percentages and pronoun `one`", () => {
    expect(read("Cite POL-7, ISO-8601, v2 and version 3.2.1 at 12:30 on 2024-01-01.")).toEqual([]);
    expect(read("In 2024, write 3 paragraphs.")).toEqual(["3 paragraphs"]);
    expect(read('Say "3 reasons" exactly.')).toEqual([]);
    expect(read("Give or take 10%.")).toEqual([]);
    expect(read("Pick the best one.")).toEqual([]);
    expect(read("Begin with one of: Hire, No hire.")).toEqual([]);
    expect(read("Once done, add 2 lines.")).toEqual(["2 lines"]);
    expect(read("Say it once.")).toEqual(["1"]);
  });

  it("ordinals before a noun", () => {
    expect(read("Keep the second paragraph short.")).toEqual(["2th"]);
    expect(read("Write the 3rd paragraph.")).toEqual(["3th"]);
    expect(read("First, write.")).toEqual([]);
  });
});
