import type { Position, Range } from "./diagnostics/types.js";

/** Maps offsets to 1-based line/column positions in O(log lines). */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  /**
   * The index of `text`, shared: the parser, the checker and lint's suppressions each need one
   * for the same file, and building it reads every character (a few recent texts are kept).
   */
  static of(text: string): LineIndex {
    const hit = recent.get(text);
    if (hit) return hit;
    const idx = new LineIndex(text);
    if (recent.size >= 4) recent.delete(recent.keys().next().value as string);
    recent.set(text, idx);
    return idx;
  }

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(Number.isFinite(offset) ? offset : 0, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { offset: o, line: lo + 1, column: o - (this.lineStarts[lo] ?? 0) + 1 };
  }

  /** A range from a start offset to an exclusive end offset (clamped into the document). */
  range(start: number, end: number): Range {
    const s = this.position(start);
    const e = this.position(Math.max(end, s.offset));
    return { start: s, end: e };
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? this.text.length;
  }
}

const recent = new Map<string, LineIndex>();

export function coverRange(a: Range, b: Range): Range {
  return {
    start: a.start.offset <= b.start.offset ? a.start : b.start,
    end: a.end.offset >= b.end.offset ? a.end : b.end,
  };
}
