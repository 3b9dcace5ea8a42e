import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJudgeAnswer } from "../../../src/runtime/judge/parse.js";
import { judgeFor, stub } from "./support.js";

/** [reply text, expected verdict]. */
const PARSE_TABLE: Array<[string, "yes" | "no" | "unknown"]> = [
  ["YES", "yes"],
  ["Yes.", "yes"],
  ["yes, the tone is neutral.", "yes"],
  ["**YES** - it is professional.", "yes"],
  ["- YES", "yes"],
  ['"Yes" because every bullet is factual.', "yes"],
  ["NO", "no"],
  ["**NO**", "no"],
  ["No. The second bullet is sarcastic.", "no"],
  ["  \n no: missing a title", "no"],
  ["Answer: NO", "no"],
  ["The answer is YES.", "yes"],
  ["1. NO, it has four bullets.", "no"],
  ["YES. It uses NO bullet points, as required.", "yes"],
  ["NO. I would not say YES here.", "no"],
  ["I think yes", "unknown"],
  ["YES and NO", "unknown"],
  ["Yes and no.", "unknown"],
  ["YES/NO", "unknown"],
  ["YES, but NO title is given.", "unknown"],
  ["The answer is YES, not NO.", "unknown"],
  ["Maybe.", "unknown"],
  ["Yesterday the report was fine.", "unknown"],
  ["Nope", "unknown"],
  ["NOT AT ALL", "unknown"],
  ["Sí", "unknown"],
  ["<think>The bullets are factual, so yes.</think>\nYES", "yes"],
  ["<think>The bullets are factual, so the answer is YES", "unknown"],
];

describe("parseJudgeAnswer", () => {
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
