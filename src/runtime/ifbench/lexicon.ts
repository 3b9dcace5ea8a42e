/**
 * Lookups over the vendored data (data/ifbench/, see its NOTICE.md): NLTK's English
 * stop words, the emoji package's single-code-point emoji, syllapy's syllable
 * counts. Each table is read and parsed once, on first use.
 */
import { emojiRangesData, stopwordsData, syllapyData } from "./data.js";
import { PUNCTUATION } from "./python.js";
import { pyStrip, pyStripChars } from "../text/python-chars.js";

let stopwords: ReadonlySet<string> | undefined;

/** `w in nltk.corpus.stopwords.words('english')`. */
export function isNltkStopword(w: string): boolean {
  stopwords ??= new Set(stopwordsData());
  return stopwords.has(w);
}

let emoji: Array<[number, number]> | undefined;

/** `emoji.is_emoji(ch)` for one character (code point). */
export function isEmojiChar(ch: string): boolean {
  emoji ??= emojiRangesData().map((r) => {
    const [a, b] = r.split("-");
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
  });
  const cp = ch.codePointAt(0);
  if (cp === undefined || ch.length !== String.fromCodePoint(cp).length) return false;
  let lo = 0;
  let hi = emoji.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = emoji[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

let syllables: ReadonlyMap<string, number> | undefined;

function syllableTable(): ReadonlyMap<string, number> {
  if (!syllables) {
    const m = new Map<string, number>();
    for (const line of syllapyData().split("\n")) {
      const comma = line.indexOf(",");
      if (comma > 0) m.set(line.slice(0, comma), Number(line.slice(comma + 1)));
    }
    syllables = m;
  }
  return syllables;
}

const VOWELS = "aeiouy";

function ruleSyllables(word: string): number {
  const w = Array.from(word);
  let n = VOWELS.includes(w[0]!) ? 1 : 0;
  for (let i = 1; i < w.length; i++) if (VOWELS.includes(w[i]!) && !VOWELS.includes(w[i - 1]!)) n++;
  if (word.endsWith("e")) n--;
  if (word.endsWith("le") && w.length > 2 && !VOWELS.includes(w[w.length - 3]!)) n++;
  return n === 0 ? 1 : n;
}

/** `syllapy.count(word)` (0.7.2): the word list first, then compounds split at the first `-`, then vowel-group rules. */
export function syllapyCount(word: string): number {
  const w = pyStripChars(pyStrip(word).toLowerCase(), PUNCTUATION);
  if (w === "") return 0;
  if (/\p{Nd}/u.test(w)) return 0;
  const known = syllableTable().get(w);
  if (known !== undefined) return known;
  const dash = w.indexOf("-");
  // re.match("([^-]+)-(.+)"): a non-empty part before the first "-" and something after it.
  if (dash > 0 && dash < w.length - 1) {
    const a = syllapyCount(w.slice(0, dash));
    const b = syllapyCount(w.slice(dash + 1));
    return a === 0 || b === 0 ? 0 : a + b;
  }
  return ruleSyllables(w);
}
