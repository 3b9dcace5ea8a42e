/**
 * The canonical JSON writer (src/compiler/ir-hash.ts) caches the sorted member names of
 * each object shape; these properties pin it to the plain definition: keys sorted by
 * UTF-16 code units at every level, no whitespace, `undefined` members omitted, values
 * written as JSON.stringify writes them. The content hash is SHA-256 of that text.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, computeContentHash } from "../../src/compiler/ir-hash.js";
import type { CompiledContract } from "../../src/compiler/ir.js";

/** The definition, written the obvious way. */
function reference(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : reference(v))).join(",")}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${reference(record[k])}`);
  return `{${members.join(",")}}`;
}

// Few distinct names, so shapes repeat (the cache is hit) and differ only in order or length.
const key = fc.constantFrom("a", "b", "kind", "type", "B", "_", "10", "2", "é", "\u{1F600}", "__proto__", "");
const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined));
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(key, tie("v"), { maxKeys: 6 })),
})).v;

describe("canonical JSON", () => {
  it("equals the plain definition", () => {
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(reference(v));
    }), { numRuns: 500 });
  });

  it("does not depend on the order members were added in", () => {
    fc.assert(fc.property(fc.dictionary(key, leaf, { maxKeys: 8 }), (d) => {
      const reversed = Object.fromEntries(Object.entries(d).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(d));
    }), { numRuns: 300 });
  });

  it("hashes large values in chunks to the hash of the whole text", () => {
    const big = { contentHash: "x", items: Array.from({ length: 5000 }, (_, i) => ({ id: `t${i}`, text: "é".repeat(i % 40), n: i / 3 })) };
    const { contentHash: _, ...rest } = big;
    void _;
    const expected = createHash("sha256").update(reference(rest), "utf8").digest("hex");
    expect(computeContentHash(big as unknown as CompiledContract)).toBe(expected);
  });

  it("refuses non-finite numbers", () => {
    expect(() => canonicalJson({ a: [1, Number.POSITIVE_INFINITY] })).toThrow(/cannot serialize/);
  });
});
