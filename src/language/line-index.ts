import type { Position, Range } from "./diagnostics/types.js";

/** Maps offsets to 1-based line/column positions in O(log lines), O(1) when asked in order. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  /** The line of the last `lineOf` answer. */
  private cursor = 0;

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
    if (!text.includes("\r")) {
      // The common case, a line break is "\n" alone: let the engine find them.
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    const o = this.clamp(offset);
    const line = this.lineOf(o);
    return { offset: o, line: line + 1, column: o - (this.lineStarts[line] ?? 0) + 1 };
  }

  /** `offset` as a document offset: NaN and infinities are 0, others clamped into the text. */
  clamp(offset: number): number {
    // Nearly every offset is already inside (and not -0, which the slow path turns into 0).
    if (offset > 0 && offset <= this.text.length) return offset;
    return Math.max(0, Math.min(Number.isFinite(offset) ? offset : 0, this.text.length));
  }

  /**
   * The 0-based line holding offset `o`. Callers mostly ask in increasing order (a file's
   * nodes, one after the other), so the line of the previous answer and the one after it
   * are tried before a binary search.
   */
  private lineOf(o: number): number {
    const starts = this.lineStarts;
    const last = starts.length - 1;
    const c = this.cursor;
    if ((starts[c] ?? 0) <= o) {
      if (c === last || o < (starts[c + 1] ?? 0)) return c;
      if (c + 1 === last || o < (starts[c + 2] ?? 0)) return (this.cursor = c + 1);
    }
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    this.cursor = lo;
    return lo;
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

/** Recent positions and ranges a `SharedRanges` keeps; a power of two (slots are offsets' low bits). */
const CACHE_SIZE = 64;

/**
 * `LineIndex.position` and `range` for one pass that builds many ranges (the AST builder),
 * giving out one object per position and per range it recently made: they are immutable, and
 * neighbouring nodes share them (a constraint and its role start together, a name and the
 * expression it forms cover the same text). On a large file positions and ranges are most of
 * what the AST allocates, and all of them live as long as it does.
 *
 * Not kept in the LineIndex itself: that object is shared and long-lived, and storing each
 * new position into it (an old object pointing at young ones) made garbage collection about
 * three times as costly on a corpus of small files.
 */
export class SharedRanges {
  private readonly positions: (Position | undefined)[] = new Array<Position | undefined>(CACHE_SIZE).fill(undefined);
  private readonly ranges: (Range | undefined)[] = new Array<Range | undefined>(CACHE_SIZE).fill(undefined);

  constructor(readonly index: LineIndex) {}

  position(offset: number): Position {
    const o = this.index.clamp(offset);
    const slot = o & (CACHE_SIZE - 1);
    const hit = this.positions[slot];
    if (hit !== undefined && hit.offset === o) return hit;
    const p = this.index.position(o);
    this.positions[slot] = p;
    return p;
  }

  range(start: number, end: number): Range {
    const s = this.position(start);
    const e = this.position(Math.max(end, s.offset));
    const slot = s.offset & (CACHE_SIZE - 1);
    const hit = this.ranges[slot];
    if (hit !== undefined && hit.start === s && hit.end === e) return hit;
    const r: Range = { start: s, end: e };
    this.ranges[slot] = r;
    return r;
  }
}

export function coverRange(a: Range, b: Range): Range {
  return {
    start: a.start.offset <= b.start.offset ? a.start : b.start,
    end: a.end.offset >= b.end.offset ? a.end : b.end,
  };
}
