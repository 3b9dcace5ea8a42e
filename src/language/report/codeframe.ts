/**
 * Code frames for the pretty reporter: the source lines a range covers, each followed by a
 * caret underline, with line numbers in a gutter.
 *
 *     3 |   prompt "Summarise {{polcy}}"
 *       |                       ^^^^^
 *
 * Columns in the diagnostic model are UTF-16 code units; the terminal shows cells. Tabs
 * expand to the next tab stop, East Asian wide characters and emoji take two cells,
 * combining marks none, and control characters are shown as their Unicode "control
 * picture" so they cannot move the cursor. Lines wider than `maxWidth` are cut to a window
 * around the underline, with `…` where text was cut.
 */
import type { Range } from "../diagnostics/types.js";

export interface FrameStyle {
  /** Line numbers and the `|` gutter. */
  readonly gutter: (s: string) => string;
  /** The caret underline. */
  readonly marker: (s: string) => string;
}

export interface FrameOptions {
  /** Maximum cells of source text per line (the gutter is extra). Default 100. */
  readonly maxWidth?: number;
  /** Default 4. */
  readonly tabWidth?: number;
  /** Prefix for every frame line. Default "". */
  readonly indent?: string;
  /** When a range spans more lines than this, the middle ones are elided. Default 6. */
  readonly maxLines?: number;
  readonly style?: FrameStyle;
}

const PLAIN: FrameStyle = { gutter: (s) => s, marker: (s) => s };
const ELLIPSIS = "…";
const splitCache = new Map<string, readonly string[]>();

/** Splits text into lines the way the diagnostic model counts them (\n, \r\n and lone \r end a line). */
export function splitLines(text: string): readonly string[] {
  // A report frames many diagnostics of the same file: split each source once, not per
  // diagnostic (thousands of findings in a 12,000-line file were quadratic).
  const hit = splitCache.get(text);
  if (hit) return hit;
  const lines = text.split(/\r\n|\r|\n/);
  if (splitCache.size >= 8) splitCache.delete(splitCache.keys().next().value as string);
  splitCache.set(text, lines);
  return lines;
}

interface Cell {
  readonly text: string;
  readonly width: number;
  /** 0-based UTF-16 index of the cell's first code unit in the line. */
  readonly index: number;
  /** UTF-16 code units the cell covers (2 for a surrogate pair). */
  readonly units: number;
}

/** Display width of one code point in a monospace terminal (an approximation of wcwidth). */
export function codePointWidth(cp: number): number {
  if (cp === 0x200d || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  for (const [lo, hi] of WIDE_RANGES) {
    if (cp < lo) break;
    if (cp <= hi) return 2;
  }
  return 1;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}]$/u;

/** East Asian Wide / Fullwidth blocks and the emoji blocks, sorted. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

/** Replaces C0/C1 control characters (except tab and newline) with visible stand-ins. */
export function sanitizeControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, controlPicture);
}

function controlPicture(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return "\u2421";
  return "\ufffd";
}

function toCells(line: string, tabWidth: number): Cell[] {
  const cells: Cell[] = [];
  let col = 0;
  let index = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0) ?? 0;
    let cell: Cell;
    if (ch === "\t") {
      const w = tabWidth - (col % tabWidth);
      cell = { text: " ".repeat(w), width: w, index, units: 1 };
    } else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      cell = { text: controlPicture(ch), width: 1, index, units: 1 };
    } else {
      cell = { text: ch, width: codePointWidth(cp), index, units: ch.length };
    }
    cells.push(cell);
    col += cell.width;
    index += ch.length;
  }
  return cells;
}

/** Display column (0-based) where the UTF-16 index `i` starts; indices past the end map to the line width. */
function displayColumn(cells: readonly Cell[], i: number): number {
  let col = 0;
  for (const c of cells) {
    // An index inside a surrogate pair belongs to the cell that contains it.
    if (c.index + c.units > i) return col;
    col += c.width;
  }
  return col;
}

interface FrameLine {
  readonly number: number;
  readonly text: string;
  /** Underline span in UTF-16 indices of the line, or undefined for none. */
  readonly span?: readonly [number, number];
}

function firstNonSpace(line: string): number {
  const m = /\S/.exec(line);
  return m ? m.index : line.length;
}

/** The lines a range covers and the part of each to underline. */
function frameLines(lines: readonly string[], range: Range): FrameLine[] | undefined {
  const startLine = range.start.line;
  let endLine = Math.max(range.end.line, startLine);
  let endCol = range.end.column;
  if (startLine < 1 || startLine > lines.length) return undefined;
  // A range that ends at the very start of a later line (it includes a line break) stops on the line before.
  if (endLine > startLine && endCol <= 1) {
    endLine -= 1;
    endCol = (lines[endLine - 1] ?? "").length + 1;
  }
  endLine = Math.min(endLine, lines.length);
  const out: FrameLine[] = [];
  for (let n = startLine; n <= endLine; n++) {
    const text = lines[n - 1] ?? "";
    const from = n === startLine ? Math.min(range.start.column - 1, text.length) : firstNonSpace(text);
    const to = n === endLine && range.end.line === endLine ? Math.min(endCol - 1, text.length) : text.length;
    if (startLine === endLine) {
      out.push({ number: n, text, span: [from, Math.max(from, to)] });
    } else if (to > from || n === startLine) {
      out.push({ number: n, text, span: [from, Math.max(from, to)] });
    } else {
      out.push({ number: n, text });
    }
  }
  return out;
}

interface RenderedLine {
  readonly text: string;
  /** Underline start and width in display cells, or undefined. */
  readonly underline?: readonly [number, number];
}

/** Short runs of one character, shared: a report repeats the same paddings and carets thousands of times. */
const RUNS = new Map<string, string[]>();
function run(ch: string, n: number): string {
  if (n > 200) return ch.repeat(n);
  let list = RUNS.get(ch);
  if (!list) {
    list = [];
    RUNS.set(ch, list);
  }
  return (list[n] ??= ch.repeat(n));
}

/** Lines of printable ASCII (most source lines): one cell per code unit, no table of cells needed. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function renderLine(line: FrameLine, maxWidth: number, tabWidth: number): RenderedLine {
  if (PRINTABLE_ASCII.test(line.text)) {
    const total = line.text.length;
    const column = (i: number): number => Math.min(Math.max(i, 0), total);
    const u = line.span ? underlineOf(column(line.span[0]), column(line.span[1])) : undefined;
    if (total <= maxWidth) return { text: line.text, underline: u };
    return windowed(total, u, maxWidth, (w0, w1) => line.text.slice(w0, Math.min(w1, total)));
  }
  const cells = toCells(line.text, tabWidth);
  const total = cells.reduce((n, c) => n + c.width, 0);
  const u = line.span ? underlineOf(displayColumn(cells, line.span[0]), displayColumn(cells, line.span[1])) : undefined;
  if (total <= maxWidth) {
    return { text: cells.map((c) => c.text).join(""), underline: u };
  }
  return windowed(total, u, maxWidth, (w0, w1) => {
    let text = "";
    let col = 0;
    for (const c of cells) {
      if (col >= w0 && col + c.width <= w1) text += c.text;
      col += c.width;
    }
    return text;
  });
}

function underlineOf(u0: number, u1: number): [number, number] {
  return [u0, Math.max(1, u1 - u0)];
}

/**
 * A line wider than `maxWidth` cells: a window of `maxWidth` cells (minus room for the
 * ellipses) around the start of the underline; `cut(w0, w1)` gives the cells in [w0, w1).
 */
function windowed(total: number, u: readonly [number, number] | undefined, maxWidth: number, cut: (w0: number, w1: number) => string): RenderedLine {
  const room = Math.max(10, maxWidth - 2);
  const anchor = u ? u[0] : 0;
  let w0 = Math.max(0, anchor - Math.min(20, Math.floor(room / 4)));
  w0 = Math.min(w0, Math.max(0, total - room));
  const w1 = w0 + room;
  let text = w0 > 0 ? ELLIPSIS : "";
  const shift = w0 > 0 ? 1 : 0;
  text += cut(w0, w1);
  if (w1 < total) text += ELLIPSIS;
  let underline: [number, number] | undefined;
  if (u) {
    const a = Math.max(u[0], w0);
    const b = Math.min(u[0] + u[1], w1);
    underline = b > a ? [a - w0 + shift, b - a] : [Math.min(Math.max(u[0], w0), w1) - w0 + shift, 1];
  }
  return { text, underline };
}

/**
 * Renders the frame for `range` in `source`, one string per output line (no trailing
 * newlines, no trailing spaces). Returns [] when the range is outside the text.
 */
export function renderCodeFrame(source: string, range: Range, options: FrameOptions = {}): string[] {
  const maxWidth = Math.max(20, options.maxWidth ?? 100);
  const tabWidth = options.tabWidth ?? 4;
  const indent = options.indent ?? "";
  const maxLines = Math.max(3, options.maxLines ?? 6);
  const style = options.style ?? PLAIN;
  const lines = frameLines(splitLines(source), range);
  if (!lines || lines.length === 0) return [];

  let shown: Array<FrameLine | "elided"> = lines;
  if (lines.length > maxLines) {
    const head = Math.ceil((maxLines - 1) / 2);
    const tail = maxLines - 1 - head;
    shown = [...lines.slice(0, head), "elided", ...lines.slice(lines.length - tail)];
  }
  const numberWidth = String(lines[lines.length - 1]?.number ?? 1).length;
  const blank = run(" ", numberWidth);
  const out: string[] = [];
  for (const l of shown) {
    if (l === "elided") {
      out.push(`${indent}${style.gutter("...")}`);
      continue;
    }
    const r = renderLine(l, maxWidth, tabWidth);
    const num = String(l.number).padStart(numberWidth);
    out.push(r.text.length > 0 ? `${indent}${style.gutter(`${num} |`)} ${r.text}` : `${indent}${style.gutter(`${num} |`)}`);
    if (r.underline) {
      out.push(`${indent}${style.gutter(`${blank} |`)} ${run(" ", r.underline[0])}${style.marker(run("^", r.underline[1]))}`);
    }
  }
  return out;
}
