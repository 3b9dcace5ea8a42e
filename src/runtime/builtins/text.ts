/**
 * Line, paragraph and position helpers for the built-ins. Everything here is a
 * single linear pass over the text (responses may be megabytes long), treats
 * `\r\n`, `\n` and `\r` as line breaks, and never splits a surrogate pair.
 */
import { codePointLength } from "../text/python-chars.js";

export interface Span {
  /** Offset of the first UTF-16 code unit. */
  readonly start: number;
  /** Offset just past the last code unit (line terminators excluded). */
  readonly end: number;
  /** 1-based number of the first line. */
  readonly line: number;
}

export interface LineSpan extends Span {
  readonly blank: boolean;
}

export interface ParagraphSpan extends Span {
  /** 1-based number of the last line. */
  readonly lastLine: number;
}

/** Exactly the characters JS `\s` matches (and `String.prototype.trim` removes). */
export function isWhitespaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** True when `s[start, end)` has no non-whitespace character. */
export function isBlank(s: string, start = 0, end = s.length): boolean {
  for (let i = start; i < end; i++) if (!isWhitespaceCode(s.charCodeAt(i))) return false;
  return true;
}

/** Every line of `s` (the empty text has one empty line). */
export function lineSpans(s: string): LineSpan[] {
  const out: LineSpan[] = [];
  let start = 0;
  let line = 1;
  let blank = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      out.push({ start, end: i, line, blank });
      if (c === 0x0d && s.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
      line++;
      blank = true;
    } else if (blank && !isWhitespaceCode(c)) {
      blank = false;
    }
  }
  out.push({ start, end: s.length, line, blank });
  return out;
}

/** Lines with at least one non-whitespace character. */
export function nonBlankLines(s: string): LineSpan[] {
  return lineSpans(s).filter((l) => !l.blank);
}

/** Paragraphs: maximal runs of non-blank lines, separated by one or more blank lines. */
export function paragraphSpans(s: string): ParagraphSpan[] {
  const out: ParagraphSpan[] = [];
  let cur: { start: number; end: number; line: number; lastLine: number } | undefined;
  for (const l of lineSpans(s)) {
    if (l.blank) {
      if (cur) out.push(cur);
      cur = undefined;
    } else if (cur) {
      cur.end = l.end;
      cur.lastLine = l.line;
    } else {
      cur = { start: l.start, end: l.end, line: l.line, lastLine: l.line };
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** 1-based line and column (in code points) of an offset. Linear; call it for evidence only. */
export function positionAt(s: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, s.length);
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && s.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: codePointLength(s, lineStart, end) + 1 };
}

export { codePointLength };

/** A short, safely quoted excerpt for evidence: at most `max` code points, JSON-escaped. */
export function excerpt(s: string, max = 40): string {
  let out = "";
  let n = 0;
  for (const ch of s) {
    if (n === max) return `${JSON.stringify(out).slice(0, -1)}…"`;
    out += ch;
    n++;
  }
  return JSON.stringify(out);
}

/** "3, 7, 9 and 12 more" style listing of numbers, at most `max` shown. */
export function listNumbers(ns: readonly number[], max = 8): string {
  if (ns.length <= max) return ns.join(", ");
  return `${ns.slice(0, max).join(", ")}, … (${ns.length - max} more)`;
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** "line 4" or "lines 4–7". */
export function lineRange(first: number, last: number): string {
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

/** `s` without leading whitespace (JS `trimStart` semantics). */
export function trimStartOffset(s: string): number {
  let i = 0;
  while (i < s.length && isWhitespaceCode(s.charCodeAt(i))) i++;
  return i;
}

export function trimEndOffset(s: string): number {
  let i = s.length;
  while (i > 0 && isWhitespaceCode(s.charCodeAt(i - 1))) i--;
  return i;
}
