/**
 * The runtime derives drop closures from the IR's edges (`requires`, `couples`) in
 * one traversal; the checker derives them from the contract model
 * (src/language/dependencies.ts). Both must agree, and each drop's cause must name
 * the first edge that reached it.
 */
import { describe, expect, it } from "vitest";
import type { CompiledContract } from "../../src/compiler/ir.js";
import { dependencyGraph } from "../../src/language/dependencies.js";
import { dropsOf } from "../../src/runtime/drops.js";

interface Graph {
  readonly ids: readonly string[];
  readonly requires: readonly { from: string; to: string }[];
  readonly couples: readonly (readonly string[])[];
}

/** The IR fields the traversal reads; the rest of a contract does not matter to it. */
function irOf(g: Graph): CompiledContract {
  return {
    constraints: g.ids.map((id) => ({ id, requires: [...new Set(g.requires.filter((r) => r.from === id).map((r) => r.to))] })),
    couples: g.couples.map((s) => [...s]),
  } as unknown as CompiledContract;
}

const inOrder = (g: Graph, drops: ReadonlyMap<string, unknown>): string[] => g.ids.filter((id) => drops.has(id));

describe("drop closures from the IR's edges", () => {
  it("agree with the checker's dependency graph on random graphs", () => {
    let seed = 10;
    const rand = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    for (let round = 0; round < 300; round++) {
      const n = 1 + rand(10);
      const ids = Array.from({ length: n }, (_, i) => `c${i}`);
      const g: Graph = {
        ids,
        requires: Array.from({ length: rand(12) }, () => ({ from: ids[rand(n)]!, to: ids[rand(n)]! })),
        couples: Array.from({ length: rand(3) }, () => Array.from({ length: 2 + rand(3) }, () => ids[rand(n)]!)),
      };
      const graph = dependencyGraph({
        constraints: ids.map((id) => ({ id, removable: true })),
        requires: g.requires,
        couples: g.couples.map((members) => ({ members })),
      } as unknown as Parameters<typeof dependencyGraph>[0]);
      const ir = irOf(g);
      for (const id of ids) expect(inOrder(g, dropsOf(ir, [id], [id]))).toEqual(graph.dropClosureOf(id));
      const failed = ids.filter(() => rand(3) === 0);
      const union = new Set(failed.flatMap((id) => graph.dropClosureOf(id)));
      expect(inOrder(g, dropsOf(ir, failed, failed))).toEqual(ids.filter((id) => union.has(id)));
    }
  });

  it("names the first edge that reaches each drop, breadth first from the failures", () => {
    const g: Graph = {
      ids: ["a", "b", "c", "d", "e", "f"],
      requires: [{ from: "b", to: "a" }, { from: "c", to: "b" }, { from: "e", to: "d" }],
      couples: [["c", "d", "f"]],
    };
    const drops = dropsOf(irOf(g), ["a"], ["a"]);
    expect([...drops.values()]).toEqual([
      { id: "a", cause: "failed" },
      { id: "b", cause: "requires", via: "a" },
      { id: "c", cause: "requires", via: "b" },
      { id: "d", cause: "coupled", via: "c" },
      { id: "f", cause: "coupled", via: "c" },
      { id: "e", cause: "requires", via: "d" },
    ]);
  });

  it("drops what only a gated failure reaches as a failure of its own (inconsistent verdicts)", () => {
    const g: Graph = { ids: ["a", "b", "x", "y"], requires: [{ from: "b", to: "a" }, { from: "y", to: "x" }], couples: [] };
    const drops = dropsOf(irOf(g), ["a", "x"], ["a"]);
    expect([...drops.values()]).toEqual([
      { id: "a", cause: "failed" },
      { id: "b", cause: "requires", via: "a" },
      { id: "x", cause: "failed" },
      { id: "y", cause: "failed" },
    ]);
  });

  it("drops a whole coupled set of 1,000 through the failed member", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `t${i}`);
    const drops = dropsOf(irOf({ ids, requires: [], couples: [ids, ids.slice(0, 500)] }), ["t999"], ["t999"]);
    expect(drops.size).toBe(1000);
    expect(drops.get("t0")).toEqual({ id: "t0", cause: "coupled", via: "t999" });
  });
});
