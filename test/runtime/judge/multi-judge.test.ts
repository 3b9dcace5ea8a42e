import { describe, expect, it } from "vitest";
import type { Judge, JudgeAnswer } from "../../../src/runtime/judge-interface.js";
import { MultiJudge, type Disagreement } from "../../../src/runtime/judge/multi-judge.js";
import { judgeFor, request, stub } from "./support.js";

const fixed = (verdict: JudgeAnswer["verdict"]): Judge => ({ judge: async () => ({ verdict, reason: `always ${verdict}` }) });

describe("MultiJudge", () => {
  it("is yes only when every judge says yes", async () => {
    expect((await new MultiJudge([fixed("yes"), fixed("yes"), fixed("yes")]).judge(request())).verdict).toBe("yes");
    expect((await new MultiJudge([fixed("no"), fixed("no")]).judge(request())).verdict).toBe("no");
    expect((await new MultiJudge([fixed("yes"), fixed("unknown")]).judge(request())).verdict).toBe("unknown");
  });

  it("fails closed on disagreement and records it", async () => {
    const seen: Disagreement[] = [];
    const multi = new MultiJudge(
      [
        { name: "big", judge: fixed("yes") },
        { name: "small", judge: fixed("no") },
      ],
      { onDisagreementRecorded: (d) => seen.push(d) },
    );
    const answer = await multi.judge(request({ constraintId: "tone" }));
    expect(answer.verdict).toBe("unknown");
    expect(answer.reason).toMatch(/^judges disagree \(1 yes, 1 no\): big: yes \(always yes\); small: no/);
    expect(seen).toEqual([{ constraintId: "tone", verdicts: { big: "yes", small: "no" } }]);
    expect(multi.stats()).toMatchObject({ requests: 1, disagreements: 1, unanimous: 0, disagreementRate: 1, perConstraint: { tone: { requests: 1, disagreements: 1 } } });
  });

  it("can treat disagreement as no instead", async () => {
    const multi = new MultiJudge([fixed("yes"), fixed("no")], { onDisagreement: "no" });
    expect((await multi.judge(request())).verdict).toBe("no");
  });

  it("turns a throwing judge into unknown", async () => {
    const throwing: Judge = { judge: async () => Promise.reject(new Error("kaput")) };
    const answer = await new MultiJudge([fixed("yes"), throwing]).judge(request());
    expect(answer.verdict).toBe("unknown");
    expect(answer.reason).toMatch(/judge threw: kaput/);
  });

  it("measures disagreement between two real judge servers per constraint", async () => {
    const strict = await stub({ behavior: { kind: "keyword", keyword: "sources" } });
    const lenient = await stub({ behavior: { kind: "yes" } });
    const multi = new MultiJudge([
      { name: "strict", judge: judgeFor(strict) },
      { name: "lenient", judge: judgeFor(lenient) },
    ]);
    await multi.judge(request({ constraintId: "cites", response: "Revenue rose (sources: 10-K)." }));
    await multi.judge(request({ constraintId: "cites", response: "Revenue rose." }));
    await multi.judge(request({ constraintId: "tone", response: "See sources." }));
    const stats = multi.stats();
    expect(stats).toMatchObject({ requests: 3, unanimous: 2, disagreements: 1, withUnknown: 0 });
    expect(stats.disagreementRate).toBeCloseTo(1 / 3);
    expect(stats.perConstraint).toEqual({ cites: { requests: 2, disagreements: 1 }, tone: { requests: 1, disagreements: 0 } });
    expect(stats.perJudge).toEqual({ strict: { yes: 2, no: 1, unknown: 0 }, lenient: { yes: 3, no: 0, unknown: 0 } });
    expect(stats.recent).toEqual([{ constraintId: "cites", verdicts: { strict: "no", lenient: "yes" } }]);
  });

  it("needs at least one judge with unique names", () => {
    expect(() => new MultiJudge([])).toThrow();
    expect(() => new MultiJudge([{ name: "a", judge: fixed("yes") }, { name: "a", judge: fixed("no") }])).toThrow(/unique/);
  });
});
