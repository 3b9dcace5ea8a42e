/**
 * The Python string operations IFBench's checkers are written in, with CPython
 * semantics: `string.punctuation`, `str.translate` removal, `strip(chars)`,
 * `split()`, code-point indexing, `isalpha`/`isdigit`/`isalnum`, and Python's
 * Unicode `\b` for literal keywords (found without building a RegExp from them).
 */
import { codePointSet, PY_WORD_CLASS, pySplitWhitespace, pyStripCodePoints } from "../text/python-chars.js";

/** Python's `string.punctuation`. */
export const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
/** The same 32 characters as one class: U+0021–U+002F, U+003A–U+0040, U+005B–U+0060, U+007B–U+007E. */
const PUNCTUATION_RUNS = /[!-/:-@[-`{-~]+/g;
const PUNCT_SPACE = codePointSet(PUNCTUATION + " ");

/** `s.translate(str.maketrans('', '', string.punctuation))`. */
export function removePunctuation(s: string): string {
  return s.replace(PUNCTUATION_RUNS, "");
}

/** `s.strip(string.punctuation + ' ')` (or lstrip/rstrip). */
export function stripPunctSpace(s: string, side: "both" | "left" | "right" = "both"): string {
  return pyStripCodePoints(s, PUNCT_SPACE, side);
}

/** `s.split()`. */
export const split = pySplitWhitespace;

/** Python `s.split(sep)` for a non-empty literal separator. */
export function splitOn(s: string, sep: string): string[] {
  return s.split(sep);
}

/** The code points of `s`, so `cps(s)[i]` is Python's `s[i]`. */
export function cps(s: string): string[] {
  return Array.from(s);
}

export function firstChar(s: string): string {
  const cp = s.codePointAt(0);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

const ALPHA = /^\p{L}+$/u;
const ALNUM_CHAR = /[\p{L}\p{N}]/u;
// str.isdigit(): Numeric_Type Decimal or Digit (decimal digits, superscripts, circled digits...).
const DIGIT = /^[\p{Nd}\u00B2\u00B3\u00B9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247C\u2488-\u2490\u24EA\u24F5-\u24FD\u24FF\u2776-\u277E\u2780-\u2788\u278A-\u2792\u{10A40}-\u{10A43}\u{1F100}-\u{1F10A}]+$/u;

export function isAlpha(s: string): boolean {
  return ALPHA.test(s);
}

export function isDigit(s: string): boolean {
  return DIGIT.test(s);
}

/** `any(ch.isalnum() for ch in s)`. */
export function hasAlnum(s: string): boolean {
  return ALNUM_CHAR.test(s);
}

const WORD_CHAR = new RegExp(`^[${PY_WORD_CLASS}]$`, "u");

function isWordAt(text: string, index: number, before: boolean): boolean {
  if (before) {
    if (index <= 0) return false;
    const lo = text.charCodeAt(index - 1);
    const start = lo >= 0xdc00 && lo <= 0xdfff && index >= 2 ? index - 2 : index - 1;
    return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(start)!));
  }
  if (index >= text.length) return false;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(index)!));
}

/**
 * `re.search(r'\b' + re.escape(keyword) + r'\b', text, flags)` for a literal
 * keyword, without compiling the keyword: candidate positions come from
 * `indexOf` and Python's `\b` is tested at both ends. With `ignoreCase`, both
 * sides are lowercased first (Python's IGNORECASE compares simple case folds;
 * the two agree except for a few characters whose lowercase changes length).
 */
export function containsBoundedLiteral(text: string, keyword: string, ignoreCase: boolean): boolean {
  if (keyword === "") return false;
  const hay = ignoreCase ? text.toLowerCase() : text;
  const needle = ignoreCase ? keyword.toLowerCase() : keyword;
  if (hay.length !== text.length || needle.length !== keyword.length) {
    // Lowercasing changed lengths; search the lowered text on its own (positions stay consistent within it).
    return boundedSearch(hay, needle);
  }
  return boundedSearch(hay, needle);
}

function boundedSearch(hay: string, needle: string): boolean {
  const startsWord = isWordAt(needle, 0, false);
  const endsWord = isWordAt(needle, needle.length, true);
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    if (isWordAt(hay, i, true) !== startsWord && isWordAt(hay, end, false) !== endsWord) return true;
  }
  return false;
}

/** Python `s.count(sub)`: non-overlapping occurrences (for an empty `sub`, len(s) + 1). */
export function countOccurrences(s: string, sub: string): number {
  if (sub === "") return cps(s).length + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** `unicodedata.normalize('NFKD', s).encode('ASCII', 'ignore').decode('ASCII')`. */
export function asciiFold(s: string): string {
  return s.normalize("NFKD").replace(/[^\x00-\x7f]/gu, "");
}
