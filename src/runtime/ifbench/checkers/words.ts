/** IFBench `words:*` checkers. */
import { z } from "zod";
import { plural, q } from "../../ifeval/support.js";
import { pyStrip } from "../../text/python-chars.js";
import { syllapyCount } from "../lexicon.js";
import { firstTokenTag } from "../pos-tagger.js";
import { PUNCTUATION, cps, firstChar, hasAlnum, removePunctuation, split, stripPunctSpace } from "../python.js";
import { palindromeWords, wordFrequencies } from "../measures.js";
import { checker, fail, int, none, pass, pyIndex, sentences, text, verdict, wordTokens } from "../support.js";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

export const alphabet = checker("words:alphabet", none, (r) => {
  const words = split(stripPunctSpace(removePunctuation(r)));
  if (words.length === 0) return fail(0, "no words");
  let letter = firstChar(words[0]!).toLowerCase();
  if (!ALPHABET.includes(letter) || letter.length !== 1) return fail(1, `the first word ${q(words[0]!)} does not start with a letter a–z`);
  for (let i = 1; i < words.length; i++) {
    const w = stripPunctSpace(words[i]!).toLowerCase();
    if (w === "") continue;
    letter = ALPHABET[(ALPHABET.indexOf(letter) + 1) % 26]!;
    if (firstChar(w) !== letter) return fail(i + 1, `word ${i + 1} (${q(words[i]!)}) should start with "${letter}"`);
  }
  return pass(words.length, `${plural(words.length, "word")} start with successive letters`);
});

export const vowel = checker("words:vowel", none, (r) => {
  const paragraphs = pyStrip(r).split("\n");
  if (paragraphs.length !== 1) return fail(paragraphs.length, `${plural(paragraphs.length, "line")}; expected a single paragraph without line breaks`);
  const used = new Set([...paragraphs[0]!.toLowerCase()].filter((c) => "aeiou".includes(c)));
  return verdict(used.size <= 3, used.size, `uses ${plural(used.size, "distinct vowel")} (${[...used].sort().join(", ") || "none"}); at most 3 allowed`);
});

const CONSONANTS = "bcdfghjklmnpqrstvwxyz";

export const consonants = checker("words:consonants", none, (r) => {
  for (const w of split(pyStrip(r.toLowerCase()))) {
    let cluster = false;
    for (let i = 0; i + 1 < w.length; i++) {
      if (CONSONANTS.includes(w[i]!) && CONSONANTS.includes(w[i + 1]!)) {
        cluster = true;
        break;
      }
    }
    if (!cluster) return fail(null, `${q(w)} has no two adjacent consonants`);
  }
  return pass(null, "every word has two adjacent consonants");
});

export const palindrome = checker("words:palindrome", none, (r) => {
  const found = palindromeWords(r, 5);
  return verdict(found.length >= 10, found.length, `${plural(found.length, "palindrome")} of 5+ letters${found.length ? ` (${[...new Set(found)].slice(0, 6).join(", ")})` : ""}; expected at least 10`);
});

const PRIMES = new Set([2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97]);

export const primeLengths = checker("words:prime_lengths", none, (r) => {
  for (const w of split(removePunctuation(r))) {
    const n = cps(w).length;
    if (!PRIMES.has(n)) return fail(n, `${q(w)} has ${n} letters, not a prime number`);
  }
  return pass(null, "every word has a prime number of letters");
});

const VERB_TAGS = /VB/;

export const startVerb = checker("words:start_verb", none, (r) => {
  const tokens = wordTokens(r);
  const tag = firstTokenTag(tokens);
  if (tag === undefined) return fail(null, "no tokens");
  return verdict(VERB_TAGS.test(tag), tag, `the first token ${q(tokens[0]!)} is tagged ${tag}; expected a verb tag (VB*)`);
});

export const repeats = checker("words:repeats", z.object({ small_n: int }).strict(), (r, p) => {
  for (const [w, n] of wordFrequencies(r)) if (n > p.small_n) return fail(n, `${q(w)} occurs ${n} times; at most ${p.small_n} allowed`);
  return pass(null, `no word occurs more than ${p.small_n} times`);
});

export const oddEvenSyllables = checker("words:odd_even_syllables", none, (r) => {
  const words = split(removePunctuation(r).toLowerCase()).filter((w) => pyStrip(w) !== "");
  const parity = words.map((w) => syllapyCount(w) % 2);
  for (let i = 0; i + 1 < parity.length; i++) {
    if (parity[i] === parity[i + 1]) return fail(i + 2, `${q(words[i]!)} and ${q(words[i + 1]!)} both have ${parity[i] ? "an odd" : "an even"} number of syllables`);
  }
  return pass(words.length, "syllable parity alternates between consecutive words");
});

export const lastFirst = checker("words:last_first", none, (r, _p, _q, rev) => {
  const ss = sentences(r, rev);
  for (let i = 0; i + 1 < ss.length; i++) {
    const last = split(stripPunctSpace(ss[i]!, "right"));
    const first = split(stripPunctSpace(ss[i + 1]!, "left"));
    if (last.length === 0 || first.length === 0) return fail(i + 1, `sentence ${i + 1} or ${i + 2} has no words`);
    const a = last[last.length - 1]!;
    const b = first[0]!;
    if (a.toLowerCase() !== b.toLowerCase()) return fail(i + 1, `sentence ${i + 1} ends with ${q(a)} but sentence ${i + 2} starts with ${q(b)}`);
  }
  return pass(ss.length, "each sentence starts with the previous sentence's last word");
});

export const paragraphLastFirst = checker("words:paragraph_last_first", none, (r) => {
  const lines = r.split("\n");
  for (const [i, line] of lines.entries()) {
    const para = pyStrip(line).toLowerCase();
    if (para === "") continue;
    const words = split(stripPunctSpace(para));
    if (words.length === 0) continue;
    if (words[0] !== words[words.length - 1]) return fail(i + 1, `line ${i + 1} starts with ${q(words[0]!)} but ends with ${q(words[words.length - 1]!)}`);
  }
  return pass(null, "every paragraph starts and ends with the same word");
});

export const noConsecutive = checker("words:no_consecutive", none, (r) => {
  const words = split(removePunctuation(r.toLowerCase()));
  for (let i = 0; i + 1 < words.length; i++) {
    if (firstChar(words[i]!) === firstChar(words[i + 1]!)) return fail(i + 2, `${q(words[i]!)} and ${q(words[i + 1]!)} start with the same letter`);
  }
  return pass(null, "no two adjacent words start with the same letter");
});

/** `nltk.word_tokenize` tokens that contain a letter or digit. */
function wordTokensWithoutPunctuation(s: string): string[] {
  return wordTokens(s).filter(hasAlnum);
}

export const keywordsSpecificPosition = checker("words:keywords_specific_position", z.object({ keyword: text, n: int, m: int }).strict(), (r, p, _q, rev) => {
  const ss = sentences(r, rev);
  if (ss.length < p.n) return fail(ss.length, `${plural(ss.length, "sentence")}; sentence ${p.n} is needed`);
  const sentence = pyIndex(ss, p.n - 1);
  if (sentence === undefined) return fail(null, `no sentence ${p.n}`);
  // Current: punctuation tokens removed, case ignored; published: every NLTK token, case-sensitive.
  const words = rev === "current" ? wordTokensWithoutPunctuation(sentence) : wordTokens(sentence);
  if (words.length < p.m) return fail(words.length, `sentence ${p.n} has ${plural(words.length, "word")}; word ${p.m} is needed`);
  const w = pyIndex(words, p.m - 1);
  const keyword = pyStrip(p.keyword);
  if (w === undefined) return fail(null, `no word ${p.m}`);
  const same = rev === "current" ? w.toLowerCase() === keyword.toLowerCase() : w === keyword;
  return verdict(same, w, `word ${p.m} of sentence ${p.n} is ${q(w)}; expected ${q(keyword)}`);
});

export const wordsPosition = checker("words:words_position", z.object({ keyword: text }).strict(), (r, p, _q, rev) => {
  const words = wordTokens(r);
  const fold = (s: string) => (rev === "current" ? s.toLowerCase() : s);
  const keyword = fold(pyStrip(p.keyword));
  if (words.length < 2) return fail(words.length, `${plural(words.length, "token")}; at least 2 are needed`);
  const last = words[words.length - 1]!;
  // Current: a final punctuation token is skipped; published: it is the last token.
  const fromEnd = rev === "current" && PUNCTUATION.includes(last) ? 3 : 2;
  if (words.length < fromEnd) return fail(words.length, `${plural(words.length, "token")}; too few`);
  const second = words[1]!;
  const secondLast = words[words.length - fromEnd]!;
  const ok = fold(second) === fold(secondLast) && fold(secondLast) === keyword;
  return verdict(ok, second, `the second token is ${q(second)} and the second-to-last is ${q(secondLast)}; both must be ${q(p.keyword)}`);
});
