import type { Position, Range } from "./diagnostics/types.js";

/** Recent positions kept per LineIndex; a power of two (slots are offsets' low bits). */
const POSITION_CACHE_SIZE = 64;

/** Maps offsets to 1-based line/column positions in O(log lines), O(1) when asked in order. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  /** The line of the last `lineOf` answer. */
  private cursor = 0;
  /** The last position made for each offset modulo the cache size (direct-mapped). */
  private readonly recentPositions: (Position | undefined)[] = new Array<Position | undefined>(POSITION_CACHE_SIZE).fill(undefined);
  /** The last range made for each start offset modulo the cache size. */
  private readonly recentRanges: (Range | undefined)[] = new Array<Range | undefined>(POSITION_CACHE_SIZE).fill(undefined);

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
    const o = Math.max(0, Math.min(Number.isFinite(offset) ? offset : 0, this.text.length));
    // Positions are immutable, so one object serves every range that starts or ends at an
    // offset: on a large file they are most of what the AST allocates, and all of them live
    // as long as it does.
    const slot = o & (POSITION_CACHE_SIZE - 1);
    const hit = this.recentPositions[slot];
    if (hit !== undefined && hit.offset === o) return hit;
    const line = this.lineOf(o);
    const p: Position = { offset: o, line: line + 1, column: o - (this.lineStarts[line] ?? 0) + 1 };
    this.recentPositions[slot] = p;
    return p;
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
    // Immutable too, and often asked twice in a row (a name and the expression it forms).
    const slot = s.offset & (POSITION_CACHE_SIZE - 1);
    const hit = this.recentRanges[slot];
    if (hit !== undefined && hit.start === s && hit.end === e) return hit;
    const r: Range = { start: s, end: e };
    this.recentRanges[slot] = r;
    return r;
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
