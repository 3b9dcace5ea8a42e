/**
 * open-instruct's IFEvalG checkers (the RLVR ground truth of `hir import open-instruct`),
 * with the reference semantics: IFEval's rule-based sentence splitter, NLTK tokens,
 * and keywords searched as case-insensitive Python regexes (through the same
 * regex translation the IFEval keyword checks use; never a RegExp built by hand).
 */
import { z } from "zod";
import { defineChecker, failure, outcome, plural, q, relationSchema, type Relation } from "../ifeval/support.js";
import type { CheckOutcome, IfevalChecker } from "../ifeval/types.js";
import { nltkWordTokenize } from "../text/nltk-word-tokenize.js";
import { PY_WS_CLASS, pySplitWhitespace, pyStrip } from "../text/python-chars.js";
import { compilePythonRegex, countMatches } from "../text/python-regex.js";
import { splitIntoSentencesRuleBased } from "../text/sentences.js";
import type { IfevalgId } from "./ids.js";

export type IfevalgChecker<P = unknown> = IfevalChecker<P, IfevalgId>;

const int = z.number().int("must be a whole number");
const text = z.string();
const none = z.object({}).strict();
const sentences = splitIntoSentencesRuleBased;
const split = pySplitWhitespace;

function checker<P>(id: IfevalgId, params: z.ZodType<P>, impl: (r: string, p: P, prompt: string) => CheckOutcome): IfevalgChecker<P> {
  return defineChecker<P, IfevalgId>(id, params, impl);
}

const v = (ok: boolean, measured: CheckOutcome["measured"], evidence: string) => outcome(ok, measured, evidence);

/** `len(re.findall(pattern, text, flags=re.IGNORECASE))`; undefined (with the reason) for a pattern that cannot be used. */
function regexCount(pattern: string, text: string): number | string {
  const c = compilePythonRegex(pattern, { ignoreCase: true });
  return c.ok ? countMatches(c.regex, text) : c.error;
}

function firstCp(s: string): string {
  const c = s.codePointAt(0);
  return c === undefined ? "" : String.fromCodePoint(c);
}

export const repeatPhrase = checker("copy:repeat_phrase", z.object({ phrase: text, small_n: int }).strict(), (r, p) => {
  const ref = split(pyStrip(p.phrase));
  if (ref.length === 0) return failure("the phrase is empty");
  const c = compilePythonRegex(`${ref[0]} .*? ${ref[ref.length - 1]}`);
  if (!c.ok) return failure(`the phrase cannot be searched: ${c.error}`);
  const found = c.regex.matches(r).map((m) => m.text);
  if (found.length !== p.small_n) return v(false, found.length, `${plural(found.length, "repetition")} of the phrase's frame; expected ${p.small_n}`);
  let satisfied = 0;
  for (const f of found) {
    const words = split(f);
    if (words.length !== ref.length) return v(false, null, `${q(f)} has ${words.length} words; the phrase has ${ref.length}`);
    const diffs = words.filter((w, i) => w !== ref[i]).length;
    if (diffs > 1) return v(false, null, `${q(f)} differs from the phrase in more than one word`);
    if (diffs === 1) satisfied++;
  }
  return v(satisfied === p.small_n, satisfied, `${plural(satisfied, "repetition")} changing exactly one word; expected ${p.small_n}`);
});

const sameText = (a: string, b: string) => pyStrip(a).toLowerCase() === pyStrip(b).toLowerCase();

export const copy = checker("copy:copy", z.object({ prompt_to_repeat: text }).strict(), (r, p) =>
  v(sameText(r, p.prompt_to_repeat), null, sameText(r, p.prompt_to_repeat) ? "repeats the request verbatim" : "is not the request verbatim"),
);

export const copySpanIdx = checker("new:copy_span_idx", z.object({ prompt_to_repeat: text, n_start: int, n_end: int }).strict(), (r, p) => {
  // End excluded (IFBench's repeat:repeat_span includes it).
  const cps = Array.from(p.prompt_to_repeat);
  const norm = (x: number) => (x < 0 ? Math.max(0, cps.length + x) : Math.min(x, cps.length));
  const span = cps.slice(norm(p.n_start), Math.max(norm(p.n_start), norm(p.n_end))).join("");
  return v(sameText(r, span), null, sameText(r, span) ? `is characters ${p.n_start}–${p.n_end - 1} of the request` : `is not characters ${p.n_start}–${p.n_end - 1} of the request (${q(span)})`);
});

export const sentenceHyphens = checker("detectable_format:sentence_hyphens", none, (r) => {
  const gold = sentences(r.replaceAll("-", " "));
  const pieces = r.split("-");
  for (let i = 0; i < Math.min(gold.length, pieces.length); i++) {
    const s = pieces[i]!;
    if (pyStrip(s) !== s || s !== gold[i]) return v(false, i + 1, `piece ${i + 1} (${q(s)}) is not sentence ${i + 1} joined with a bare hyphen`);
  }
  return v(true, pieces.length, "sentences are joined by hyphens without spaces");
});

export const noAdjacentConsecutive = checker("keywords:no_adjacent_consecutive", none, (r) => {
  const words = split(r);
  for (let i = 0; i + 1 < words.length; i++) {
    const a = firstCp(words[i]!).toLowerCase();
    const b = firstCp(words[i + 1]!).toLowerCase();
    if (Array.from(a).length !== 1 || Array.from(b).length !== 1) return v(false, i + 1, `${q(words[i]!)} or ${q(words[i + 1]!)} starts with a letter whose lowercase is not one character`);
    if (b.codePointAt(0)! - a.codePointAt(0)! === 1) return v(false, i + 2, `${q(words[i]!)} and ${q(words[i + 1]!)} start with consecutive letters`);
  }
  return v(true, null, "no adjacent words start with consecutive letters");
});

export const squareBrackets = checker("detectable_format:square_brackets", none, (r) => {
  const bad = split(r).find((w) => !(w.startsWith("[") && w.endsWith("]")));
  return v(bad === undefined, null, bad === undefined ? "every word is in square brackets" : `${q(bad)} is not wrapped in square brackets`);
});

function keywordCount(keyword: string, r: string): number | string {
  return regexCount(pyStrip(keyword), r);
}

export const wordOnce = checker("keywords:word_once", z.object({ keyword: text }).strict(), (r, p) => {
  const n = keywordCount(p.keyword, r);
  if (typeof n === "string") return failure(n);
  return v(n === 1, n, `${q(p.keyword)} occurs ${plural(n, "time")}; expected exactly once`);
});

function related(n: number, relation: Relation, threshold: number): boolean {
  return relation === "less than" ? n < threshold : n >= threshold;
}

export const wordCountDifferentNumbers = checker("keywords:word_count_different_numbers", z.object({ keyword: text, frequency: int, relation: relationSchema }).strict(), (r, p) => {
  const n = keywordCount(p.keyword, r);
  if (typeof n === "string") return failure(n);
  return v(related(n, p.relation, p.frequency), n, `${q(p.keyword)} occurs ${plural(n, "time")}; expected ${p.relation} ${p.frequency}`);
});

export const excludeWordHarder = checker("keywords:exclude_word_harder", z.object({ keyword: text }).strict(), (r, p) => {
  const found = r.includes(` ${pyStrip(p.keyword)} `);
  return v(!found, null, found ? `${q(p.keyword)} appears with a space on each side` : `${q(p.keyword)} never appears with a space on each side`);
});

function twoParagraphs(pieces: string[]): CheckOutcome {
  let n = pieces.length;
  for (const [i, piece] of pieces.entries()) {
    if (pyStrip(piece) === "") {
      if (i === 0 || i === pieces.length - 1) n--;
      else return v(false, null, `paragraph ${i + 1} is empty`);
    }
  }
  return v(n === 2, n, `${plural(n, "paragraph")}; expected exactly 2`);
}

const STAR_DIVIDER = new RegExp(`[${PY_WS_CLASS}]?\\*\\*\\*[${PY_WS_CLASS}]?`, "u");

export const paragraphs = checker("paragraphs:paragraphs", none, (r) => twoParagraphs(r.split(STAR_DIVIDER)));
export const paragraphs2 = checker("paragraphs:paragraphs2", none, (r) => twoParagraphs(r.split("\n\n")));

export const firstWordSent = checker("first_word:first_word_sent", z.object({ first_word: text }).strict(), (r, p) => {
  const want = pyStrip(p.first_word).toLowerCase();
  for (const [i, s] of sentences(r).entries()) {
    if (pyStrip(s) === "") return v(false, i + 1, `sentence ${i + 1} is empty`);
    const w = split(s)[0]!;
    if (w.toLowerCase() !== want) return v(false, i + 1, `sentence ${i + 1} starts with ${q(w)}; expected ${q(p.first_word)}`);
  }
  return v(true, null, `every sentence starts with ${q(p.first_word)}`);
});

export const firstWordAnswer = checker("first_word:first_word_answer", z.object({ first_word: text }).strict(), (r, p) => {
  const words = split(r);
  if (words.length === 0) return v(false, null, "no words");
  return v(words[0]!.toLowerCase() === pyStrip(p.first_word).toLowerCase(), words[0]!, `the first word is ${q(words[0]!)}; expected ${q(p.first_word)}`);
});

const NON_WORD_NON_SPACE = new RegExp(`[^\\p{L}\\p{N}_${PY_WS_CLASS}]`, "gu");
const bareWord = (w: string) => pyStrip(w).replace(NON_WORD_NON_SPACE, "").toLowerCase();

export const lastWordSent = checker("last_word:last_word_sent", z.object({ last_word: text }).strict(), (r, p) => {
  const want = pyStrip(p.last_word).toLowerCase();
  for (const [i, s] of sentences(r).entries()) {
    if (pyStrip(s) === "") return v(false, i + 1, `sentence ${i + 1} is empty`);
    const words = split(s);
    const w = bareWord(words[words.length - 1]!);
    if (w !== want) return v(false, i + 1, `sentence ${i + 1} ends with ${q(w)}; expected ${q(p.last_word)}`);
  }
  return v(true, null, `every sentence ends with ${q(p.last_word)}`);
});

export const lastWordAnswer = checker("last_word:last_word_answer", z.object({ last_word: text }).strict(), (r, p) => {
  const words = split(r);
  if (words.length === 0) return v(false, null, "no words");
  const w = bareWord(words[words.length - 1]!);
  return v(w === pyStrip(p.last_word).toLowerCase(), w, `the last word is ${q(w)}; expected ${q(p.last_word)}`);
});

export const bigramWrapping = checker("detectable_format:bigram_wrapping", none, (r) => {
  const words = split(r);
  for (let i = 0; i + 1 < words.length; i += 2) {
    if (!(words[i]!.startsWith("<<") && words[i + 1]!.endsWith(">>"))) return v(false, i / 2 + 1, `word pair ${i / 2 + 1} (${q(words[i]!)} ${q(words[i + 1]!)}) is not wrapped in << >>`);
  }
  return v(true, null, "every word pair is wrapped in << >>");
});

export const copyingSimple = checker("copy:copying_simple", z.object({ prompt_to_repeat: text }).strict(), (r, p) =>
  v(sameText(r, p.prompt_to_repeat), null, sameText(r, p.prompt_to_repeat) ? "repeats the request verbatim" : "is not the request verbatim"),
);

export const copyingMultiple = checker("copy:copying_multiple", z.object({ prompt_to_repeat: text, N: int }).strict(), (r, p) => {
  const copies = r.split("******");
  if (copies.length !== p.N) return v(false, copies.length, `${plural(copies.length, "copy", "copies")} separated by ******; expected ${p.N}`);
  const ok = copies.every((c) => sameText(c, p.prompt_to_repeat));
  return v(ok, copies.length, ok ? `${p.N} verbatim copies of the request` : "a copy differs from the request");
});

export const punctuationDot = checker("punctuation:punctuation_dot", none, (r) => v(!r.includes("."), null, r.includes(".") ? "contains a period" : "no period"));
export const punctuationExclamation = checker("punctuation:punctuation_exclamation", none, (r) => v(!r.includes("!"), null, r.includes("!") ? "contains an exclamation mark" : "no exclamation mark"));

/** `re.findall(r"\b[a-z]+\b")` with Python's Unicode `\b`: ASCII-lowercase runs not touching other word characters. */
const LOWER_WORD = /(?<![\p{L}\p{N}_])[a-z]+(?![\p{L}\p{N}_])/gu;

export const lowercaseCounting = checker("count:lowercase_counting", z.object({ N: int }).strict(), (r, p) => {
  const n = r.match(LOWER_WORD)?.length ?? 0;
  return v(n <= p.N, n, `${plural(n, "all-lowercase word")}; at most ${p.N} allowed`);
});

export const letterCounting = checker("letters:letter_counting", z.object({ N: int, relation: relationSchema }).strict(), (r, p) => {
  const n = r.match(/[a-zA-Z]/g)?.length ?? 0;
  return v(related(n, p.relation, p.N), n, `${plural(n, "letter")}; expected ${p.relation} ${p.N}`);
});

export const letterCounting2 = checker("letters:letter_counting2", z.object({ letter: text, let_frequency: int, let_relation: relationSchema }).strict(), (r, p) => {
  const letter = pyStrip(p.letter).toLowerCase();
  let n = 0;
  for (const ch of r.toLowerCase()) if (ch === letter) n++;
  return v(related(n, p.let_relation, p.let_frequency), n, `${q(letter)} occurs ${plural(n, "time")}; expected ${p.let_relation} ${p.let_frequency}`);
});

export const countingComposition = checker("count:counting_composition", z.object({ n_sent: int, n_words: int }).strict(), (r, p) => {
  const pieces = r.split(STAR_DIVIDER);
  let n = pieces.length;
  for (const [i, piece] of pieces.entries()) {
    if (pyStrip(piece) === "") {
      if (i === 0 || i === pieces.length - 1) n--;
      else return v(false, i + 1, `paragraph ${i + 1} is empty`);
    }
    const ss = sentences(piece);
    if (ss.length !== p.n_sent) return v(false, i + 1, `paragraph ${i + 1} has ${plural(ss.length, "sentence")}; expected ${p.n_sent}`);
    for (const s of ss) {
      const words = nltkWordTokenize(s).length;
      if (words !== p.n_words) return v(false, i + 1, `a sentence of paragraph ${i + 1} has ${plural(words, "token")}; expected ${p.n_words}`);
    }
  }
  return v(n === 3, n, `${plural(n, "paragraph")}; expected 3`);
});

export const countUnique = checker("count:count_unique", none, (r) => {
  const tokens = nltkWordTokenize(r);
  const n = new Set(tokens).size;
  return v(n === tokens.length, tokens.length - n, n === tokens.length ? "no token repeats" : `${plural(tokens.length - n, "repeated token")}`);
});

export const countIncrementWord = checker("count:count_increment_word", z.object({ keyword1: text, keyword2: text }).strict(), (r, p) => {
  const a = keywordCount(p.keyword1, r);
  const b = keywordCount(p.keyword2, r);
  if (typeof a === "string") return failure(a);
  if (typeof b === "string") return failure(b);
  return v(a === 1 && b === 2, null, `${q(p.keyword1)} occurs ${plural(a, "time")} (expected 1), ${q(p.keyword2)} ${plural(b, "time")} (expected 2)`);
});

export const palindrome = checker("keywords:palindrome", none, (r) => {
  const hit = split(r).find((w) => Array.from(w).reverse().join("") === w);
  return v(hit !== undefined, null, hit !== undefined ? `${q(hit)} is a palindrome` : "no word is a palindrome");
});

export const keywordSpecificPosition = checker("keywords:keyword_specific_position", z.object({ keyword: text, n: int, m: int }).strict(), (r, p) => {
  const ss = sentences(r);
  if (ss.length < p.n) return v(false, ss.length, `${plural(ss.length, "sentence")}; sentence ${p.n} is needed`);
  const s = ss[p.n - 1 < 0 ? ss.length + p.n - 1 : p.n - 1];
  if (s === undefined) return failure(`no sentence ${p.n}`);
  const words = nltkWordTokenize(s);
  if (words.length < p.m) return v(false, words.length, `sentence ${p.n} has ${plural(words.length, "token")}; token ${p.m} is needed`);
  const w = words[p.m - 1 < 0 ? words.length + p.m - 1 : p.m - 1];
  if (w === undefined) return failure(`no token ${p.m}`);
  // Case-sensitive here; IFBench's words:keywords_specific_position ignores case in its current code.
  return v(w === pyStrip(p.keyword), w, `token ${p.m} of sentence ${p.n} is ${q(w)}; expected ${q(p.keyword)}`);
});

export const startEnd = checker("keywords:start_end", none, (r) => {
  const t = nltkWordTokenize(r);
  if (t.length < 2) return v(false, t.length, `${plural(t.length, "token")}; at least 2 are needed`);
  const ok = t[0]!.toLowerCase() === t[t.length - 1]!.toLowerCase();
  return v(ok, null, `starts with ${q(t[0]!)} and ends with ${q(t[t.length - 1]!)}`);
});
