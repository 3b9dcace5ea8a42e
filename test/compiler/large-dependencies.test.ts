/**
 * Issue 8, item 6: the IR used to store every constraint's full drop closure, so a
 * 12,000-long `requires` chain (t1 requires t0, t2 requires t1, ...) needed 72
 * million entries: `hir ir` and `hir compile` ran out of string length after
 * minutes. The IR now keeps only the edges, and the runtime walks them once per
 * rewrite (src/runtime/drops.ts). The size assertions compare a large contract with
 * a small one of the same shape: linear growth keeps the ratio near the ratio of
 * constraint counts, stored closures would square it. Timing lives in
 * bench/closures.ts; the vitest timeout is only the hang detector.
 */
import { describe, expect, it } from "vitest";
import type { CompiledContract } from "../../src/compiler/ir.js";
import { serializeContract } from "../../src/compiler/ir-hash.js";
import { hindsightSync } from "../../src/runtime/hindsight.js";
import { verifySync } from "../../src/runtime/verify.js";
import { compileOne } from "../runtime/helpers.js";

/** `failing` checks for five words; every other constraint for one (the response below has two). */
const task = (i: number, failing: boolean): string => `  task t${i} "Do this step." check words >= ${failing ? 5 : 1}`;
const FREE = `  task free "Be brief." check words <= 10`;

function chain(n: number, failingIndex: number): CompiledContract {
  const tasks = Array.from({ length: n }, (_, i) => task(i, i === failingIndex));
  const req = Array.from({ length: n - 1 }, (_, i) => `  t${i + 1} requires t${i}`);
  return compileOne(`contract Chain {\n  prompt "p"\n${tasks.join("\n")}\n${FREE}\n${req.join("\n")}\n}\n`);
}

function couple(n: number, failingIndex: number): CompiledContract {
  const tasks = Array.from({ length: n }, (_, i) => task(i, i === failingIndex));
  const members = Array.from({ length: n }, (_, i) => `t${i}`).join(", ");
  return compileOne(`contract Couple {\n  prompt "p"\n${tasks.join("\n")}\n${FREE}\n  couple ${members}\n}\n`);
}

const RESPONSE = "two words";
const irBytes = (ir: CompiledContract): number => serializeContract(ir).length;

describe("large dependency structures compile to linear IR and rewrite in one traversal", () => {
  it("compiles a 12,000-long requires chain without quadratic closures", () => {
    const small = chain(120, 0);
    const big = chain(12_000, 0);
    // 100 times the constraints: about 100 times the bytes (longer ids), not 10,000 times.
    expect(irBytes(big) / irBytes(small)).toBeLessThan(200);
    expect(big.rewrite).not.toHaveProperty("dropClosure");
    expect(big.constraints[11_999]!.requires).toEqual(["t11998"]);

    // Dropping the failed root drops the whole chain, each link through its prerequisite.
    const verdicts = verifySync(big, RESPONSE, {});
    expect(verdicts.counts).toEqual({ pass: 1, fail: 12_000, unknown: 0 });
    const h = hindsightSync(big, verdicts, RESPONSE, {});
    if (h.outcome !== "rewrite") throw new Error(`expected a rewrite, got ${JSON.stringify(h).slice(0, 300)}`);
    expect(h.kept).toEqual(["free"]);
    expect(h.dropped.length).toBe(12_000);
    expect(h.dropped[0]).toEqual({ id: "t0", cause: "failed" });
    expect(h.dropped[11_999]).toEqual({ id: "t11999", cause: "requires", via: "t11998" });
  }, 120_000);

  it("rewrites the end of a 12,000-long requires chain by dropping only its last link", () => {
    const ir = chain(12_000, 11_999);
    const verdicts = verifySync(ir, RESPONSE, {});
    const h = hindsightSync(ir, verdicts, RESPONSE, {});
    if (h.outcome !== "rewrite") throw new Error(`expected a rewrite, got ${h.outcome}`);
    expect(h.dropped).toEqual([{ id: "t11999", cause: "failed" }]);
    expect(h.kept.length).toBe(12_000);
    expect(h.reverification.passed).toBe(true);
  }, 120_000);

  it("compiles couple t0, ..., t999 to one coupled set and never splits it", () => {
    const small = couple(10, 9);
    const big = couple(1_000, 999);
    expect(irBytes(big) / irBytes(small)).toBeLessThan(200);
    expect(big.couples).toEqual([Array.from({ length: 1_000 }, (_, i) => `t${i}`)]);

    const h = hindsightSync(big, verifySync(big, RESPONSE, {}), RESPONSE, {});
    if (h.outcome !== "rewrite") throw new Error(`expected a rewrite, got ${h.outcome}`);
    expect(h.kept).toEqual(["free"]);
    expect(h.dropped.length).toBe(1_000);
    expect(h.dropped[0]).toEqual({ id: "t0", cause: "coupled", via: "t999" });
  }, 120_000);
});
