/**
 * Hindsight rewrite scenarios, one readable row each. Checks are token-based: a hard
 * constraint `x` passes when the response contains `[x]`; the scripted judge answers
 * yes for `[s+]`, no for `[s-]`, throws for `[s!]`, and is unsure otherwise.
 */
import { describe, expect, it } from "vitest";
import type { CompiledContract } from "../../src/compiler/ir.js";
import { hindsight, hindsightSync, type DroppedConstraint, type RefusalReason } from "../../src/runtime/hindsight.js";
import type { Judge } from "../../src/runtime/judge-interface.js";
import { verify, verifySync } from "../../src/runtime/verify.js";
import { compileOne } from "./helpers.js";

const MAIN = compileOne(`contract Main {
  input topic: text = "tides"
  prompt "Write about {{topic}}."
  task a "Clause A." check contains("[a]")
  task b "Clause B." check contains("[b]")
  task c "Clause C." check contains("[c]")
  task d "Clause D." check contains("[d]")
  quality q "Clause Q." check contains("[q]")
  quality s "Clause S." judge "The soft requirement S is satisfied."
  pinned task p "Clause P." check contains("[p]")
  safety z "Clause Z." check not contains("[!z]")
  c requires b
  d requires c
  couple a, q
  replay { min_kept 2 layout lines }
}`);

const COUPLED_PINNED = compileOne(`contract CoupledPinned {
  prompt "Write."
  pinned task p "Clause P." check contains("[p]")
  task x "Clause X." check contains("[x]")
  task y "Clause Y." check contains("[y]")
  couple p, x
}`);

const PINNED_REQUIRES = compileOne(`contract PinnedRequires {
  prompt "Write."
  pinned task p "Clause P." check contains("[p]")
  task x "Clause X." check contains("[x]")
  task y "Clause Y." check contains("[y]")
  p requires x
}`);

const MIN_THREE = compileOne(`contract MinThree {
  prompt "Write."
  task a "Clause A." check contains("[a]")
  task b "Clause B." check contains("[b]")
  task c "Clause C." check contains("[c]")
  task d "Clause D." check contains("[d]")
  replay { min_kept 3 layout numbered placement before }
}`);

const INSTRUCTION_READER = compileOne(`contract Reader {
  prompt "Write."
  task a "Clause A." check contains("[a]")
  task b "Clause B." check contains("[b]")
  quality s "Clause S." judge "The response fits the whole instruction."
}`);

/** The soft constraint `s` answers by token; for `Reader`, yes only while "Clause A." is in the instruction. */
const judge: Judge = {
  async judge(req) {
    if (req.constraintId === "s" && req.response.includes("[s-reader]")) {
      return { verdict: req.instruction.includes("Clause A.") ? "yes" : "no", reason: "reads the instruction" };
    }
    if (req.response.includes("[s!]")) throw new Error("judge down");
    if (req.response.includes("[s+]")) return { verdict: "yes" };
    if (req.response.includes("[s-]")) return { verdict: "no" };
    return { verdict: "unknown", reason: "not sure" };
  },
};

interface Case {
  readonly name: string;
  readonly contract: CompiledContract;
  readonly response: string;
  readonly expect:
    | { outcome: "success" }
    | { outcome: "refused"; reason: RefusalReason; constraints: string[] }
    | { outcome: "rewrite"; kept: string[]; dropped: DroppedConstraint[]; instruction?: string };
}

const ALL_MAIN = "[a] [b] [c] [d] [q] [s+] [p]";

const CASES: readonly Case[] = [
  { name: "everything passes", contract: MAIN, response: ALL_MAIN, expect: { outcome: "success" } },
  {
    name: "a failed task drops its coupled partner",
    contract: MAIN, response: "[b] [c] [d] [q] [s+] [p]",
    expect: {
      outcome: "rewrite", kept: ["b", "c", "d", "s", "p", "z"],
      dropped: [{ id: "a", cause: "failed" }, { id: "q", cause: "coupled", via: "a" }],
      instruction: "Write about tides.\n\nClause B.\nClause C.\nClause D.\nClause S.\nClause P.\nClause Z.",
    },
  },
  {
    name: "a failed quality constraint drops the task it is coupled with",
    contract: MAIN, response: "[a] [b] [c] [d] [s+] [p]",
    expect: { outcome: "rewrite", kept: ["b", "c", "d", "s", "p", "z"], dropped: [{ id: "a", cause: "coupled", via: "q" }, { id: "q", cause: "failed" }] },
  },
  {
    name: "a failed prerequisite drops its requires chain (dependents fail by gating)",
    contract: MAIN, response: "[a] [c] [d] [q] [s+] [p]",
    expect: {
      outcome: "rewrite", kept: ["a", "q", "s", "p", "z"],
      dropped: [{ id: "b", cause: "failed" }, { id: "c", cause: "requires", via: "b" }, { id: "d", cause: "requires", via: "c" }],
    },
  },
  {
    name: "the end of a chain drops alone",
    contract: MAIN, response: "[a] [b] [c] [q] [s+] [p]",
    expect: { outcome: "rewrite", kept: ["a", "b", "c", "q", "s", "p", "z"], dropped: [{ id: "d", cause: "failed" }] },
  },
  {
    name: "a failed soft constraint drops like any other",
    contract: MAIN, response: "[a] [b] [c] [d] [q] [s-] [p]",
    expect: { outcome: "rewrite", kept: ["a", "b", "c", "d", "q", "p", "z"], dropped: [{ id: "s", cause: "failed" }] },
  },
  {
    name: "several failures drop the union of their closures",
    contract: MAIN, response: "[a] [b] [q] [s-] [p]",
    expect: { outcome: "rewrite", kept: ["a", "b", "q", "p", "z"], dropped: [{ id: "c", cause: "failed" }, { id: "d", cause: "requires", via: "c" }, { id: "s", cause: "failed" }] },
  },
  { name: "a failed pinned constraint is never dropped", contract: MAIN, response: "[a] [b] [c] [d] [q] [s+]", expect: { outcome: "refused", reason: "immutable-failed", constraints: ["p"] } },
  { name: "a safety violation makes the response ineligible", contract: MAIN, response: `${ALL_MAIN} [!z]`, expect: { outcome: "refused", reason: "immutable-failed", constraints: ["z"] } },
  {
    name: "immutable failures are reported before unknown verdicts",
    contract: MAIN, response: "[a] [b] [c] [d] [q] [!z]",
    expect: { outcome: "refused", reason: "immutable-failed", constraints: ["p", "z"] },
  },
  { name: "an unknown judge verdict refuses (fail closed)", contract: MAIN, response: "[a] [b] [d] [q] [p]", expect: { outcome: "refused", reason: "unknown-verdict", constraints: ["s"] } },
  { name: "a judge error refuses", contract: MAIN, response: "[a] [q] [s!] [p]", expect: { outcome: "refused", reason: "unknown-verdict", constraints: ["s"] } },
  { name: "dropping a partner of a pinned constraint is refused", contract: COUPLED_PINNED, response: "[p] [y]", expect: { outcome: "refused", reason: "closure-hits-immutable", constraints: ["p"] } },
  { name: "the pinned constraint's partner is fine when it passes", contract: COUPLED_PINNED, response: "[p] [x]", expect: { outcome: "rewrite", kept: ["p", "x"], dropped: [{ id: "y", cause: "failed" }] } },
  {
    name: "a pinned constraint gated by a failed prerequisite counts as failed",
    contract: PINNED_REQUIRES, response: "[p] [y]",
    expect: { outcome: "refused", reason: "immutable-failed", constraints: ["p"] },
  },
  {
    name: "fewer kept than min_kept is refused",
    contract: MIN_THREE, response: "[a] [b]",
    expect: { outcome: "refused", reason: "below-min-kept", constraints: ["a", "b"] },
  },
  {
    name: "exactly min_kept is enough; the instruction keeps layout and placement",
    contract: MIN_THREE, response: "[a] [b] [d]",
    expect: { outcome: "rewrite", kept: ["a", "b", "d"], dropped: [{ id: "c", cause: "failed" }], instruction: "1. Clause A.\n2. Clause B.\n3. Clause D.\n\nWrite." },
  },
  { name: "nothing passes: nothing to keep", contract: MIN_THREE, response: "", expect: { outcome: "refused", reason: "nothing-kept", constraints: ["a", "b", "c", "d"] } },
  {
    name: "a kept judgement that depended on the dropped clause fails re-verification",
    contract: INSTRUCTION_READER, response: "[b] [s-reader]",
    expect: { outcome: "refused", reason: "reverification-failed", constraints: ["s"] },
  },
  {
    name: "a kept judgement that still holds under the new instruction passes re-verification",
    contract: INSTRUCTION_READER, response: "[a] [s+]",
    expect: { outcome: "rewrite", kept: ["a", "s"], dropped: [{ id: "b", cause: "failed" }], instruction: "Write.\n\nClause A.\nClause S." },
  },
];

describe("hindsight scenarios", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const verdicts = await verify(c.contract, c.response, {}, { judge });
      const result = await hindsight(c.contract, verdicts, c.response, {}, { judge });
      expect(result).toMatchObject(c.expect);
      if (result.outcome === "rewrite") {
        expect(result.reverification.passed).toBe(true);
        expect(result.reverification.verdicts.map((v) => v.id)).toEqual(result.kept);
        expect(result.reverification.instruction).toBe(result.instruction);
      }
      if (result.outcome === "refused") expect(result.message.length).toBeGreaterThan(10);
      // Deterministic: the same inputs give the same result.
      expect(await hindsight(c.contract, verdicts, c.response, {}, { judge })).toEqual(result);
    });
  }

  it("explains refusals", async () => {
    const r = await hindsight(COUPLED_PINNED, verifySync(COUPLED_PINNED, "[p] [y]", {}), "[p] [y]", {});
    expect(r).toEqual({
      outcome: "refused", reason: "closure-hits-immutable", constraints: ["p"],
      message: "dropping the failed `x` would also drop `p` (coupled with `x`), which can never be dropped",
    });
  });

  it("sync variant matches for hard-only contracts, and refuses kept soft constraints it cannot judge", async () => {
    const v = verifySync(MIN_THREE, "[a] [b] [d]", {});
    expect(hindsightSync(MIN_THREE, v, "[a] [b] [d]", {})).toEqual(await hindsight(MIN_THREE, v, "[a] [b] [d]", {}));
    const verdicts = await verify(INSTRUCTION_READER, "[a] [s+]", {}, { judge });
    expect(hindsightSync(INSTRUCTION_READER, verdicts, "[a] [s+]", {})).toMatchObject({ outcome: "refused", reason: "reverification-failed", constraints: ["s"] });
  });

  it("refuses verdicts with invalid inputs as unknown", async () => {
    const c = compileOne(`contract I { input x: text\n task a "A {{x}}." check contains("[a]")\n task b "B." check contains("[b]") }`);
    const v = verifySync(c, "[a]", {});
    expect(hindsightSync(c, v, "[a]", {})).toMatchObject({ outcome: "refused", reason: "unknown-verdict", constraints: ["a", "b"] });
  });

  it("rejects verdicts of another contract", () => {
    expect(() => hindsightSync(MAIN, verifySync(MIN_THREE, "", {}), "", {})).toThrow(/verdicts are for `MinThree`/);
  });
});
