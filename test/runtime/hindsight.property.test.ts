/**
 * Properties of hindsight rewrites over random verdict vectors on several contracts.
 * Each hard constraint `x` checks for the token `[x]`; each soft one is answered by a
 * judge reading `[x:yes]`, `[x:no]`, `[x:throw]` (anything else: unknown). A random
 * vector of outcomes becomes a response, is verified for real, and rewritten.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompiledContract } from "../../src/compiler/ir.js";
import { hindsight } from "../../src/runtime/hindsight.js";
import type { Judge } from "../../src/runtime/judge-interface.js";
import { render, verify } from "../../src/runtime/verify.js";
import { compileOne } from "./helpers.js";

const hard = (role: string, id: string) => `${role} ${id} "Clause ${id}." check contains("[${id}]")`;
const soft = (role: string, id: string) => `${role} ${id} "Clause ${id}." judge "Requirement ${id} is satisfied by the response."`;

const CONTRACTS: Record<string, CompiledContract> = {
  roles: compileOne(`contract Roles {
    input topic: text = "x"
    prompt "Write about {{topic}}."
    ${hard("task", "a")}
    ${hard("task", "b")}
    ${hard("task", "c")}
    ${hard("task", "d")}
    ${hard("quality", "q")}
    ${soft("quality", "s")}
    pinned ${hard("task", "p")}
    safety z "Clause z." check not contains("[!z]")
    c requires b
    d requires c
    couple a, q
    replay { min_kept 2 layout numbered }
  }`),
  chain: compileOne(`contract Chain {
    prompt "Chain."
    ${hard("task", "a")}
    ${hard("task", "b")}
    ${soft("task", "c")}
    ${hard("task", "d")}
    ${hard("quality", "e")}
    ${hard("safety", "f")}
    ${soft("quality", "g")}
    b requires a
    c requires b
    d requires c
    couple d, e
    g requires e
    replay { min_kept 2 layout inline placement before }
  }`),
  tangled: compileOne(`contract Tangled {
    prompt "Tangled."
    ${hard("task", "a")}
    ${hard("task", "b")}
    ${hard("task", "c")}
    ${soft("task", "d")}
    ${hard("quality", "e")}
    pinned ${hard("quality", "g")}
    ${hard("task", "h")}
    ${hard("task", "i")}
    couple a, b
    couple b, c
    couple g, h
    d requires a
    e requires d, i
    replay { min_kept 1 layout bullets }
  }`),
  flat: compileOne(`contract Flat {
    prompt "Flat."
    ${hard("task", "a")}
    ${hard("task", "b")}
    ${hard("task", "c")}
    ${soft("quality", "d")}
    ${hard("quality", "e")}
    replay { min_kept 3 layout lines }
  }`),
};

const judge: Judge = {
  async judge(req) {
    const id = req.constraintId;
    if (req.response.includes(`[${id}:throw]`)) throw new Error("judge down");
    if (req.response.includes(`[${id}:yes]`)) return { verdict: "yes" };
    if (req.response.includes(`[${id}:no]`)) return { verdict: "no" };
    return { verdict: "unknown" };
  },
};

type Outcome = boolean | "yes" | "no" | "unknown" | "throw";

function outcomes(c: CompiledContract): fc.Arbitrary<Record<string, Outcome>> {
  const model: Record<string, fc.Arbitrary<Outcome>> = {};
  for (const k of c.constraints) {
    model[k.id] = k.kind === "hard"
      ? fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })
      : fc.oneof({ weight: 6, arbitrary: fc.constant("yes" as const) }, { weight: 2, arbitrary: fc.constant("no" as const) }, { weight: 1, arbitrary: fc.constantFrom("unknown" as const, "throw" as const) });
  }
  return fc.record(model);
}

function responseFor(c: CompiledContract, o: Record<string, Outcome>): string {
  const tokens: string[] = [];
  for (const k of c.constraints) {
    const v = o[k.id];
    if (k.kind === "soft") tokens.push(`[${k.id}:${String(v)}]`);
    else if (k.role === "safety" && k.id === "z") { if (!v) tokens.push("[!z]"); }
    else if (v) tokens.push(`[${k.id}]`);
  }
  return tokens.join(" ");
}

describe("hindsight properties", () => {
  for (const [name, contract] of Object.entries(CONTRACTS)) {
    it(`${name}: rewrites are sound, refusals justified, results deterministic`, async () => {
      const byId = new Map(contract.constraints.map((c) => [c.id, c]));
      const nonRemovable = new Set(contract.rewrite.nonRemovable);
      let rewrites = 0;
      await fc.assert(fc.asyncProperty(outcomes(contract), async (o) => {
        const response = responseFor(contract, o);
        const verdicts = await verify(contract, response, {}, { judge });
        const status = new Map(verdicts.verdicts.map((v) => [v.id, v.status]));
        const result = await hindsight(contract, verdicts, response, {}, { judge });
        expect(await hindsight(contract, verdicts, response, {}, { judge })).toEqual(result);

        const failed = [...status].filter(([, s]) => s === "fail").map(([id]) => id);
        const unknown = [...status].filter(([, s]) => s === "unknown").map(([id]) => id);
        if (failed.length === 0 && unknown.length === 0) {
          expect(result.outcome).toBe("success");
          return;
        }
        if (failed.some((id) => nonRemovable.has(id))) {
          expect(result).toMatchObject({ outcome: "refused", reason: "immutable-failed" });
          return;
        }
        if (unknown.length > 0) {
          expect(result).toMatchObject({ outcome: "refused", reason: "unknown-verdict", constraints: unknown });
          return;
        }
        if (result.outcome !== "rewrite") {
          expect(result.outcome).toBe("refused");
          return;
        }
        rewrites++;
        const kept = new Set(result.kept);
        const dropped = new Set(result.dropped.map((d) => d.id));
        // A partition of the constraints.
        expect([...kept].filter((id) => dropped.has(id))).toEqual([]);
        expect(kept.size + dropped.size).toBe(contract.constraints.length);
        // Never keeps a failed constraint.
        for (const id of kept) expect(status.get(id)).toBe("pass");
        // Never drops a safety or pinned constraint.
        for (const id of dropped) {
          expect(nonRemovable.has(id)).toBe(false);
          expect(byId.get(id)?.role).not.toBe("safety");
          expect(byId.get(id)?.pinned).toBe(false);
        }
        // Never splits a coupled set.
        for (const set of contract.couples) {
          const n = set.filter((m) => kept.has(m)).length;
          expect(n === 0 || n === set.length).toBe(true);
        }
        // Never keeps a constraint whose prerequisite is dropped.
        for (const id of kept) for (const pre of byId.get(id)?.requires ?? []) expect(kept.has(pre)).toBe(true);
        // Respects min_kept, renders only the kept clauses.
        expect(kept.size).toBeGreaterThanOrEqual(contract.rewrite.minKept);
        expect(result.instruction).toBe(render(contract, {}, result.kept));
        // Passes re-verification, also when checked independently under the new instruction.
        expect(result.reverification.passed).toBe(true);
        const again = await verify(contract, response, {}, { judge, instruction: result.instruction });
        for (const v of again.verdicts) if (kept.has(v.id)) expect(v.status).toBe("pass");
        // Causes name a dropped constraint.
        for (const d of result.dropped) if (d.via !== undefined) expect(dropped.has(d.via)).toBe(true);
      }), { numRuns: 400 });
      expect(rewrites).toBeGreaterThan(0);
    });
  }
});
