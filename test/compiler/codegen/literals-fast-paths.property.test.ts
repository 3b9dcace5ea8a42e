/**
 * `commentText` and `tsValue` (src/compiler/codegen/literals.ts) skip work in common
 * cases (printable ASCII comment text; values assembled in chunks): both must write
 * exactly what the plain per-character and per-member definitions write.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commentText, tsKey, tsNumber, tsString, tsValue } from "../../../src/compiler/codegen/literals.js";

/** The per-character definition of `commentText`, for printable ASCII input (every code point literal). */
function commentReference(s: string): string {
  return s.replace(/\*\//g, "*\\/").replace(/(^|\s)@/g, "$1\\@");
}

/** The per-member definition of `tsValue` for plain data. */
function valueReference(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return tsString(v);
  if (typeof v === "number") return tsNumber(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? "null" : valueReference(x))).join(", ")}]`;
  const members = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => `${tsKey(k)}: ${valueReference(x)}`);
  const literal = members.length === 0 ? "{}" : `{ ${members.join(", ")} }`;
  return Object.getPrototypeOf(v) === null ? `globalThis.Object.assign(globalThis.Object.create(null), ${literal})` : literal;
}

const ascii = fc.string({ unit: fc.constantFrom(..." @*/ab\tc\\\"".split("")), maxLength: 30 });

describe("literal fast paths", () => {
  it("comment text of printable ASCII is the text with terminators and tags broken up", () => {
    fc.assert(fc.property(ascii, (s) => {
      const printable = !/[^\x20-\x7e]/.test(s);
      if (printable) expect(commentText(s)).toBe(commentReference(s));
      expect(commentText(s)).not.toContain("*/");
    }), { numRuns: 500 });
  });

  it("comment text escapes what is not printable, with or without the ASCII fast path", () => {
    expect(commentText("a\tb @x */")).toBe("a\\u{9}b \\@x *\\/");
    expect(commentText("line\nnext", { multiline: true })).toBe("line\nnext");
    expect(commentText("line\nnext")).toBe("line\\u{A}next");
  });

  it("values assembled in chunks equal the member-by-member text", () => {
    const key = fc.constantFrom("a", "kind", "__proto_", "x-y", "1", "é");
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: "small" }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null),
        fc.array(tie("v"), { maxLength: 5 }), fc.dictionary(key, tie("v"), { maxKeys: 5 })),
    })).v;
    fc.assert(fc.property(value, (v) => {
      expect(tsValue(v)).toBe(valueReference(v));
    }), { numRuns: 300 });
    // More pieces than one chunk holds.
    const big = Array.from({ length: 3000 }, (_, i) => ({ id: `t${i}`, n: i, ok: i % 2 === 0 }));
    expect(tsValue(big)).toBe(valueReference(big));
  });
});
