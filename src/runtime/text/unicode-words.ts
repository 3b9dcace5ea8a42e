/**
 * General-purpose, Unicode-aware word helpers for hand-written contracts.
 *
 * These are *not* IFEval-compatible (see `ifeval-words.ts` for that); they use
 * `Intl.Segmenter`, which knows about apostrophes inside words, scripts without
 * spaces (Thai, Japanese, Chinese) and combining marks.
 */
import { escapeRegExpLiteral } from "./python-regex.js";

const segmenters = new Map<string, Intl.Segmenter>();

function wordSegmenter(locale: string | undefined): Intl.Segmenter {
  const key = locale ?? "";
  let s = segmenters.get(key);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(key, s);
  }
  return s;
}

/** Words as the Unicode word-break algorithm sees them ("don't" is one word). */
export function unicodeWords(text: string, locale?: string): string[] {
  const out: string[] = [];
  for (const seg of wordSegmenter(locale).segment(text)) if (seg.isWordLike) out.push(seg.segment);
  return out;
}

/** Number of Unicode words in `text`. */
export function countUnicodeWords(text: string, locale?: string): number {
  let n = 0;
  for (const seg of wordSegmenter(locale).segment(text)) if (seg.isWordLike) n++;
  return n;
}

/** Letters, marks, numbers and connector punctuation: what a "word character" is for whole-word matching. */
const WORDISH = "\\p{L}\\p{M}\\p{N}\\p{Pc}";

export interface WholeWordOptions {
  /** Default false: matching ignores case. */
  caseSensitive?: boolean;
}

/** A RegExp that finds `phrase` only where it is not glued to other word characters. */
export function wholeWordRegExp(phrase: string, options: WholeWordOptions = {}): RegExp {
  const body = escapeRegExpLiteral(phrase);
  return new RegExp(`(?<![${WORDISH}])${body}(?![${WORDISH}])`, `gu${options.caseSensitive ? "" : "i"}`);
}

/** True when `phrase` occurs in `text` as a whole word (Unicode-aware boundaries). */
export function containsWholeWord(text: string, phrase: string, options: WholeWordOptions = {}): boolean {
  if (phrase.length === 0) return false;
  return wholeWordRegExp(phrase, options).test(text);
}

/** Number of whole-word occurrences of `phrase` in `text`. */
export function countWholeWord(text: string, phrase: string, options: WholeWordOptions = {}): number {
  if (phrase.length === 0) return 0;
  let n = 0;
  for (const _ of text.matchAll(wholeWordRegExp(phrase, options))) n++;
  return n;
}
