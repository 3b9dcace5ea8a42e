/**
 * Phrase search for `contains`, `count` and friends: exact or case-insensitive
 * (Unicode simple case folding, through re2js), optionally only at word boundaries.
 * A boundary is required only at an end of the phrase that is a word character, so
 * `"100% compliant"` matches whole-word before `1` and after `t`, and `"risk-free"`
 * does not match inside `"risk-freely"`. Linear in the text length.
 */
import { escapeRegExpLiteral } from "../text/python-regex.js";

export interface PhraseOptions {
  readonly wholeWords: boolean;
  readonly ignoreCase: boolean;
}

export interface PhraseMatch {
  readonly index: number;
  readonly end: number;
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}\p{Pc}]$/u;

function codePointAt(s: string, i: number): string {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return s.slice(i, i + 2);
  }
  return s.charAt(i);
}

function codePointBefore(s: string, i: number): string {
  const d = s.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c = s.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return s.slice(i - 2, i);
  }
  return s.charAt(i - 1);
}

export function isWordCharAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && WORD_CHAR.test(codePointAt(s, i));
}

export function isWordCharBefore(s: string, i: number): boolean {
  return i > 0 && i <= s.length && WORD_CHAR.test(codePointBefore(s, i));
}

/**
 * Visits non-overlapping matches of `phrase` in `text`, left to right; stop early by
 * returning `false` from `visit`. Returns the number of matches visited. The empty
 * phrase has no matches.
 */
export function forEachPhrase(text: string, phrase: string, opts: PhraseOptions, visit?: (m: PhraseMatch) => boolean | void): number {
  if (phrase === "") return 0;
  const needStart = opts.wholeWords && isWordCharAt(phrase, 0);
  const needEnd = opts.wholeWords && isWordCharBefore(phrase, phrase.length);
  const accept = (m: PhraseMatch): boolean =>
    (!needStart || !isWordCharBefore(text, m.index)) && (!needEnd || !isWordCharAt(text, m.end));
  let count = 0;
  if (!opts.ignoreCase) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(phrase, from);
      if (at < 0) break;
      const m = { index: at, end: at + phrase.length };
      if (accept(m)) {
        count++;
        if (visit?.(m) === false) break;
        from = m.end;
      } else {
        from = at + 1;
      }
    }
    return count;
  }
  // An escaped literal on a native RegExp (Unicode simple case folding, like RE2's): no
  // repetition, so each attempt is O(phrase) and retrying after a rejected boundary is cheap
  // (re2js restarted its matcher per retry: 5 s for a 60 KB run of one letter).
  const regex = new RegExp(escapeRegExpLiteral(phrase), "giu");
  let from = 0;
  for (;;) {
    if (from > text.length) break;
    regex.lastIndex = from;
    const found = regex.exec(text);
    if (!found) break;
    const m = { index: found.index, end: found.index + found[0].length };
    if (m.end <= m.index) break;
    if (accept(m)) {
      count++;
      if (visit?.(m) === false) break;
      from = m.end;
    } else {
      from = m.index + 1;
    }
  }
  return count;
}

export function findPhrase(text: string, phrase: string, opts: PhraseOptions): PhraseMatch | undefined {
  let found: PhraseMatch | undefined;
  forEachPhrase(text, phrase, opts, (m) => {
    found = m;
    return false;
  });
  return found;
}
