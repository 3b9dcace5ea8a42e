import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recentMemo } from "../../../src/runtime/text/recent-memo.js";

describe("recentMemo", () => {
  it("returns what the function returns, computing each recent text once", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "c", "d", "e", ""), { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (texts, capacity) => {
        const calls: string[] = [];
        const memo = recentMemo((t: string) => {
          calls.push(t);
          return { length: t.length, text: t };
        }, capacity);
        for (const t of texts) expect(memo(t)).toEqual({ length: t.length, text: t });
        // Never more calls than texts; with capacity >= distinct texts, one call per distinct text.
        expect(calls.length).toBeLessThanOrEqual(texts.length);
        if (new Set(texts).size <= capacity) expect(calls.length).toBe(new Set(texts).size);
      }),
    );
  });

  it("forgets the oldest text beyond its capacity and freezes results", () => {
    let calls = 0;
    const memo = recentMemo((t: string) => ({ t, n: ++calls }), 2);
    expect(memo("x").n).toBe(1);
    expect(memo("y").n).toBe(2);
    expect(memo("x").n).toBe(1);
    expect(memo("z").n).toBe(3); // evicts "x"
    expect(memo("x").n).toBe(4);
    expect(Object.isFrozen(memo("x"))).toBe(true);
  });
});
