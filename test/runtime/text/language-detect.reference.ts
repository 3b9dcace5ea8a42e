/**
 * REFERENCE ONLY (tests): the string-keyed langdetect port as it was before the
 * n-gram extraction moved to integer keys and typed-array profile tables
 * (issue 15). Kept verbatim in behaviour so test/runtime/text/language-detect
 * .equivalence.test.ts can prove the fast implementation returns exactly the same
 * detections and probabilities. Do not use outside tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ownPackage } from "../../../src/common/package-root.js";
import { codePointLength, pyIsUpper } from "../../../src/runtime/text/python-chars.js";

type LanguageDetection =
  | { ok: true; language: string; probability: number; candidates: Array<{ language: string; probability: number }> }
  | { ok: false; reason: "no-features" | "unavailable"; message: string };

interface Model {
  langs: string[];
  /** n-gram -> sparse (language index, probability) pairs. */
  grams: Map<string, { idx: Uint8Array; p: Float64Array }>;
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
    const langs: string[] = [];
    // n-gram -> flat [langIndex, probability, langIndex, probability, ...]
    const pairs = new Map<string, number[]>();
    profiles.forEach((prof, index) => {
      langs.push(prof.name);
      for (const word in prof.freq) {
        let entry = pairs.get(word);
        if (!entry) {
          entry = [];
          pairs.set(word, entry);
        }
        const len = codePointLength(word);
        if (len >= 1 && len <= 3) entry.push(index, prof.freq[word]! / prof.n_words[len - 1]!);
      }
    });
    const grams = new Map<string, { idx: Uint8Array; p: Float64Array }>();
    for (const [word, entry] of pairs) {
      const k = entry.length / 2;
      const idx = new Uint8Array(k);
      const p = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        idx[i] = entry[2 * i]!;
        p[i] = entry[2 * i + 1]!;
      }
      grams.set(word, { idx, p });
    }
    const cjk = new Map<number, number>();
    const groups = JSON.parse(readFileSync(join(dataDir, "cjk.json"), "utf8")) as Record<string, string>;
    for (const group of Object.values(groups)) {
      const rep = group.codePointAt(0)!;
      for (const ch of group) cjk.set(ch.codePointAt(0)!, rep);
    }
    model = { langs, grams, cjk };
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

/** The n-gram features langdetect extracts from a text. */
function extractNgrams(text: string, m: Model): string[] {
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

  const out: string[] = [];
  // The n-gram buffer holds at most 3 normalized code points; it starts as " ".
  let g0 = -1;
  let g1 = -1;
  let g2 = SPACE;
  let capitalWord = false;
  for (let i = 0; i < n; i++) {
    const ch = normalizeChar(cps[i]!, m.cjk);
    const last = g2;
    if (last === SPACE) {
      g0 = -1;
      g1 = -1;
      capitalWord = false;
      if (ch === SPACE) continue;
      // grams = " " + ch
      g1 = SPACE;
      g2 = ch;
    } else {
      // Append, keeping the last three.
      g0 = g1;
      g1 = g2;
      g2 = ch;
    }
    if (isUpperCp(ch)) {
      if (isUpperCp(last)) capitalWord = true;
    } else {
      capitalWord = false;
    }
    if (capitalWord) continue;
    if (g2 !== SPACE) {
      const w1 = String.fromCodePoint(g2);
      if (m.grams.has(w1)) out.push(w1);
    }
    if (g1 >= 0) {
      const w2 = String.fromCodePoint(g1, g2);
      if (m.grams.has(w2)) out.push(w2);
      if (g0 >= 0) {
        const w3 = String.fromCodePoint(g0, g1, g2);
        if (m.grams.has(w3)) out.push(w3);
      }
    }
  }
  return out;
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

interface DetectOptions {
  /** Seed of the random sampling (default 0). */
  seed?: number;
}

/**
 * Detect the dominant language of `text` as langdetect would. Returns ISO 639-1
 * codes (`zh-cn`/`zh-tw` for Chinese), or a failure when the text has no usable
 * letters (Python raises `LangDetectException` there).
 */
export function referenceDetectLanguage(text: string, options: DetectOptions = {}): LanguageDetection {
  const m = loadModel();
  if (!m) return { ok: false, reason: "unavailable", message: loadError ?? "language profiles unavailable" };
  const ngrams = extractNgrams(text, m);
  if (ngrams.length === 0) return { ok: false, reason: "no-features", message: "no language features in text" };
  const L = m.langs.length;
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
      const g = m.grams.get(ngrams[Math.floor(random() * ngrams.length)]!)!;
      // prob[k] *= weight + P(gram | lang k); most languages have P = 0.
      let j = 0;
      for (let k = 0; k < L; k++) {
        let f = weight;
        if (j < g.idx.length && g.idx[j] === k) f += g.p[j++]!;
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
