/**
 * Language identification compatible with Python's `langdetect` package, which
 * the IFEval reference uses (`langdetect.detect(text)`).
 *
 * This is a TypeScript port of langdetect's algorithm (Nakatani Shuyo's
 * character n-gram naive-Bayes detector): URL/e-mail removal, Vietnamese
 * normalization, the 10,000-character limit, Latin-script cleaning, per-char
 * normalization by Unicode block, all-caps-word suppression, and 7 trials of
 * randomly sampled n-gram updates until one language exceeds 0.99999.
 *
 * The language profiles are the ones shipped by the npm package `langdetect`
 * (the same Shuyo profiles Python's langdetect ships, 53 languages; Python's
 * package adds Catalan and Welsh), vendored as data in data/langdetect/ (with
 * their license; scripts/vendor-langdetect.ts rebuilds them). They are read on
 * first use.
 *
 * Differences from Python, on purpose:
 * - Python seeds its random generator from the OS, so the reference is not
 *   reproducible on short or ambiguous text. Here every call uses a fixed seed,
 *   so `detectLanguage(text)` is a pure function.
 * - When no n-gram feature exists, Python raises `LangDetectException`; here the
 *   result is `{ ok: false, reason: "no-features" }` and the caller decides
 *   (IFEval counts that as "instruction followed").
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ownPackage } from "../../common/package-root.js";
import { codePointLength, pyIsUpper } from "./python-chars.js";

export type LanguageDetection =
  | { ok: true; language: string; probability: number; candidates: Array<{ language: string; probability: number }> }
  | { ok: false; reason: "no-features" | "unavailable"; message: string };

/**
 * The profiles as flat tables, built once at load. An n-gram is never a string
 * here: each code point that occurs in some profile has a dense id (1..A), and a
 * gram of up to three code points is the integer key c, b*M + c or (a*M + b)*M + c
 * (M = A + 1, ids >= 1, so keys of different lengths never collide and stay far
 * below 2^53). A code point outside the alphabet cannot be part of a known gram.
 */
interface Model {
  langs: string[];
  /** BMP code point -> alphabet id (0 = in no profile). Profiles hold BMP code points only. */
  alphabet: Uint16Array;
  /** M: alphabet size + 1. */
  radix: number;
  /** Integer gram key -> gram index. */
  gramIndex: Map<number, number>;
  /** Gram g's sparse (language index, probability) pairs are entries start[g]..start[g+1]-1. */
  start: Int32Array;
  lang: Uint8Array;
  prob: Float64Array;
  /** CJK code point -> representative code point of its Kanji class. */
  cjk: Map<number, number>;
}

let model: Model | undefined;
let loadError: string | undefined;

function loadModel(): Model | undefined {
  if (model || loadError) return model;
  try {
    const pkg = ownPackage();
    if (!pkg) throw new Error("the hindsight package root (with data/langdetect/) was not found");
    const dataDir = join(pkg.root, "data", "langdetect");
    const profiles = JSON.parse(readFileSync(join(dataDir, "profiles.json"), "utf8")) as Array<{
      name: string;
      freq: Record<string, number>;
      n_words: number[];
    }>;
    const langs = profiles.map((p) => p.name);
    const alphabet = new Uint16Array(0x10000);
    let letters = 0;
    for (const prof of profiles)
      for (const word in prof.freq)
        for (const ch of word) {
          const cp = ch.codePointAt(0)!;
          if (cp > 0xffff) throw new Error(`profile ${prof.name} has a gram outside the BMP: ${JSON.stringify(word)}`);
          if (alphabet[cp] === 0) alphabet[cp] = ++letters;
        }
    const radix = letters + 1;
    // gram index -> flat [langIndex, probability, ...], in profile order (as the string-keyed port had).
    const gramIndex = new Map<number, number>();
    const pairs: number[][] = [];
    profiles.forEach((prof, index) => {
      for (const word in prof.freq) {
        const len = codePointLength(word);
        if (len < 1 || len > 3) continue; // never extracted from text
        let key = 0;
        for (const ch of word) key = key * radix + alphabet[ch.codePointAt(0)!]!;
        let g = gramIndex.get(key);
        if (g === undefined) {
          g = pairs.length;
          gramIndex.set(key, g);
          pairs.push([]);
        }
        pairs[g]!.push(index, prof.freq[word]! / prof.n_words[len - 1]!);
      }
    });
    const start = new Int32Array(pairs.length + 1);
    for (let g = 0; g < pairs.length; g++) start[g + 1] = start[g]! + pairs[g]!.length / 2;
    const lang = new Uint8Array(start[pairs.length]!);
    const prob = new Float64Array(start[pairs.length]!);
    pairs.forEach((entry, g) => {
      for (let i = 0, at = start[g]!; i < entry.length; i += 2, at++) {
        lang[at] = entry[i]!;
        prob[at] = entry[i + 1]!;
      }
    });
    const cjk = new Map<number, number>();
    const groups = JSON.parse(readFileSync(join(dataDir, "cjk.json"), "utf8")) as Record<string, string>;
    for (const group of Object.values(groups)) {
      const rep = group.codePointAt(0)!;
      for (const ch of group) cjk.set(ch.codePointAt(0)!, rep);
    }
    model = { langs, alphabet, radix, gramIndex, start, lang, prob, cjk };
    return model;
  } catch (e) {
    loadError = `language profiles (data/langdetect/) could not be loaded: ${(e as Error).message}`;
    return undefined;
  }
}

// --- text preparation ------------------------------------------------------

const URL_RE = /https?:\/\/[-_.?&~;+=/#0-9A-Za-z]{1,2076}/g;
const MAIL_RE = /[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}/g;
const VI_RE = /([AEIOUYaeiouyÂÊÔâêôĂăƠơƯư])([\u0300\u0301\u0303\u0309\u0323])/g;
const MAX_TEXT_LENGTH = 10_000;
/** Longest possible URL + e-mail match: text this far before a cut is unaffected by it. */
const MAX_MATCH_SPAN = 2084 + 576 + 8;

function substitute(text: string): string {
  let t = text;
  if (t.includes("http")) t = t.replace(URL_RE, " ");
  if (t.includes("@")) t = t.replace(MAIL_RE, " ");
  return t.replace(VI_RE, (m) => m.normalize("NFC"));
}

/** First 10,000 code points of the substituted text, without processing megabytes. */
function preparedPrefix(text: string): string {
  let k = MAX_TEXT_LENGTH + MAX_MATCH_SPAN + 1000;
  for (;;) {
    const whole = k >= text.length;
    const sub = substitute(whole ? text : text.slice(0, k));
    if (whole || codePointLength(sub) - MAX_MATCH_SPAN >= MAX_TEXT_LENGTH) return sub;
    k *= 2;
  }
}

const SPACE = 0x20;

function block(cp: number): number {
  if (cp <= 0x7f) return 1; // Basic Latin
  if (cp <= 0xff) return 2; // Latin-1 Supplement
  if (cp >= 0x180 && cp <= 0x24f) return 3; // Latin Extended-B
  if (cp >= 0x600 && cp <= 0x6ff) return 4; // Arabic
  if (cp >= 0x1e00 && cp <= 0x1eff) return 5; // Latin Extended Additional
  if (cp >= 0x2000 && cp <= 0x206f) return 6; // General Punctuation
  if (cp >= 0x3040 && cp <= 0x309f) return 7; // Hiragana
  if (cp >= 0x30a0 && cp <= 0x30ff) return 8; // Katakana
  if ((cp >= 0x3100 && cp <= 0x312f) || (cp >= 0x31a0 && cp <= 0x31bf)) return 9; // Bopomofo (+ Extended)
  if (cp >= 0x4e00 && cp <= 0x9fff) return 10; // CJK Unified Ideographs
  if (cp >= 0xac00 && cp <= 0xd7af) return 11; // Hangul Syllables
  return 0;
}

/** langdetect's NGram.normalize, on code points. */
function normalizeChar(cp: number, cjk: Map<number, number>): number {
  switch (block(cp)) {
    case 1:
      return cp < 0x41 || (cp > 0x5a && cp < 0x61) || cp > 0x7a ? SPACE : cp;
    case 2:
      return cp === 0xa0 || cp === 0xab || cp === 0xb0 || cp === 0xbb ? SPACE : cp;
    case 3:
      return cp === 0x219 ? 0x15f : cp === 0x21b ? 0x163 : cp;
    case 4:
      return cp === 0x6cc ? 0x64a : cp;
    case 5:
      return cp >= 0x1ea0 ? 0x1ec3 : cp;
    case 6:
      return SPACE;
    case 7:
      return 0x3042;
    case 8:
      return 0x30a2;
    case 9:
      return 0x3105;
    case 10:
      return cjk.get(cp) ?? cp;
    case 11:
      return 0xac00;
    default:
      return cp;
  }
}

/** `'A' <= ch <= 'z'` in Python (includes the six ASCII symbols between Z and a). */
function isLatinLetterRange(cp: number): boolean {
  return cp >= 0x41 && cp <= 0x7a;
}

const upperCache = new Map<number, boolean>();

/** Python `ch.isupper()` for a single code point. */
function isUpperCp(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a;
  let v = upperCache.get(cp);
  if (v === undefined) {
    v = pyIsUpper(String.fromCodePoint(cp));
    upperCache.set(cp, v);
  }
  return v;
}

/** The n-gram features langdetect extracts from a text, as gram indices into the profile tables. */
function extractNgrams(text: string, m: Model): Int32Array {
  // First 10,000 code points, runs of spaces reduced to one.
  const prefix = preparedPrefix(text);
  const cps = new Int32Array(MAX_TEXT_LENGTH);
  let n = 0;
  let taken = 0;
  let pre = -1;
  for (let i = 0; i < prefix.length && taken < MAX_TEXT_LENGTH; ) {
    const cp = prefix.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    taken++;
    if (cp !== SPACE || pre !== SPACE) cps[n++] = cp;
    pre = cp;
  }
  // Drop Latin letters from text that is mostly non-Latin.
  let latin = 0;
  let nonLatin = 0;
  for (let i = 0; i < n; i++) {
    const cp = cps[i]!;
    if (isLatinLetterRange(cp)) latin++;
    else if (cp >= 0x300 && block(cp) !== 5) nonLatin++;
  }
  if (latin * 2 < nonLatin) {
    let w = 0;
    for (let i = 0; i < n; i++) if (!isLatinLetterRange(cps[i]!)) cps[w++] = cps[i]!;
    n = w;
  }

  const out = new Int32Array(3 * n);
  let count = 0;
  const { alphabet, radix, gramIndex } = m;
  // The n-gram buffer holds at most 3 normalized code points; it starts as " ".
  let g0 = -1;
  let g1 = -1;
  let g2 = SPACE;
  // Alphabet ids of g0..g2 (0 when the code point is in no profile).
  let a0 = 0;
  let a1 = 0;
  let a2 = alphabet[SPACE]!;
  let capitalWord = false;
  for (let i = 0; i < n; i++) {
    const ch = normalizeChar(cps[i]!, m.cjk);
    const id = ch <= 0xffff ? alphabet[ch]! : 0;
    const last = g2;
    if (last === SPACE) {
      g0 = -1;
      g1 = -1;
      capitalWord = false;
      if (ch === SPACE) continue;
      // grams = " " + ch
      g1 = SPACE;
      a1 = alphabet[SPACE]!;
      g2 = ch;
      a2 = id;
    } else {
      // Append, keeping the last three.
      g0 = g1;
      a0 = a1;
      g1 = g2;
      a1 = a2;
      g2 = ch;
      a2 = id;
    }
    if (isUpperCp(ch)) {
      if (isUpperCp(last)) capitalWord = true;
    } else {
      capitalWord = false;
    }
    if (capitalWord || a2 === 0) continue; // every gram below ends with g2
    if (g2 !== SPACE) {
      const w1 = gramIndex.get(a2);
      if (w1 !== undefined) out[count++] = w1;
    }
    if (g1 >= 0 && a1 !== 0) {
      const k2 = a1 * radix + a2;
      const w2 = gramIndex.get(k2);
      if (w2 !== undefined) out[count++] = w2;
      if (g0 >= 0 && a0 !== 0) {
        const w3 = gramIndex.get(a0 * radix * radix + k2);
        if (w3 !== undefined) out[count++] = w3;
      }
    }
  }
  return out.subarray(0, count);
}

// --- detection --------------------------------------------------------------

/** mulberry32: small, fast, deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N_TRIAL = 7;
const ALPHA = 0.5;
const ALPHA_WIDTH = 0.05;
const ITERATION_LIMIT = 1000;
const PROB_THRESHOLD = 0.1;
const CONV_THRESHOLD = 0.99999;
const BASE_FREQ = 10000;

export interface DetectOptions {
  /** Seed of the random sampling (default 0). */
  seed?: number;
}

/**
 * Detect the dominant language of `text` as langdetect would. Returns ISO 639-1
 * codes (`zh-cn`/`zh-tw` for Chinese), or a failure when the text has no usable
 * letters (Python raises `LangDetectException` there).
 */
export function detectLanguage(text: string, options: DetectOptions = {}): LanguageDetection {
  const m = loadModel();
  if (!m) return { ok: false, reason: "unavailable", message: loadError ?? "language profiles unavailable" };
  const ngrams = extractNgrams(text, m);
  if (ngrams.length === 0) return { ok: false, reason: "no-features", message: "no language features in text" };
  const L = m.langs.length;
  const { start, lang, prob: p } = m;
  const langprob = new Float64Array(L);
  const random = rng(options.seed ?? 0);
  const prob = new Float64Array(L);
  for (let t = 0; t < N_TRIAL; t++) {
    prob.fill(1 / L);
    // Box-Muller standard normal.
    const u1 = 1 - random();
    const u2 = random();
    const gauss = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    const weight = (ALPHA + gauss * ALPHA_WIDTH) / BASE_FREQ;
    for (let i = 0; ; i++) {
      const g = ngrams[Math.floor(random() * ngrams.length)]!;
      // prob[k] *= weight + P(gram | lang k); most languages have P = 0.
      let j = start[g]!;
      const end = start[g + 1]!;
      for (let k = 0; k < L; k++) {
        let f = weight;
        if (j < end && lang[j] === k) f += p[j++]!;
        prob[k] = prob[k]! * f;
      }
      if (i % 5 === 0) {
        let sum = 0;
        for (let k = 0; k < L; k++) sum += prob[k]!;
        let max = 0;
        for (let k = 0; k < L; k++) {
          const p = prob[k]! / sum;
          if (p > max) max = p;
          prob[k] = p;
        }
        if (max > CONV_THRESHOLD || i >= ITERATION_LIMIT) break;
      }
    }
    for (let k = 0; k < L; k++) langprob[k] = langprob[k]! + prob[k]! / N_TRIAL;
  }
  const candidates: Array<{ language: string; probability: number }> = [];
  for (let k = 0; k < L; k++) if (langprob[k]! > PROB_THRESHOLD) candidates.push({ language: m.langs[k]!, probability: langprob[k]! });
  candidates.sort((a, b) => b.probability - a.probability);
  const best = candidates[0];
  if (!best) return { ok: true, language: "unknown", probability: 0, candidates };
  return { ok: true, language: best.language, probability: best.probability, candidates };
}
