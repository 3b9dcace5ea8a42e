/**
 * Issue 8, item 1: IFEval arguments are Python regexes, and a catastrophic one
 * (`(a+)+$`) against `'a' * 30 + '!'` used to take minutes (time doubled per
 * character). Every path that builds a pattern from user data now runs in linear
 * time; these cases finish in milliseconds, so the vitest timeout is the hang detector.
 */
import { describe, expect, it } from "vitest";
import { lowerProgram } from "../../../src/compiler/lower.js";
import { memoryHost } from "../../../src/language/node-host.js";
import { loadProgram } from "../../../src/language/program.js";
import { evaluateIfevalContracts } from "../../../src/interop/ifeval-eval.js";
import { runCheck } from "../../../src/runtime/ifeval/index.js";
import { countIfevalSections } from "../../../src/runtime/text/sections.js";
import { verifySync } from "../../../src/runtime/verify.js";

const EVIL = "(a+)+$";
const HOSTILE = "a".repeat(30) + "!";
const LONG_HOSTILE = "a".repeat(20_000) + "!";

describe("IFEval regex arguments match in linear time", () => {
  it("keywords:existence with a catastrophic pattern", () => {
    for (const text of [HOSTILE, LONG_HOSTILE]) {
      const r = runCheck("keywords:existence", text, { keywords: [EVIL] });
      expect(r.pass).toBe(false);
    }
    // The pattern still means what Python means where there is a match.
    expect(runCheck("keywords:existence", "aaa", { keywords: [EVIL] }).pass).toBe(true);
  });

  it("keywords:frequency counts with a catastrophic pattern", () => {
    const r = runCheck("keywords:frequency", LONG_HOSTILE, { keyword: "(a|aa)+b", frequency: 1, relation: "less than" });
    expect(r.pass).toBe(true);
  });

  it("keywords:forbidden_words wraps the word in \\b without backtracking", () => {
    expect(runCheck("keywords:forbidden_words", LONG_HOSTILE, { forbidden_words: ["(a+)+b"] }).pass).toBe(true);
    // Literal words keep Python's Unicode word boundaries.
    expect(runCheck("keywords:forbidden_words", "un café!", { forbidden_words: ["café"] }).pass).toBe(false);
    expect(runCheck("keywords:forbidden_words", "cafés", { forbidden_words: ["café"] }).pass).toBe(true);
  });

  it("detectable_content:postscript with a catastrophic marker", () => {
    expect(runCheck("detectable_content:postscript", LONG_HOSTILE, { postscript_marker: EVIL }).pass).toBe(false);
  });

  it("section splitters", () => {
    const r = countIfevalSections(LONG_HOSTILE, "(a+)+b");
    expect(r.ok && r.count).toBe(0);
    const ok = countIfevalSections("SECTION 1 x SECTION 2 y", "SECTION");
    expect(ok.ok && ok.count).toBe(2);
  });

  it("a pattern RE2 cannot run fails the check with a reason instead of hanging", () => {
    const r = runCheck("keywords:existence", HOSTILE, { keywords: ["(a)\\1"] });
    expect(r.pass).toBe(false);
    expect(r.evidence).toMatch(/linear time/);
  });

  it("through a contract (hir check's path)", () => {
    const src = `contract C {\n  prompt "p"\n  task kw "K." check ifeval_keywords_existence(keywords: ["${EVIL}"])\n}\n`;
    const program = loadProgram(["c.contract"], memoryHost({ "c.contract": src }));
    expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const contract = lowerProgram(program).contracts[0]!;
    const verdicts = verifySync(contract, HOSTILE, {});
    expect(verdicts.verdicts.map((v) => v.status)).toEqual(["fail"]);
  });

  it("through hir import ifeval / hir eval ifeval's path", () => {
    const prompt = "Use the keyword.";
    const input = JSON.stringify({ key: 1, prompt, instruction_id_list: ["keywords:existence"], kwargs: [{ keywords: [EVIL] }] }) + "\n";
    const responses = JSON.stringify({ prompt, response: HOSTILE }) + "\n";
    const ev = evaluateIfevalContracts(input, responses);
    expect(ev.skippedRows).toEqual([]);
    expect(ev.strict.rows[0]!.followAll).toBe(false);
    expect(ev.loose.rows[0]!.followAll).toBe(false);
  });
});
