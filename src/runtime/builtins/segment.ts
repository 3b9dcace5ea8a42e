/**
 * Unicode segmentation (UAX #29 through Intl.Segmenter) that stays linear on huge
 * texts. V8's segment iterator slows down quadratically with the length of the
 * string it iterates, so long texts are segmented in windows:
 *
 * - words: the text is split at whitespace (a word-like segment never contains
 *   whitespace), edge ASCII punctuation is trimmed, plain ASCII alphanumeric tokens
 *   are counted directly and only the remaining tokens go through the segmenter;
 * - sentences: windows end right after a line break (UAX #29 rule SB4 always breaks
 *   there);
 * - graphemes: runs of ASCII are counted directly (between two ASCII characters
 *   there is always a boundary, except CR LF), other runs go through the segmenter.
 *
 * A window that has to end elsewhere drops its last segment (it may be cut short)
 * and the next window starts where that segment started.
 */
import { isWhitespaceCode } from "./text.js";

const WINDOW = 2048;

type Granularity = "word" | "sentence" | "grapheme";

const segmenters = new Map<Granularity, Intl.Segmenter>();
function segmenter(g: Granularity): Intl.Segmenter {
  let s = segmenters.get(g);
  if (!s) {
    s = new Intl.Segmenter("en", { granularity: g });
    segmenters.set(g, s);
  }
  return s;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

export interface SegmentVisit {
  /** Absolute offset of the segment in the text. */
  readonly index: number;
  readonly segment: string;
  readonly isWordLike: boolean;
}

/**
 * Visits the segments of `s[start, end)` in order, in windows. `hardCut(s, from, to)`
 * returns the last offset in (from, to] where a boundary is certain whatever follows
 * (or -1); windows end there. Without one, the window grows up to `maxWindow`, and
 * beyond that the last `dropLast` segments of each window are re-segmented with the
 * next window (exact for rules that look at most `dropLast` segments ahead).
 */
export function forEachSegment(
  s: string,
  start: number,
  end: number,
  g: Granularity,
  visit: (seg: SegmentVisit) => void,
  options: { hardCut?: (s: string, from: number, to: number) => number; maxWindow?: number; dropLast?: number } = {},
): void {
  const seg = segmenter(g);
  const maxWindow = options.maxWindow ?? WINDOW;
  const dropLast = options.dropLast ?? 1;
  let p = start;
  let size = WINDOW;
  while (p < end) {
    let wEnd = Math.min(end, p + size);
    let exact = wEnd === end;
    if (!exact && options.hardCut) {
      const cut = options.hardCut(s, p, wEnd);
      if (cut > p) {
        wEnd = cut;
        exact = true;
      } else if (size < maxWindow) {
        size *= 2;
        continue;
      }
    }
    if (!exact && isHighSurrogate(s.charCodeAt(wEnd - 1))) wEnd--;
    const items: { index: number; segment: string; isWordLike: boolean }[] = [];
    for (const x of seg.segment(s.slice(p, wEnd))) items.push({ index: x.index, segment: x.segment, isWordLike: x.isWordLike === true });
    if (!exact && items.length <= dropLast) {
      // The window holds too few segments to trust any boundary: look further.
      size *= 2;
      continue;
    }
    size = WINDOW;
    let take = items.length;
    let next = wEnd;
    if (!exact) {
      take = items.length - dropLast;
      next = p + (items[take] as { index: number }).index;
    }
    for (let k = 0; k < take; k++) {
      const it = items[k] as { index: number; segment: string; isWordLike: boolean };
      visit({ index: p + it.index, segment: it.segment, isWordLike: it.isWordLike });
    }
    p = next;
  }
}

/**
 * The last certain sentence boundary in (from, to]: after a line break (UAX #29 SB4),
 * before an ASCII capital that follows `.`, `!` or `?`, optional closing quotes or
 * brackets, and spaces (SB11; the capital stops SB8's look-ahead), or after an
 * ideographic full stop followed by kana or an ideograph.
 */
function lastSentenceCut(s: string, from: number, to: number): number {
  for (let i = to - 1; i > from; i--) {
    const c = s.charCodeAt(i);
    if (c === 0x0a) return i + 1;
    if (c === 0x0d) {
      if (s.charCodeAt(i + 1) !== 0x0a) return i + 1;
      if (i + 2 <= to) return i + 2;
      continue;
    }
    if ((c === 0x3002 || c === 0xff01 || c === 0xff1f) && i + 1 < to) {
      // An ideographic full stop (STerm) before a kana or ideograph (OLetter): SB11.
      const d = s.charCodeAt(i + 1);
      if ((d >= 0x3041 && d <= 0x30ff) || (d >= 0x3400 && d <= 0x9fff)) return i + 1;
    }
    if (c >= 0x41 && c <= 0x5a) {
      let j = i - 1;
      let spaces = 0;
      while (j > from && (s.charCodeAt(j) === 0x20 || s.charCodeAt(j) === 0x09 || s.charCodeAt(j) === 0xa0)) {
        j--;
        spaces++;
      }
      if (spaces === 0) continue;
      while (j > from && (s.charCodeAt(j) === 0x22 || s.charCodeAt(j) === 0x27 || s.charCodeAt(j) === 0x29 || s.charCodeAt(j) === 0x5d)) j--;
      const t = s.charCodeAt(j);
      if (t === 0x2e || t === 0x21 || t === 0x3f) return i;
    }
  }
  return -1;
}

// ---- words ------------------------------------------------------------------------------------------

/**
 * ASCII punctuation that no UAX #29 word rule joins to a neighbour: not a letter, digit or
 * `_` (ExtendNumLet), not mid-word punctuation (`.`, `'`, `:`, `,`, `;`) and not `"`
 * (Double_Quote, joined between Hebrew letters by WB7b/c).
 */
function isLoneAsciiPunctuation(c: number): boolean {
  return c > 0x20 && c < 0x7f && !isAsciiAlnum(c) && c !== 0x5f && c !== 0x2e && c !== 0x27 && c !== 0x3a && c !== 0x2c && c !== 0x3b && c !== 0x22;
}

/**
 * The last certain word boundary in (from, to]: after CJK punctuation, or between two
 * ASCII characters one of which is lone punctuation (only WB999 applies there: rule WB4
 * attaches Extend and Format characters, which are not ASCII, to the character before
 * them). Without it, long unspaced non-Latin text such as deeply nested JSON with a
 * non-ASCII character would grow every window to the maximum, where V8's segmenter is slow.
 */
function lastWordCut(s: string, from: number, to: number): number {
  for (let i = to - 1; i > from; i--) {
    const c = s.charCodeAt(i);
    const p = s.charCodeAt(i - 1);
    if (c < 0x80 && p < 0x80 && (isLoneAsciiPunctuation(c) || isLoneAsciiPunctuation(p))) return i;
    if (c === 0x3002 || c === 0x3001 || c === 0xff0c || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0xff1a) return i + 1;
  }
  return -1;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whitespace that separates words. U+202F (an ExtendNumLet) and U+FEFF (a Format character) can sit inside words. */
function isWordSeparator(c: number): boolean {
  return isWhitespaceCode(c) && c !== 0x202f && c !== 0xfeff;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** ASCII characters that never start or end a word-like segment next to whitespace. */
function isTrimmableAscii(c: number): boolean {
  return c < 0x80 && !isAsciiAlnum(c) && c !== 0x5f;
}

/** Word-break classes of the characters the fast path handles; anything else goes to the segmenter. */
const enum W { None, Letter, Numeric, ExtendNumLet, MidLetter, MidNumLet, MidNum, Other }

function wordClass(c: number): W {
  if (c < 0x80) {
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return W.Letter;
    if (c >= 0x30 && c <= 0x39) return W.Numeric;
    switch (c) {
      case 0x5f: return W.ExtendNumLet; // _
      case 0x3a: return W.MidLetter; // :
      case 0x2e: case 0x27: return W.MidNumLet; // . '
      case 0x2c: case 0x3b: return W.MidNum; // , ;
      // Any other ASCII character is Other (or Double_Quote, which joins only Hebrew letters).
      default: return W.Other;
    }
  }
  if (c === 0xaa || c === 0xb5 || c === 0xba || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) return W.Letter;
  if (c === 0xb7) return W.MidLetter; // middle dot
  if (c === 0x2018 || c === 0x2019) return W.MidNumLet; // curly apostrophes
  return W.None;
}

/**
 * Words in `s[a, b)` when every character has a fast-path class (UAX #29 rules WB5–WB13b
 * restricted to Latin letters, digits, `_`, the ASCII mid-word punctuation and the other
 * ASCII characters, which join nothing); -1 when some character needs the segmenter.
 */
function fastWordCount(s: string, a: number, b: number): number {
  let count = 0;
  let inRun = false;
  let hasLetterOrDigit = false;
  let prev = W.None;
  for (let k = a; k < b; k++) {
    const cls = wordClass(s.charCodeAt(k));
    if (cls === W.None) return -1;
    if (cls === W.Letter || cls === W.Numeric || cls === W.ExtendNumLet) {
      if (!inRun) {
        inRun = true;
        hasLetterOrDigit = false;
      }
      if (cls !== W.ExtendNumLet) hasLetterOrDigit = true;
    } else {
      const next = k + 1 < b ? wordClass(s.charCodeAt(k + 1)) : W.None;
      const joins = inRun && (
        ((cls === W.MidLetter || cls === W.MidNumLet) && prev === W.Letter && next === W.Letter) ||
        ((cls === W.MidNum || cls === W.MidNumLet) && prev === W.Numeric && next === W.Numeric));
      if (!joins) {
        if (inRun && hasLetterOrDigit) count++;
        inRun = false;
      }
    }
    prev = cls;
  }
  if (inRun && hasLetterOrDigit) count++;
  return count;
}

const BATCH = 4096;

/**
 * Number of words: word-like segments (UAX #29) that contain a letter or digit.
 * Whitespace-separated tokens are trimmed of edge ASCII punctuation; tokens of Latin
 * letters, digits and mid-word punctuation are counted directly, the others are
 * joined with spaces into batches for the segmenter (no word spans a space, so the
 * count is the same).
 */
export function countWords(s: string): number {
  let count = 0;
  let batch = "";
  const flush = (): void => {
    if (batch === "") return;
    // The segmenter is built only for a text with a token the fast path cannot count:
    // constructing a word segmenter loads ICU's break data (tens of ms in a cold process).
    for (const x of segmenter("word").segment(batch)) if (x.isWordLike && LETTER_OR_DIGIT.test(x.segment)) count++;
    batch = "";
  };
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isWordSeparator(s.charCodeAt(i))) i++;
    let j = i;
    while (j < n && !isWordSeparator(s.charCodeAt(j))) j++;
    let a = i;
    let b = j;
    while (a < b && isTrimmableAscii(s.charCodeAt(a))) a++;
    while (b > a && isTrimmableAscii(s.charCodeAt(b - 1))) b--;
    if (a < b) {
      const fast = fastWordCount(s, a, b);
      if (fast >= 0) {
        count += fast;
      } else if (b - a > BATCH) {
        flush();
        forEachSegment(s, a, b, "word", (x) => {
          if (x.isWordLike && LETTER_OR_DIGIT.test(x.segment)) count++;
        }, { hardCut: lastWordCut, maxWindow: 8 * WINDOW, dropLast: 2 });
      } else {
        batch = batch === "" ? s.slice(a, b) : `${batch} ${s.slice(a, b)}`;
        if (batch.length >= BATCH) flush();
      }
    }
    i = j;
  }
  flush();
  return count;
}

// ---- sentences ------------------------------------------------------------------------------------------

/** Sentences (UAX #29 sentence segments with a non-whitespace character), with their offsets. */
export function sentenceSpans(s: string): { index: number; length: number }[] {
  const out: { index: number; length: number }[] = [];
  forEachSegment(s, 0, s.length, "sentence", (seg) => {
    for (let k = 0; k < seg.segment.length; k++) {
      if (!isWhitespaceCode(seg.segment.charCodeAt(k))) {
        out.push({ index: seg.index, length: seg.segment.length });
        return;
      }
    }
  }, { hardCut: lastSentenceCut, maxWindow: 8 * WINDOW, dropLast: 2 });
  return out;
}

// ---- graphemes ------------------------------------------------------------------------------------------

/**
 * Characters that never join a neighbour into one grapheme cluster when the
 * neighbour is also one of them (no Extend, SpacingMark, ZWJ, Prepend, Hangul jamo,
 * regional indicator or surrogate): Latin up to U+02FF, Greek and Cyrillic letters,
 * common CJK, kana and fullwidth forms. CR LF is handled separately.
 */
function isSimpleGrapheme(c: number): boolean {
  return c < 0x300 ||
    (c >= 0x370 && c <= 0x482) ||
    (c >= 0x3000 && c <= 0x3029) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xff01 && c <= 0xff9d);
}

/** Number of extended grapheme clusters. */
export function countGraphemes(s: string): number {
  const n = s.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const next = i + 1 < n ? s.charCodeAt(i + 1) : -1;
    if (isSimpleGrapheme(c) && (next < 0 || isSimpleGrapheme(next))) {
      count++;
      i += c === 0x0d && next === 0x0a ? 2 : 1;
      continue;
    }
    // A run that needs the segmenter: up to the first pair of simple characters (not CR LF).
    let k = i + 1;
    while (k < n) {
      const p = s.charCodeAt(k - 1);
      const q = s.charCodeAt(k);
      if (isSimpleGrapheme(p) && isSimpleGrapheme(q) && !(p === 0x0d && q === 0x0a)) break;
      k++;
    }
    forEachSegment(s, i, k, "grapheme", () => {
      count++;
    });
    i = k;
  }
  return count;
}
