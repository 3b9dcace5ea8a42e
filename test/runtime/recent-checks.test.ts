/**
 * The per-response memo of instruction-independent checks (src/runtime/recent-checks.ts)
 * must never hand one verification another's result: other inputs, another
 * contract, or a check that reads the instruction are computed again.
 */
import { describe, expect, it } from "vitest";
import { hindsightSync, verifySync } from "../../src/runtime/index.js";
import { compileOne } from "./helpers.js";

const SOURCE = `
contract Memo {
  input min_words: int = 3
  input keyword: text = "alpha"
  prompt "Write about {{keyword}} in a few words, as briefly as this request."
  task enough "Write at least {{min_words}} words." check words >= min_words
  task mention "Mention {{keyword}}." check contains(keyword)
  task brief "Be brief." check within_instruction_length(factor: 1)
  task bullets "Use two bullets." check bullets == 2
  replay { min_kept 1 layout lines }
}
`;

describe("recent checks memo", () => {
  it("keys results on the inputs and the contract object", () => {
    const c = compileOne(SOURCE);
    const response = "alpha beta gamma delta";
    const a = verifySync(c, response, { min_words: 3, keyword: "alpha" });
    const b = verifySync(c, response, { min_words: 9, keyword: "beta" });
    expect(a.verdicts.find((v) => v.id === "enough")?.status).toBe("pass");
    expect(b.verdicts.find((v) => v.id === "enough")?.status).toBe("fail");
    expect(b.verdicts.find((v) => v.id === "enough")?.evidence).toContain("9");
    const again = verifySync(compileOne(SOURCE), response, { min_words: 9, keyword: "beta" });
    expect(again).toEqual(b);
    expect(verifySync(c, response, { min_words: 3, keyword: "alpha" })).toEqual(a);
  });

  it("evaluates instruction-reading checks again under the hindsight instruction", () => {
    const c = compileOne(SOURCE);
    // As many words as the full instruction: within its length, not within the hindsight instruction's.
    const q = verifySync(c, "", { min_words: 3, keyword: "alpha" }).instruction;
    const n = q.split(/\s+/).filter((w) => /\w/.test(w)).length;
    const response = ["alpha", ...Array.from({ length: n - 1 }, (_, i) => `w${i}`)].join(" ");
    const inputs = { min_words: 3, keyword: "alpha" };
    const v = verifySync(c, response, inputs);
    expect(v.verdicts.map((x) => [x.id, x.status])).toEqual([["enough", "pass"], ["mention", "pass"], ["brief", "pass"], ["bullets", "fail"]]);
    const h = hindsightSync(c, v, response, inputs);
    expect(h.outcome).toBe("refused");
    if (h.outcome === "refused") {
      expect(h.reason).toBe("reverification-failed");
      expect(h.constraints).toEqual(["brief"]);
    }
  });
});
