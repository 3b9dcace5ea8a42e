import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJudgeAnswer } from "../../../src/runtime/judge/parse.js";
import { judgeFor, stub } from "./support.js";

/** [reply text, expected verdict]: both directions, ambiguous replies, JSON, whitespace/case/punctuation variants. */
const PARSE_TABLE: Array<[string, "yes" | "no" | "unknown"]> = [
  // clear yes
  ["YES", "yes"],
  ["yes", "yes"],
  ["Yes.", "yes"],
  ["  YES  ", "yes"],
  ["\n\tYes!\n", "yes"],
  ["yes, the tone is neutral.", "yes"],
  ["**YES** - it is professional.", "yes"],
  ["- YES", "yes"],
  ['"Yes" because every bullet is factual.', "yes"],
  ["YES: all three bullets are present.", "yes"],
  ["YES, there is no sarcasm in it.", "yes"],
  ["Yes. Yes, it is polite.", "yes"],
  ["The answer is YES.", "yes"],
  ["Final answer: yes", "yes"],
  ["Verdict - YES", "yes"],
  ["**Answer:** YES", "yes"],
  ["<think>The bullets are factual, so yes.</think>\nYES", "yes"],
  ['{"verdict": "YES", "reason": "polite"}', "yes"],
  ['{"answer": true}', "yes"],
  ['```json\n{"verdict": "yes"}\n```', "yes"],
  // clear no
  ["NO", "no"],
  ["no", "no"],
  ["**NO**", "no"],
  ["No. The second bullet is sarcastic.", "no"],
  ["  \n no: missing a title", "no"],
  ["Answer: NO", "no"],
  ["1. NO, it has four bullets.", "no"],
  ["No - it says yes to everything but is rude.", "no"],
  ["NO!!!", "no"],
  ["the answer is no", "no"],
  ['{"verdict": "NO", "reason": "rude"}', "no"],
  ['{"answer": false}', "no"],
  ["<think>hmm</think> No.", "no"],
  // contradictory: the opposite verdict takes the first one back
  ["YES... actually NO", "unknown"],
  ["YES\nNO", "unknown"],
  ["Yes\nno", "unknown"],
  ["Yes\nno, the title is missing", "unknown"],
  ["yes... actually no", "unknown"],
  ["Yes. No.", "unknown"],
  ["NO. I would not say YES here.", "unknown"],
  ["YES. It uses NO bullet points, as required.", "unknown"],
  ["Yes, wait, no.", "unknown"],
  ["No, correction: yes", "unknown"],
  ["YES and NO", "unknown"],
  ["Yes and no.", "unknown"],
  ["YES/NO", "unknown"],
  ["yes / no", "unknown"],
  ["YES, but NO title is given.", "unknown"],
  ["Yes, but no", "unknown"],
  ["The answer is YES, not NO.", "unknown"],
  ['{"verdict": "YES", "answer": "NO"}', "unknown"],
  ['{"verdict": "YES actually NO"}', "unknown"],
  // not a verdict at all
  ["Nope YES", "unknown"],
  ["Certainly NOT! YES", "unknown"],
  ["Absolutely, YES", "unknown"],
  ["I think yes", "unknown"],
  ["I would say NO", "unknown"],
  ["Maybe.", "unknown"],
  ["Yesterday the report was fine.", "unknown"],
  ["Nope", "unknown"],
  ["NOT AT ALL", "unknown"],
  ["Sí", "unknown"],
  ["YESNO", "unknown"],
  ["", "unknown"],
  ["   \n ", "unknown"],
  ["...", "unknown"],
  ['{"verdict": "maybe"}', "unknown"],
  ['{"reason": "no verdict here"}', "unknown"],
  ['{"verdict": "YES"', "unknown"],
  ['{"verdict": 1}', "unknown"],
  ["<think>The bullets are factual, so the answer is YES", "unknown"],
];

describe("parseJudgeAnswer: a reply is yes or no only when it parses unambiguously (fail closed)", () => {
  it("has a table of at least 50 replies", () => {
    expect(PARSE_TABLE.length).toBeGreaterThanOrEqual(50);
  });

  it.each(PARSE_TABLE)("%j -> %s", (reply, verdict) => {
    expect(parseJudgeAnswer(reply).verdict).toBe(verdict);
  });

  it("keeps the sentence after the verdict as the reason", () => {
    expect(parseJudgeAnswer("NO. The second bullet is sarcastic.")).toEqual({ verdict: "no", reason: "The second bullet is sarcastic." });
    expect(parseJudgeAnswer("YES")).toEqual({ verdict: "yes" });
  });

  it("explains unparseable replies", () => {
    expect(parseJudgeAnswer("Maybe.")).toEqual({ verdict: "unknown", reason: 'unparseable judge answer: "Maybe."' });
    expect(parseJudgeAnswer("YES and NO").reason).toMatch(/^contradictory judge answer/);
  });

  it("never throws, and says yes only when the reply contains the word yes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("YES", "no", "**Yes**", "<think>", "</think>").chain((w) => fc.string().map((s) => w + s))), (reply) => {
        const answer = parseJudgeAnswer(reply);
        expect(["yes", "no", "unknown"]).toContain(answer.verdict);
        if (answer.verdict === "yes") expect(reply.toLowerCase()).toContain("yes");
        if (answer.verdict === "no") expect(reply.toLowerCase()).toContain("no");
      }),
      { numRuns: 500 },
    );
  });

  it("never reads yes when the opposite verdict follows on its own line or after a reversal word", () => {
    const verdictWord = fc.constantFrom("YES", "Yes", "yes", "**YES**", "NO", "No", "no", "Answer: NO");
    const glue = fc.constantFrom("\n", "... actually ", ". Wait, ", "\n\n", " and ", "/", ". ");
    fc.assert(
      fc.property(verdictWord, glue, fc.boolean(), fc.string({ maxLength: 20 }), (first, sep, upper, tail) => {
        const isYes = /yes/i.test(first);
        const opposite = isYes ? (upper ? "NO" : "no") : upper ? "YES" : "yes";
        const reply = `${first}${sep}${opposite}${tail.replace(/[\p{L}\p{N}_]/gu, "")}`;
        expect(parseJudgeAnswer(reply).verdict, reply).toBe("unknown");
      }),
      { numRuns: 500 },
    );
  });
});

describe("verdict parsing end to end through the stub server", () => {
  it("reads every table entry from a real chat-completions response", async () => {
    const server = await stub();
    const judge = judgeFor(server);
    for (const [reply, verdict] of PARSE_TABLE) {
      server.setBehavior({ kind: "text", content: reply });
      expect((await judge.judge({ constraintId: "c", instruction: "i", rubric: "The response is polite.", response: `r for ${reply}` })).verdict, reply).toBe(verdict);
    }
    expect(judge.stats().httpRequests).toBe(PARSE_TABLE.length);
  });

  it("explains a reply cut off at the token limit", async () => {
    const server = await stub({ behavior: { kind: "text", content: "<think>Let me check each bullet", finishReason: "length" } });
    const answer = await judgeFor(server).judge({ constraintId: "c", instruction: "i", rubric: "The response is polite.", response: "r" });
    expect(answer.verdict).toBe("unknown");
    expect(answer.reason).toMatch(/raise maxTokens/);
  });
});
