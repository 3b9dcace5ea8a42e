/** The fast path for plain string literals gives exactly what full decoding gives. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeString, plainStringValue, splitInterpolations } from "../../src/language/strings.js";

const toRange = (s: number, e: number) => ({ start: { line: 1, column: s + 1, offset: s }, end: { line: 1, column: e + 1, offset: e } });

function slow(image: string) {
  const d = decodeString(image, 0);
  return { value: d.chars.map((c) => c.ch).join(""), parts: splitInterpolations(d.chars, image.length, toRange), problems: d.problems.length };
}

describe("plainStringValue", () => {
  it("agrees with decodeString + splitInterpolations whenever it answers", () => {
    const piece = fc.oneof(fc.string(), fc.constantFrom("{", "}", "{{", "}}", "\\", '"', "\n", "\r", "\\n", "{{x}}", '"""', "é😀"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.constantFrom('"', '"""', ""), fc.constantFrom('"', '"""', ""), (ps, open, close) => {
        const image = open + ps.join("") + close;
        const fast = plainStringValue(image);
        if (fast === undefined) return;
        expect(slow(image)).toEqual({ value: fast, parts: [{ kind: "text", value: fast }], problems: 0 });
      }),
      { numRuns: 3000 },
    );
  });

  it("answers for ordinary literals and declines the others", () => {
    expect(plainStringValue('"Use three bullets."')).toBe("Use three bullets.");
    expect(plainStringValue('""')).toBe("");
    for (const image of ['"a\\"b"', '"{{n}} bullets"', '"""x"""', '"open', '"', "x", '"a\\nb"']) expect(plainStringValue(image)).toBeUndefined();
  });
});
