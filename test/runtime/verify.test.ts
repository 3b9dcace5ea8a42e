/** The IR interpreter: verdicts, evidence, requires gating, judges, inputs, rendering. */
import { describe, expect, it } from "vitest";
import type { CompiledContract } from "../../src/compiler/ir.js";
import { readsInstruction } from "../../src/runtime/evaluate.js";
import { InputError } from "../../src/runtime/inputs.js";
import type { Judge, JudgeRequest } from "../../src/runtime/judge-interface.js";
import { render, verify, verifySync } from "../../src/runtime/verify.js";
import { COMPLIANCE, compileOne } from "./helpers.js";

const compliance = compileOne(COMPLIANCE);
const INPUTS = { policy_change: "POL-7: vendors are re-certified yearly." };

/** A judge that answers from a table and records its requests. */
function scriptedJudge(answers: Record<string, "yes" | "no" | "unknown" | "throw" | "garbage">): Judge & { requests: JudgeRequest[] } {
  const requests: JudgeRequest[] = [];
  return {
    requests,
    async judge(req) {
      requests.push(req);
      const a = answers[req.constraintId] ?? "unknown";
      if (a === "throw") throw new Error("endpoint down");
      if (a === "garbage") return { verdict: "maybe" } as never;
      return { verdict: a, reason: `scripted ${a}` };
    },
  };
}

const GOOD = [
  "- Vendors lapse under POL-7.",
  "- Audits may find gaps.",
  "- Costs rise.",
  "",
  "Recommendation: start now.",
].join("\n");

const statusOf = (v: Awaited<ReturnType<typeof verify>>) => Object.fromEntries(v.verdicts.map((x) => [x.id, x.status]));

describe("verify", () => {
  it("passes a good response, with evidence for every constraint", async () => {
    const judge = scriptedJudge({ two_risks: "yes", tone: "yes" });
    const v = await verify(compliance, GOOD, INPUTS, { judge });
    expect(v.passed).toBe(true);
    expect(v.counts).toEqual({ pass: 7, fail: 0, unknown: 0 });
    expect(v.verdicts.map((x) => [x.id, x.evidence])).toEqual([
      ["three_bullets", "found 3 bullet lines (lines 1, 2, 3); expected exactly 3"],
      ["two_risks", "judge: yes — scripted yes"],
      ["recommendation", 'the last paragraph (line 5) starts with "Recommendation:"'],
      ["concise", "found 14 words; expected at most 150 (`max_words`)"],
      ["tone", "judge: yes — scripted yes"],
      ["cite", 'the response contains "POL-" at line 1, column 23'],
      ["no_guarantees", 'the response contains none of "guaranteed", "risk-free", "100% compliant" (whole words, ignoring case)'],
    ]);
    expect(v.verdicts[0]?.measured).toBe(3);
    expect(v.instruction).toBe(render(compliance, INPUTS));
    expect(judge.requests.map((r) => r.constraintId)).toEqual(["two_risks", "tone"]);
    expect(judge.requests[0]).toEqual({
      rubric: "The response names at least two distinct, concrete risks.", response: GOOD, instruction: v.instruction, constraintId: "two_risks",
    });
  });

  it("explains a count mismatch with line numbers", async () => {
    const text = "Intro\n\n- a\nx\ny\nz\n- b\n\n- c\n\n\n- d";
    const v = verifySync(compliance, text, INPUTS);
    expect(v.verdicts[0]).toEqual({ id: "three_bullets", status: "fail", kind: "hard", evidence: "found 4 bullet lines (lines 3, 7, 9, 12); expected exactly 3", measured: 4 });
  });

  it("gates on requires: a failed prerequisite fails the dependent, and says so", () => {
    const v = verifySync(compliance, "- one\n\nRecommendation: go. POL-1", INPUTS);
    const rec = v.verdicts.find((x) => x.id === "recommendation");
    expect(rec).toMatchObject({ status: "fail", gatedBy: ["three_bullets"] });
    expect(rec?.evidence).toBe('failed because its prerequisite `three_bullets` failed; its own check: the last paragraph (line 3) starts with "Recommendation:"');
  });

  it("gates on unknown prerequisites, and never judges a gated soft constraint", async () => {
    const c = compileOne(`contract G {
      task soft_pre "Be kind." judge "The response is kind to the reader."
      task hard_dep "Say hi." check contains("hi")
      task hard_pre "Say yo." check contains("yo")
      task soft_dep "Be warm." judge "The response is warm and friendly."
      hard_dep requires soft_pre
      soft_dep requires hard_pre
    }`);
    const judge = scriptedJudge({ soft_pre: "unknown", soft_dep: "yes" });
    const v = await verify(c, "hi there", {}, { judge });
    expect(statusOf(v)).toEqual({ soft_pre: "unknown", hard_dep: "unknown", hard_pre: "fail", soft_dep: "fail" });
    expect(v.verdicts[1]?.evidence).toMatch(/^unknown because its prerequisite `soft_pre` is unknown; its own check: /);
    expect(v.verdicts[3]?.evidence).toBe("failed because its prerequisite `hard_pre` failed (not judged)");
    expect(judge.requests.map((r) => r.constraintId)).toEqual(["soft_pre"]);
  });

  it("judges soft constraints in dependency order, only once their prerequisites pass", async () => {
    const c = compileOne(`contract Chain {
      task first "One." judge "The first requirement holds here."
      task second "Two." judge "The second requirement holds here."
      task third "Three." judge "The third requirement holds here."
      third requires second
      second requires first
    }`);
    const yes = scriptedJudge({ first: "yes", second: "yes", third: "yes" });
    expect((await verify(c, "x", {}, { judge: yes })).passed).toBe(true);
    expect(yes.requests.map((r) => r.constraintId)).toEqual(["first", "second", "third"]);
    const no = scriptedJudge({ first: "no", second: "yes", third: "yes" });
    const v = await verify(c, "x", {}, { judge: no });
    expect(statusOf(v)).toEqual({ first: "fail", second: "fail", third: "fail" });
    expect(v.verdicts[2]?.gatedBy).toEqual(["second"]);
    expect(no.requests.map((r) => r.constraintId)).toEqual(["first"]);
  });

  it("fails closed on judge trouble", async () => {
    const v = await verify(compliance, GOOD, INPUTS, { judge: scriptedJudge({ two_risks: "throw", tone: "garbage" }) });
    expect(v.verdicts.find((x) => x.id === "two_risks")).toMatchObject({ status: "unknown", evidence: "judge error: endpoint down" });
    expect(v.verdicts.find((x) => x.id === "tone")).toMatchObject({ status: "unknown", evidence: 'judge returned an invalid answer: {"verdict":"maybe"}' });
    expect(v.passed).toBe(false);
  });

  it("makes soft verdicts unknown without a judge", async () => {
    const v = await verify(compliance, GOOD, INPUTS);
    expect(v.verdicts.find((x) => x.id === "tone")).toEqual({ id: "tone", status: "unknown", kind: "soft", evidence: "no judge configured" });
    expect(v.passed).toBe(false);
    expect(verifySync(compliance, GOOD, INPUTS).verdicts.find((x) => x.id === "tone")?.evidence).toBe("not judged: verifySync does not call a judge");
  });

  it("reports invalid inputs instead of throwing", async () => {
    const missing = await verify(compliance, GOOD, {});
    expect(missing.inputErrors).toEqual([{ input: "policy_change", message: "missing required input `policy_change` (a text)" }]);
    expect(missing.counts).toEqual({ pass: 0, fail: 0, unknown: 7 });
    expect(missing.verdicts[0]?.evidence).toBe("not verified: invalid inputs (missing required input `policy_change` (a text))");
    const wrong = verifySync(compliance, GOOD, { policy_change: "x", max_words: 1.5, extra: 1 });
    expect(wrong.inputErrors.map((e) => e.message)).toEqual([
      "`ComplianceSummary` has no input `extra` (its inputs: policy_change, max_words)",
      "input `max_words` must be a whole number, not the number 1.5",
    ]);
    expect(wrong.passed).toBe(false);
  });

  it("uses caller inputs in checks (and defaults otherwise)", () => {
    const words = (n: number) => verifySync(compliance, GOOD, { ...INPUTS, max_words: n }).verdicts.find((x) => x.id === "concise")?.status;
    expect(words(14)).toBe("pass");
    expect(words(13)).toBe("fail");
  });

  it("turns evaluation errors into unknown verdicts", () => {
    const c = compileOne(`contract R { task r "Quote an id." check matches(/ID-\\d+/) }`);
    const broken = structuredClone(c) as CompiledContract;
    const check = broken.constraints[0];
    if (check?.kind !== "hard" || check.check.kind !== "call") throw new Error("shape");
    check.check.args["pattern"] = { kind: "regex", type: "regex", pattern: "(a", flags: "" };
    const v = verifySync(broken, "ID-1", {});
    expect(v.verdicts[0]).toMatchObject({ status: "unknown" });
    expect(v.verdicts[0]?.evidence).toMatch(/^could not evaluate: invalid pattern \/\(a\/: missing closing \)/);
  });

  it("describes compound checks", () => {
    const c = compileOne(`contract K {
      input formal: bool = false
      task either "Use a list." check bullets >= 2 or numbered_items >= 2
      task both "Short first line, no foo." check first_line.words in 1..3 and not contains("foo")
      task notthree "Not three bullets." check not (bullets == 3)
      task esc "Escalate if needed." check not formal or contains("escalated")
      task lang "English." check language == "de"
    }`);
    const v = verifySync(c, "a b c d e\n- x\n- y\n- z foo", { formal: true });
    expect(Object.fromEntries(v.verdicts.map((x) => [x.id, x.evidence]))).toEqual({
      either: "found 3 bullet lines (lines 2, 3, 4); expected at least 2",
      both: 'found 5 words in the first line (line 1); expected between 1 and 3; the response contains "foo" at line 4, column 5, which is not allowed',
      notthree: "found 3 bullet lines (lines 2, 3, 4); expected anything but 3",
      esc: 'none of the alternatives holds: `formal` is true, which is not allowed; or the response does not contain "escalated"',
      lang: expect.stringMatching(/^found language "\w+" \(probability [\d.]+\); expected "de"$/),
    });
  });

  it("verifies against a given instruction when asked", async () => {
    const judge = scriptedJudge({});
    await verify(compliance, GOOD, INPUTS, { judge, instruction: "custom" });
    expect(judge.requests.every((r) => r.instruction === "custom")).toBe(true);
  });

  it("no core built-in reads the instruction", () => {
    for (const c of compliance.constraints) if (c.kind === "hard") expect(readsInstruction(c.check)).toBe(false);
  });
});

describe("render", () => {
  const base = (layout: string, placement = "after") => compileOne(`contract L {
    input who: text
    input tags: text[] = ["a", "b"]
    prompt """
      Write to {{who}}.
      Tags: {{tags}}
    """
    task one "First {{who}}." check words > 1
    task two "Second." check words > 2
    task three check words < 100
    replay { layout ${layout} placement ${placement} }
  }`);

  it.each([
    ["inline", "after", "Write to Ann.\nTags: a, b First Ann. Second. Use fewer than 100 words."],
    ["lines", "after", "Write to Ann.\nTags: a, b\n\nFirst Ann.\nSecond.\nUse fewer than 100 words."],
    ["numbered", "after", "Write to Ann.\nTags: a, b\n\n1. First Ann.\n2. Second.\n3. Use fewer than 100 words."],
    ["bullets", "after", "Write to Ann.\nTags: a, b\n\n- First Ann.\n- Second.\n- Use fewer than 100 words."],
    ["numbered", "before", "1. First Ann.\n2. Second.\n3. Use fewer than 100 words.\n\nWrite to Ann.\nTags: a, b"],
    ["inline", "before", "First Ann. Second. Use fewer than 100 words. Write to Ann.\nTags: a, b"],
  ])("%s / %s", (layout, placement, expected) => {
    expect(render(base(layout, placement), { who: "Ann" })).toBe(expected);
  });

  it("renders a subset of clauses, renumbered, in contract order", () => {
    expect(render(base("numbered"), { who: "Ann" }, ["three", "one"])).toBe("Write to Ann.\nTags: a, b\n\n1. First Ann.\n2. Use fewer than 100 words.");
    expect(render(base("numbered"), { who: "Ann" }, [])).toBe("Write to Ann.\nTags: a, b");
  });

  it("rejects bad inputs and unknown constraint ids", () => {
    expect(() => render(base("lines"), {})).toThrow(InputError);
    expect(() => render(base("lines"), { who: "Ann" }, ["nope"])).toThrow(/has no constraint `nope`/);
  });

  it("renders a contract without a prompt as its clauses", () => {
    expect(render(compileOne(`contract N { task t "Do it." check words > 0 }`), {})).toBe("Do it.");
  });
});

describe("one entry point for verification: options choose mode, backend and constraints", () => {
  const response = "- POL-7 changes vendor re-certification.\n- Risk: missed audits.\n- Risk: cost.\nWe recommend a yearly review.";

  it("sync: true returns the verdicts directly, equal to verifySync's and to the async mode's without a judge (bar the soft reason)", async () => {
    const direct = verify(compliance, response, INPUTS, { sync: true });
    expect(direct).toEqual(verifySync(compliance, response, INPUTS));
    const later = await verify(compliance, response, INPUTS);
    const hard = (v: typeof direct) => v.verdicts.filter((x) => x.kind === "hard");
    expect(hard(later)).toEqual(hard(direct));
    const soft = compliance.constraints.filter((c) => c.kind === "soft").map((c) => c.id);
    for (const id of soft) {
      expect(direct.verdicts.find((v) => v.id === id)?.evidence).toBe("not judged: verifySync does not call a judge");
      expect(later.verdicts.find((v) => v.id === id)?.evidence).toBe("no judge configured");
    }
  });

  it("sync: true never calls the judge it is given", () => {
    const judge = scriptedJudge({});
    verify(compliance, response, INPUTS, { sync: true, judge });
    expect(judge.requests).toEqual([]);
  });

  it("constraints verifies only the subset given, in contract order", () => {
    const subset = compliance.constraints.filter((c) => c.kind === "hard").slice(0, 2);
    const v = verify(compliance, response, INPUTS, { sync: true, constraints: subset });
    expect(v.verdicts.map((x) => x.id)).toEqual(subset.map((c) => c.id));
    expect(v.verdicts).toEqual(verifySync(compliance, response, INPUTS).verdicts.filter((x) => subset.some((c) => c.id === x.id)));
  });

  it("backend computes the hard constraints' own results", () => {
    const v = verify(compliance, response, INPUTS, {
      sync: true,
      backend: () => () => { throw new Error("backend reached"); },
    });
    for (const x of v.verdicts.filter((y) => y.kind === "hard" && !y.gatedBy)) expect(x.evidence).toBe("could not evaluate: internal error: backend reached");
  });
});
