/**
 * LineIndex answers from a moving cursor and a cache of recent positions; whatever the
 * order of the questions, every answer must equal a plain scan of the text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineIndex, SharedRanges } from "../../src/language/line-index.js";

/** Line and column of `offset` by walking the text ("\r\n", "\n" and a lone "\r" end a line). */
function scan(text: string, offset: number): { offset: number; line: number; column: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < o; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset: o, line, column: o - lineStart + 1 };
}

describe("LineIndex", () => {
  it("gives a scan's line and column for offsets asked in any order", () => {
    const text = fc.array(fc.constantFrom("a", "bc", " ", "\n", "\r", "\r\n", "\n\n", "é"), { maxLength: 80 }).map((p) => p.join(""));
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: -3, max: 200 }), { maxLength: 60 }), fc.boolean(), (t, offsets, sorted) => {
        const idx = new LineIndex(t);
        const shared = new SharedRanges(idx);
        const asked = sorted ? [...offsets].sort((a, b) => a - b) : offsets;
        for (const o of asked) {
          expect(idx.position(o)).toEqual(scan(t, o));
          expect(shared.position(o)).toEqual(scan(t, o));
          expect(shared.range(o, o + 2)).toEqual({ start: scan(t, o), end: scan(t, Math.max(o + 2, scan(t, o).offset)) });
        }
        expect(idx.lineCount).toBe(scan(t, t.length).line);
      }),
    );
  });

  it("shares one position object per offset (ranges meeting at an offset)", () => {
    const idx = new SharedRanges(new LineIndex("ab\ncd\n"));
    const r = idx.range(1, 4);
    expect(idx.range(4, 5).start).toBe(r.end);
    expect(r).toEqual({ start: { offset: 1, line: 1, column: 2 }, end: { offset: 4, line: 2, column: 2 } });
  });
});
