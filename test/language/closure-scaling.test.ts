/**
 * Issue 8, item 6: drop closures were computed per constraint by re-walking the
 * graph (couple of 1,000: 52 s to lint; a 12,000-long requires chain: 59 s, and a
 * recursive cycle search). They now come from union-find and one pass over the
 * condensed graph; these cases finish in well under a second in-process (the
 * vitest timeout is the hang detector). Results are checked against a naive walk.
 * The IR side (no stored closures) is test/compiler/large-dependencies.test.ts.
 */
import { describe, expect, it } from "vitest";
import { dependencyGraph, requiresCycles } from "../../src/language/dependencies.js";
import { memoryHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";

const tasks = (n: number): string => Array.from({ length: n }, (_, i) => `  task t${i} "Do ${i}." check words >= 1`).join("\n");
const load = (src: string) => loadProgram(["c.contract"], memoryHost({ "c.contract": src }));

describe("closures scale with union-find and one traversal", () => {
  it("couple t0, ..., t999: every closure is the whole set", () => {
    const n = 1000;
    const src = `contract C {\n  prompt "p"\n${tasks(n)}\n  couple ${Array.from({ length: n }, (_, i) => `t${i}`).join(", ")}\n}\n`;
    const program = load(src);
    expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const graph = dependencyGraph(program.contracts[0]!);
    expect(graph.dropClosureOf("t0").length).toBe(n);
    expect(graph.dropClosureOf("t999")[0]).toBe("t0");
    expect(graph.smallestUnblockedClosure).toBe(n);
  });

  it("a 12,000-long requires chain lints (no stack overflow, no quadratic walk)", () => {
    const n = 12_000;
    const req = Array.from({ length: n - 1 }, (_, i) => `  t${i + 1} requires t${i}`).join("\n");
    const program = load(`contract C {\n  prompt "p"\n${tasks(n)}\n${req}\n}\n`);
    expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const model = program.contracts[0]!;
    const graph = dependencyGraph(model);
    expect(graph.smallestUnblockedClosure).toBe(1);
    expect(graph.dropClosureOf(`t${n - 2}`)).toEqual([`t${n - 2}`, `t${n - 1}`]);
    expect(requiresCycles(model)).toEqual([]);
  });

  it("a 12,000-long requires cycle is found iteratively", () => {
    const n = 12_000;
    const ids = Array.from({ length: n }, (_, i) => `t${i}`);
    const model = {
      constraints: ids.map((id) => ({ id, removable: true })),
      requires: ids.map((id, i) => ({ from: id, to: ids[(i + 1) % n]! })),
    } as unknown as Parameters<typeof requiresCycles>[0];
    const cycles = requiresCycles(model);
    expect(cycles.length).toBe(1);
    expect(cycles[0]!.length).toBe(n);
  });

  it("agrees with a naive walk on random graphs", () => {
    let seed = 8;
    const rand = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    for (let round = 0; round < 200; round++) {
      const n = 1 + rand(9);
      const ids = Array.from({ length: n }, (_, i) => `c${i}`);
      const constraints = ids.map((id) => ({ id, removable: rand(4) !== 0 }));
      const requires = Array.from({ length: rand(12) }, () => ({ from: ids[rand(n)]!, to: ids[rand(n)]! }));
      const couples = Array.from({ length: rand(3) }, () => ({ members: Array.from({ length: 1 + rand(3) }, () => ids[rand(n)]!) }));
      const model = { constraints, requires, couples } as unknown as Parameters<typeof dependencyGraph>[0];
      const graph = dependencyGraph(model);
      const naive = (id: string): string[] => {
        const seen = new Set([id]);
        const stack = [id];
        while (stack.length) {
          const cur = stack.pop()!;
          const next = [
            ...requires.filter((r) => r.to === cur).map((r) => r.from),
            ...couples.filter((c) => c.members.includes(cur)).flatMap((c) => c.members),
          ];
          for (const x of next) {
            if (seen.has(x)) continue;
            seen.add(x);
            stack.push(x);
          }
        }
        return ids.filter((x) => seen.has(x));
      };
      let smallest = Infinity;
      for (const c of constraints) {
        const closure = naive(c.id);
        expect(graph.dropClosureOf(c.id)).toEqual(closure);
        const blocked = closure.some((x) => !constraints.find((k) => k.id === x)!.removable);
        expect(graph.blocked.has(c.id)).toBe(blocked);
        if (c.removable && !blocked) smallest = Math.min(smallest, closure.length);
      }
      expect(graph.smallestUnblockedClosure).toBe(smallest);
    }
  });
});
