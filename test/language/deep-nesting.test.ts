/**
 * Issue 8, item 5: deep or huge inputs overflowed the stack (2,000 `and` or `+`
 * terms, 2,000 chained `.first_line`, deep parentheses, a 130,000-character line in
 * a `"""` string, a 10 MB string). Each now gives the same clear result in lint,
 * fmt and compile: HIR1007 with a location for nesting past the limit, a normal
 * result for long literals. Nothing throws.
 */
import { describe, expect, it } from "vitest";
import { lowerProgram } from "../../src/compiler/lower.js";
import { MAX_CLAUSE_CHARS_FOR_AGREEMENT } from "../../src/language/checks/meaning-clauses.js";
import { formatContract } from "../../src/language/format/index.js";
import { memoryHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";

const wrap = (check: string): string => `contract C {\n  prompt "p"\n  task t "x" check ${check}\n}\n`;

async function everyCommand(src: string): Promise<{ lint: string[]; fmt: string[]; compiled: number; line: number | undefined }> {
  const program = loadProgram(["c.contract"], memoryHost({ "c.contract": src }));
  const lint = program.diagnostics.map((d) => d.code);
  const lowered = lowerProgram(program);
  const fmt = await formatContract(src, "c.contract");
  return { lint, fmt: fmt.diagnostics.map((d) => d.code), compiled: lowered.contracts.length, line: program.diagnostics[0]?.range.start.line };
}

describe("nesting past the limit is HIR1007 in every command", () => {
  const deep: Record<string, string> = {
    "2,000 and terms": wrap(Array.from({ length: 2000 }, () => "words >= 1").join(" and ")),
    "2,000 + terms": wrap(Array.from({ length: 2000 }, () => "1").join(" + ") + " <= words"),
    "2,000 chained .first_line": wrap("words(of: response" + ".first_line".repeat(2000) + ") >= 1"),
    "170 nested parentheses": wrap("(".repeat(170) + "words >= 1" + ")".repeat(170)),
    "10,000 nested parentheses": wrap("(".repeat(10_000) + "words >= 1" + ")".repeat(10_000)),
    "10,000 nested brackets": wrap(`contains_any(${"[".repeat(10_000)}"a"${"]".repeat(10_000)})`),
  };
  for (const [name, src] of Object.entries(deep)) {
    it(name, async () => {
      const r = await everyCommand(src);
      expect(r.lint).toEqual(["HIR1007"]);
      expect(r.fmt).toEqual(["HIR1007"]);
      expect(r.compiled).toBe(0);
      expect(r.line).toBe(3);
    });
  }

  it("nesting at the limit is accepted", async () => {
    const r = await everyCommand(wrap(Array.from({ length: 40 }, () => "words >= 1").join(" and ")));
    expect(r.lint).toEqual([]);
    expect(r.compiled).toBe(1);
  });
});

describe("prefix-operator runs past the nesting limit are HIR1007 in every command", () => {
  // About 1,100-1,600 stacked prefix operators overflowed the parser's stack (HIR1001
  // "the parser failed: RangeError"); each one in a row now counts as a nesting level.
  const runs: Record<string, string> = {
    "5,000 stacked not": wrap(`${"not ".repeat(5000)}words >= 1`),
    "5,000 stacked unary minus": wrap(`words >= ${"- ".repeat(5000)}1`),
    "alternating not and minus": wrap(`${"not ".repeat(2000)}${"- ".repeat(2000)}words >= 1`),
    "a binary minus followed by 3,000 prefix minuses": wrap(`words - ${"-".repeat(3000)}1 >= 0`),
    "60 parentheses, then 60 not": wrap(`${"(".repeat(60)}${"not ".repeat(60)}words >= 1${")".repeat(60)}`),
  };
  for (const [name, src] of Object.entries(runs)) {
    it(name, async () => {
      const r = await everyCommand(src);
      expect(r.lint).toEqual(["HIR1007"]);
      expect(r.fmt).toEqual(["HIR1007"]);
      expect(r.compiled).toBe(0);
      expect(r.line).toBe(3);
    });
  }

  it("names the operator past the limit", () => {
    const program = loadProgram(["c.contract"], memoryHost({ "c.contract": wrap(`${"not ".repeat(5000)}words >= 1`) }));
    const d = program.diagnostics[0];
    expect(d?.message).toBe("prefix operators (`not`, `-`) and brackets nest deeper than 100 levels here");
    // The 101st `not`: "  task t \"x\" check " is 19 characters, each `not ` four more.
    expect(d?.range.start).toMatchObject({ line: 3, column: 20 + 100 * 4 });
  });

  it("short runs, and binary minus between operands, are accepted", async () => {
    const r = await everyCommand(wrap(`${"not ".repeat(40)}words - ${"- ".repeat(40)}1 >= 0`));
    expect(r.lint).toEqual([]);
    expect(r.compiled).toBe(1);
  });
});

describe("long literals", () => {
  it("a 130,000-character line in a triple-quoted prompt", async () => {
    const src = `contract C {\n  prompt """\n    ${"x".repeat(130_000)}\n  """\n  task t "x" check words >= 1\n}\n`;
    const r = await everyCommand(src);
    expect(r.lint).toEqual([]);
    expect(r.fmt).toEqual([]);
    expect(r.compiled).toBe(1);
  });

  it("a 10 MB clause formats, and clause agreement skips clauses past its cap", async () => {
    const src = `contract C {\n  prompt "p"\n  task t "${"y".repeat(10_000_000)}" check words >= 1\n}\n`;
    const fmt = await formatContract(src, "c.contract");
    expect(fmt.diagnostics).toEqual([]);
    expect(fmt.formatted?.includes(`"${"y".repeat(10_000_000)}"`)).toBe(true);
    const clause = (text: string) => `contract C {\n  prompt "p"\n  task t "${text}" check bullets == 5\n}\n`;
    const lint = (text: string) => loadProgram(["c.contract"], memoryHost({ "c.contract": clause(text) })).diagnostics.map((d) => d.code);
    expect(lint("Use exactly three bullets.")).toEqual(["HIR7002"]);
    expect(lint(`Use exactly three bullets. ${"z".repeat(MAX_CLAUSE_CHARS_FOR_AGREEMENT)}`)).toEqual([]);
  }, 120_000);

  it("a 2 MB single-line string", async () => {
    const r = await everyCommand(wrap(`contains("${"y".repeat(2_000_000)}")`));
    expect(r.lint).toEqual([]);
    expect(r.compiled).toBe(1);
  }, 120_000);
});
