/**
 * Python-compatible character semantics.
 *
 * The IFEval reference evaluator is written in Python, so "whitespace",
 * "word character", "upper case" and friends mean what CPython's `str`
 * methods and `re` module say they mean. JavaScript differs in small but
 * verdict-changing ways (JS `\s` misses U+001C..U+001F and U+0085 but includes
 * U+FEFF; JS `\b` is ASCII-only; `String.prototype.trim` strips U+FEFF). Every
 * helper here follows CPython so the checkers can be exact.
 *
 * All helpers are linear time: no regular expression with nested unbounded
 * repetition is used on user text.
 */

/**
 * Body of a character class matching what CPython's `str.isspace()` accepts
 * (and therefore `\s` in a `str` pattern). Use inside `[...]` with the `u` flag.
 */
export const PY_WS_CLASS =
  "\\t\\n\\x0B\\x0C\\r\\x1C-\\x20\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

/**
 * Body of a character class matching Python's `\w` for `str` patterns:
 * `str.isalnum()` (letters and anything with a numeric value) or `_`.
 * Combining marks are *not* word characters in Python.
 */
export const PY_WORD_CLASS = "\\p{L}\\p{N}_";

/** Python `\d` in a `str` pattern: any decimal digit (category Nd). */
export const PY_DIGIT_CLASS = "\\p{Nd}";

/** Python `[^\W\d]`: word characters that are not decimal digits. */
export const PY_ALPHA_CLASS = "\\p{L}\\p{Nl}\\p{No}_";

const WS_SET: ReadonlySet<number> = (() => {
  const s = new Set<number>([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);
  for (let c = 0x1c; c <= 0x20; c++) s.add(c);
  for (let c = 0x2000; c <= 0x200a; c++) s.add(c);
  return s;
})();

/** Whether a code unit is a Python space: a table for Latin-1 (most text), the set above it. */
const LATIN1_WS = Uint8Array.from({ length: 256 }, (_, c) => (WS_SET.has(c) ? 1 : 0));
const isWs = (c: number): boolean => (c < 256 ? LATIN1_WS[c] === 1 : WS_SET.has(c));

/** CPython `ch.isspace()` for one UTF-16 code unit (all Python spaces are in the BMP). */
export function isPySpaceCode(code: number): boolean {
  return isWs(code);
}

/** `string.whitespace` from Python's standard library: ASCII whitespace only. */
export function isAsciiWhitespaceCode(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Python `s.strip()` (no argument): strips Unicode whitespace as `isspace()` defines it. */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isWs(s.charCodeAt(start))) start++;
  while (end > start && isWs(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Python `s.lstrip()`. */
export function pyLstrip(s: string): string {
  let start = 0;
  while (start < s.length && isWs(s.charCodeAt(start))) start++;
  return start === 0 ? s : s.slice(start);
}

/** Python `s.rstrip()`. */
export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && isWs(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Python `s.strip(chars)` / `lstrip(chars)` / `rstrip(chars)` with an explicit character set. */
export function pyStripChars(s: string, chars: string, side: "both" | "left" | "right" = "both"): string {
  return pyStripCodePoints(s, codePointSet(chars), side);
}

/** The code points of `chars`, for `pyStripCodePoints` (build once for a constant set). */
export function codePointSet(chars: string): ReadonlySet<number> {
  const set = new Set<number>();
  for (const ch of chars) set.add(ch.codePointAt(0)!);
  return set;
}

/** `pyStripChars` with the characters given as a set of code points. */
export function pyStripCodePoints(s: string, set: ReadonlySet<number>, side: "both" | "left" | "right" = "both"): string {
  let start = 0;
  let end = s.length;
  if (side !== "right") {
    while (start < end) {
      const cp = s.codePointAt(start)!;
      if (!set.has(cp)) break;
      start += cp > 0xffff ? 2 : 1;
    }
  }
  if (side !== "left") {
    while (end > start) {
      let i = end - 1;
      const lo = s.charCodeAt(i);
      if (lo >= 0xdc00 && lo <= 0xdfff && i > start) {
        const hi = s.charCodeAt(i - 1);
        if (hi >= 0xd800 && hi <= 0xdbff) i--;
      }
      if (!set.has(s.codePointAt(i)!)) break;
      end = i;
    }
  }
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Python `s.split()` (no argument): split on runs of whitespace, dropping empty pieces. */
export function pySplitWhitespace(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isWs(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isWs(s.charCodeAt(i))) i++;
    out.push(s.slice(start, i));
  }
  return out;
}

/** Python `s.removeprefix(p)`. */
export function pyRemovePrefix(s: string, p: string): string {
  return p.length > 0 && s.startsWith(p) ? s.slice(p.length) : s;
}

/** Python `s.removesuffix(p)`. */
export function pyRemoveSuffix(s: string, p: string): string {
  return p.length > 0 && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
}

const LOWER_OR_TITLE = /[\p{Lowercase}\p{Lt}]/u;
const UPPER_OR_TITLE = /[\p{Uppercase}\p{Lt}]/u;
const UPPER = /\p{Uppercase}/u;
const LOWER = /\p{Lowercase}/u;

/**
 * CPython `s.isupper()`: no lowercase or titlecase character and at least one
 * uppercase character. Digits, punctuation and uncased letters are ignored.
 */
export function pyIsUpper(s: string): boolean {
  return !LOWER_OR_TITLE.test(s) && UPPER.test(s);
}

/** CPython `s.islower()`: no uppercase or titlecase character and at least one lowercase one. */
export function pyIsLower(s: string): boolean {
  return !UPPER_OR_TITLE.test(s) && LOWER.test(s);
}

/** First code point of `s` as a string ("" for the empty string). */
export function firstCodePoint(s: string): string {
  if (s.length === 0) return "";
  const cp = s.codePointAt(0)!;
  return String.fromCodePoint(cp);
}

/** Number of code points in `s[start, end)` (Python `len`). Lone surrogates count as one each, as in Python. */
export function codePointLength(s: string, start = 0, end = s.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Python `s.lower()`. JavaScript's full-case-mapping `toLowerCase` matches it for practical purposes. */
export function pyLower(s: string): string {
  return s.toLowerCase();
}

/** 1-based line number of a UTF-16 offset in `text`, counting `\n` only (as Python's split does). */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Precomputes line-start offsets so many offsets can be turned into line numbers
 * in O(log n) each (avoids quadratic scans on very large responses).
 */
export function lineLocator(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset: number): number => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Shortens text for evidence messages, keeping it on one line. */
export function preview(s: string, max = 40): string {
  const head = s.length > max * 4 ? s.slice(0, max * 4) : s;
  const flat = head.replace(/\s+/gu, " ");
  const cps = Array.from(flat);
  return cps.length <= max && head === s ? flat : cps.slice(0, max - 1).join("") + "…";
}
