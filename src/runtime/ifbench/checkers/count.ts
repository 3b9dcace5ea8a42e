/** IFBench `count:*` checkers. */
import { z } from "zod";
import { plural, q } from "../../ifeval/support.js";
import { pyStrip } from "../../text/python-chars.js";
import { containsBoundedLiteral, countOccurrences, isDigit, removePunctuation, split, stripPunctSpace } from "../python.js";
import { digitRuns, uniqueWords } from "../measures.js";
import { checker, fail, int, none, pass, positive, text, verdict, wordRuns, wordTokens } from "../support.js";

export const wordCountRange = checker("count:word_count_range", z.object({ min_words: int, max_words: int }).strict(), (r, p) => {
  const n = wordRuns(r).length;
  return verdict(p.min_words <= n && n <= p.max_words, n, `${plural(n, "word")} (\\w+ tokens); expected ${p.min_words} to ${p.max_words}`);
});

export const uniqueWordCount = checker("count:unique_word_count", z.object({ N: int }).strict(), (r, p) => {
  const n = uniqueWords(r).size;
  return verdict(n >= p.N, n, `${plural(n, "distinct word")}; expected at least ${p.N}`);
});

const CONJUNCTIONS = ["and", "but", "for", "nor", "or", "so", "yet"];

export const conjunctions = checker("count:conjunctions", z.object({ small_n: int }).strict(), (r, p) => {
  // Distinct on the raw tokens: "And," and "and" count separately.
  const found = new Set(split(r).filter((w) => CONJUNCTIONS.includes(stripPunctSpace(w).toLowerCase())));
  return verdict(found.size >= p.small_n, found.size, `${plural(found.size, "distinct conjunction token")}${found.size ? ` (${[...found].slice(0, 8).map((w) => q(w)).join(", ")})` : ""}; expected at least ${p.small_n}`);
});

export const PERSON_NAMES = [
  "Emma", "Liam", "Sophia", "Jackson", "Olivia", "Noah", "Ava", "Lucas", "Isabella", "Mason", "Mia", "Ethan", "Charlotte", "Alexander", "Amelia",
  "Benjamin", "Harper", "Leo", "Zoe", "Daniel", "Chloe", "Samuel", "Lily", "Matthew", "Grace", "Owen", "Abigail", "Gabriel", "Ella", "Jacob",
  "Scarlett", "Nathan", "Victoria", "Elijah", "Layla", "Nicholas", "Audrey", "David", "Hannah", "Christopher", "Penelope", "Thomas", "Nora",
  "Andrew", "Aria", "Joseph", "Claire", "Ryan", "Stella", "Jonathan",
] as const;

export const personNames = checker("count:person_names", z.object({ N: int }).strict(), (r, p, _q, rev) => {
  // Current: whole words; published: substrings ("Leo" in "Leonard").
  const found = PERSON_NAMES.filter((name) => (rev === "current" ? containsBoundedLiteral(r, name, false) : r.includes(name)));
  return verdict(found.length >= p.N, found.length, `${plural(found.length, "name")} from IFBench's list of 50${found.length ? ` (${found.slice(0, 8).join(", ")})` : ""}; expected at least ${p.N}`);
});

export const numbers = checker("count:numbers", z.object({ N: int }).strict(), (r, p) => {
  const n = digitRuns(r).length;
  return verdict(n === p.N, n, `${plural(n, "number")} after removing punctuation; expected exactly ${p.N}`);
});

export const punctuation = checker("count:punctuation", none, (r) => {
  if (!(r.includes("!?") || r.includes("?!") || r.includes("‽"))) return fail(false, "no interrobang (?!, !? or ‽)");
  let rest = r.replace("?!", "");
  if (rest.length === r.length) rest = r.replace("!?", "");
  const missing = [".", ",", "!", "?", ";", ":"].filter((c) => !rest.includes(c));
  return missing.length === 0 ? pass(true, "has an interrobang and every one of . , ! ? ; :") : fail(false, `has an interrobang but lacks ${missing.map((c) => q(c)).join(", ")} (besides the interrobang)`);
});

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

export const wordsJapanese = checker("count:words_japanese", z.object({ N: positive }).strict(), (r, p) => {
  const words = split(r);
  for (let i = 0; i < words.length; i++) {
    const w = stripPunctSpace(words[i]!);
    if ((i + 1) % p.N === 0 && w !== "" && !isDigit(w) && !JAPANESE.test(w)) return fail(i + 1, `word ${i + 1} (${q(w)}) has no Japanese character; every ${p.N}th word must`);
  }
  return pass(null, `every ${p.N}th word has a Japanese character`);
});

const PRONOUNS = new Set([
  "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "my", "mine", "our", "ours", "your", "yours", "his", "hers",
  "its", "their", "theirs", "myself", "ourselves", "yourself", "yourselves", "himself", "herself", "itself", "themselves", "this", "that",
  "these", "those", "who", "whom", "whose", "which", "what", "whoever", "whomever", "whatever", "whichever", "anybody", "anyone", "anything",
  "everybody", "everyone", "everything", "nobody", "nothing", "somebody", "someone", "something", "each", "either", "neither", "both", "all",
  "some", "any", "none",
]);

/** The published code's list: personal, possessive and reflexive pronouns only. */
const PERSONAL_PRONOUNS = new Set([
  "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves", "he", "him",
  "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves",
]);

export const pronouns = checker("count:pronouns", z.object({ N: int }).strict(), (r, p, _q, rev) => {
  const value = r.replaceAll("/", " ").toLowerCase();
  // Current: NLTK tokens and ~60 pronouns; published: whitespace words with punctuation removed, 31 pronouns.
  const n =
    rev === "current"
      ? wordTokens(value).filter((t) => PRONOUNS.has(t)).length
      : split(removePunctuation(value)).filter((t) => PERSONAL_PRONOUNS.has(t)).length;
  return verdict(n >= p.N, n, `${plural(n, "pronoun")}; expected at least ${p.N}`);
});

const MULTIPLE_COUNTS = [1, 2, 3, 5, 7] as const;

export const keywordsMultiple = checker(
  "count:keywords_multiple",
  z.object({ keyword1: text, keyword2: text, keyword3: text, keyword4: text, keyword5: text }).strict(),
  (r, p) => {
    const lower = r.toLowerCase();
    const keys = [p.keyword1, p.keyword2, p.keyword3, p.keyword4, p.keyword5].map((k) => pyStrip(k));
    for (const [i, k] of keys.entries()) {
      const n = countOccurrences(lower, k.toLowerCase());
      if (n !== MULTIPLE_COUNTS[i]) return fail(n, `${q(k)} occurs ${plural(n, "time")} (case-insensitive substring); expected exactly ${MULTIPLE_COUNTS[i]}`);
    }
    return pass(null, "each keyword occurs exactly 1, 2, 3, 5 and 7 times");
  },
);

