/** HIR8001 / HIR8002 / HIR8003, the hazard analyser and compileUserRegex. */
import { describe, expect, it } from "vitest";
import { compileUserRegex } from "../../../src/common/regex.js";
import { findBacktrackingHazard } from "../../../src/language/regex/hazards.js";
import { at, contract, covered, diagnose, withCode } from "./helpers.js";

const RE2_HINT = "RE2 syntax: no backreferences or lookaround; it runs in linear time so no response can hang a verifier.";

function regexDiags(check: string) {
  const text = contract(`  task a "Match it." check ${check}`);
  return { text, ds: withCode(diagnose(text), "HIR8001", "HIR8002", "HIR8003") };
}

describe("HIR8001 invalid-regex", () => {
  it("an unclosed group, pointing at the literal", () => {
    const { text, ds } = regexDiags("matches(/(unclosed/)");
    const [d, ...rest] = ds;
    expect(rest).toHaveLength(0);
    expect(d?.code).toBe("HIR8001");
    expect(d?.severity).toBe("error");
    expect(d?.message).toBe("`/(unclosed/` is not a valid regular expression: a `(` is never closed");
    expect(covered(text, d!)).toBe("/(unclosed/");
    expect(at(d!)).toBe("3:36-3:47");
    expect(d?.hint).toContain("RE2 syntax");
  });

  it("backreferences and lookaround get the RE2 hint", () => {
    const cases: [string, RegExp][] = [
      ["matches(/(a)\\1/)", /`\\1` is a backreference/],
      ["matches(/(?=x)a/)", /`\(\?=` is a lookahead/],
      ["not matches(/(?!x)a/)", /`\(\?!` is a lookahead/],
      ["matches(/(?<=x)a/)", /`\(\?<=` is a lookbehind/],
      ["count_matches(/(?<!x)a/) >= 1", /`\(\?<!` is a lookbehind/],
      ["matches(/(?<n>a)\\k<n>/)", /named backreference/],
    ];
    for (const [check, message] of cases) {
      const { ds } = regexDiags(check);
      expect(ds.map((d) => d.code), check).toEqual(["HIR8001"]);
      expect(ds[0]?.message, check).toMatch(message);
      expect(ds[0]?.hint, check).toBe(RE2_HINT);
    }
  });

  it("other syntax errors read plainly", () => {
    expect(regexDiags("matches(/a{2,1}/)").ds[0]?.message).toMatch(/repeat count `\{2,1\}` is invalid/);
    expect(regexDiags("matches(/[z-a]/)").ds[0]?.message).toMatch(/character range `z-a` is invalid/);
    expect(regexDiags("matches(/a++/)").ds[0]?.message).toMatch(/possessive/);
    expect(regexDiags("matches(/\\u0041/)").ds[0]?.message).toMatch(/\\x\{20AC\}/);
  });

  it("unsupported flags", () => {
    const { ds } = regexDiags("matches(/abc/g)");
    expect(ds[0]?.message).toBe("`/abc/g`: the flag `g` is not needed: `matches` looks for any match and `count_matches` counts every match (flags: i, m, s)");
    expect(ds[0]?.hint).toMatch(/^Supported flags: `i` \(ignore case\)/);
    expect(regexDiags("matches(/abc/q)").ds[0]?.message).toContain("`q` is not a regular-expression flag");
    expect(regexDiags("matches(/abc/ii)").ds[0]?.message).toContain("given twice");
  });

  it("valid RE2 patterns pass, including RE2-only syntax", () => {
    for (const check of ["matches(/^Ticket #\\d+/m)", "matches(/(?P<id>[A-Z]{3})-\\d+/i)", "matches(/\\pL+/s)", "matches(/[[:alpha:]]+x/)", 'matches(/"total"\\s*:\\s*-?\\d+(?:\\.\\d{1,2})?/)']) {
      expect(regexDiags(check).ds, check).toEqual([]);
    }
  });
});

describe("HIR8002 catastrophic-backtracking", () => {
  it("nested quantifiers, pointing at the literal", () => {
    const { text, ds } = regexDiags("matches(/(a+)+$/)");
    const [d] = ds;
    expect(d?.code).toBe("HIR8002");
    expect(d?.severity).toBe("warning");
    expect(covered(text, d!)).toBe("/(a+)+$/");
    expect(d?.message).toContain("`(a+)+` repeats a group that contains the repetition `a+`");
    expect(d?.message).toContain("exported checks");
  });

  it.each([
    ["(a+)+", "nested-quantifier"],
    ["(a*)*", "nested-quantifier"],
    ["(\\w+\\s?)*", "nested-quantifier"],
    ["(.*a){10}", "nested-quantifier"],
    ["(x+x+)+y", "nested-quantifier"],
    ["(\\d{1,3})+", "nested-quantifier"],
    ['(?:"[^"]*"|[^,]*)*', "nested-quantifier"],
    ["(a|a)*", "overlapping-alternation"],
    ["(a|ab)*", "overlapping-alternation"],
    ["(\\d|\\w)+", "overlapping-alternation"],
    ["(.|\\s)*", "overlapping-alternation"],
  ])("flags %s", (pattern, kind) => {
    expect(findBacktrackingHazard(pattern)?.kind).toBe(kind);
    expect(regexDiags(`matches(/${pattern}/)`).ds.map((d) => d.code)).toContain("HIR8002");
  });

  it.each([
    "(\\w+\\s)*", "\\b(?:\\d[ -]?){13,19}\\b", '"total"\\s*:\\s*-?\\d+(?:\\.\\d{1,2})?', "(?:\\s*,\\s*\\w+)*", "([a-z]+\\.)+[a-z]+",
    "(ab|cd)*", "(.|\\n)*", "[a-z]+\\d+", "(a{1,3}){3}", "\\Q(a+)+\\E", "(A|a)+", "^(\\s*-\\s*\\w+)+$",
  ])("does not flag %s", (pattern) => {
    expect(findBacktrackingHazard(pattern)).toBeUndefined();
  });

  it("takes flags into account", () => {
    expect(findBacktrackingHazard("(A|a)+", "i")?.kind).toBe("overlapping-alternation");
    expect(findBacktrackingHazard("(.|\\n)*", "s")?.kind).toBe("overlapping-alternation");
  });

  it("quotes the author's RE2 syntax", () => {
    expect(findBacktrackingHazard("(?P<x>\\pL+ ?)+")?.group).toBe("(?P<x>\\pL+ ?)+");
  });
});

describe("HIR8003 regex-matches-empty", () => {
  it("a presence check that always passes", () => {
    const { text, ds } = regexDiags("matches(/a*/)");
    const [d, ...rest] = ds;
    expect(rest).toHaveLength(0);
    expect(d?.code).toBe("HIR8003");
    expect(d?.severity).toBe("warning");
    expect(covered(text, d!)).toBe("/a*/");
    expect(d?.message).toBe("`/a*/` matches the empty string, so `matches` finds it in every response and the check always passes");
  });

  it("other empty-matching patterns, and the negated form", () => {
    expect(regexDiags("matches(/(x)?/)").ds.map((d) => d.code)).toEqual(["HIR8003"]);
    expect(regexDiags("first_line.matches(/^/)").ds.map((d) => d.code)).toEqual(["HIR8003"]);
    expect(regexDiags("not matches(/x|/)").ds[0]?.message).toBe("`/x|/` matches the empty string, so `not matches` can never pass");
  });

  it("not for patterns that need a character, nor for count_matches", () => {
    for (const check of ["matches(/a+/)", "matches(/\\b/)", "matches(/^$x/)", "count_matches(/a*/) >= 2"]) {
      expect(regexDiags(check).ds.map((d) => d.code), check).toEqual([]);
    }
  });
});

describe("compileUserRegex", () => {
  it("compiles with i, m and s", () => {
    const r = compileUserRegex("^ticket #\\d+$", "im");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.regex.test("Intro\nTICKET #42\nbye")).toBe(true);
    expect(r.regex.test("ticket #x")).toBe(false);
    const dot = compileUserRegex("a.b", "s");
    expect(dot.ok && dot.regex.test("a\nb")).toBe(true);
    const noDot = compileUserRegex("a.b");
    expect(noDot.ok && noDot.regex.test("a\nb")).toBe(false);
  });

  it("reports failures with a message and a cause, never throwing", () => {
    expect(compileUserRegex("(a)\\1")).toEqual({ ok: false, message: "`\\1` is a backreference, which RE2 does not support", cause: "backreference" });
    expect(compileUserRegex("(?=a)")).toMatchObject({ ok: false, cause: "lookaround" });
    expect(compileUserRegex("a", "y")).toMatchObject({ ok: false, cause: "flag" });
    expect(compileUserRegex("(")).toMatchObject({ ok: false, cause: "syntax", message: "a `(` is never closed" });
    expect(compileUserRegex(undefined as unknown as string)).toMatchObject({ ok: false });
  });

  it("caches compiled patterns", () => {
    const a = compileUserRegex("x+y", "i");
    const b = compileUserRegex("x+y", "i");
    expect(a.ok && b.ok && a.regex === b.regex).toBe(true);
  });

  it("runs in linear time on a classic catastrophic input", () => {
    const r = compileUserRegex("(a+)+$");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const start = Date.now();
    // The input that makes backtracking engines explode: a long run that fails at the very end.
    expect(r.regex.test(`${"a".repeat(5000)}!`)).toBe(false);
    expect(r.regex.test("a".repeat(5000))).toBe(true);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});
