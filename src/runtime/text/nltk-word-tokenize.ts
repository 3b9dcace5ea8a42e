/**
 * Port of `nltk.word_tokenize` (NLTK 3.8): Punkt sentence splitting followed by
 * `NLTKWordTokenizer` (the improved Penn Treebank tokenizer) on each sentence.
 *
 * IFEval's `change_case:capital_word_frequency` counts the tokens this produces
 * that satisfy Python's `str.isupper()`, so token boundaries matter: "DON'T"
 * becomes "DO" + "N'T" (two capital words), "STATE-OF-THE-ART" stays one token,
 * "U.S." keeps its periods except at the end of a sentence.
 *
 * Regular expressions are rewritten with Python's Unicode meaning of `\s`,
 * `\w`, `\d`, `\b` and `$`.
 */
import { PY_WORD_CLASS, PY_WS_CLASS, pySplitWhitespace } from "./python-chars.js";
import { punktSentences } from "./punkt.js";

const W = `[${PY_WORD_CLASS}]`;
const B = `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`;
const WS = `[${PY_WS_CLASS}]`;
/** Python `$` without MULTILINE: end of string, or before a final newline. */
const END = "(?=\\n?(?![\\s\\S]))";

/**
 * A rewrite rule: pattern, replacement and, for rules that can only match where a
 * literal occurs, that literal as a pattern with the same flags: when it does not
 * occur the rule cannot match and is skipped (a plain scan instead of lookarounds
 * tried at every position; same result).
 */
type Rule = readonly [RegExp, string, RegExp?];

const rule = (source: string, replacement: string, flags = "", needs?: string): Rule =>
  needs === undefined ? [new RegExp(source, `gu${flags}`), replacement] : [new RegExp(source, `gu${flags}`), replacement, new RegExp(needs, `u${flags}`)];

const STARTING_QUOTES: readonly Rule[] = [
  rule("([«“‘„]|[`]+)", " $1 "),
  rule('^"', "``"),
  rule("(``)", " $1 "),
  rule(`([ (\\[{<])("|'{2})`, "$1 `` "),
  rule(`(')(?!re|ve|ll|m|t|s|d|n)(${W})${B}`, "$1 $2", "i"),
];

const PUNCTUATION: readonly Rule[] = [
  rule(`([^.])(\\.)([\\])}>"'»”’ ]*)${WS}*${END}`, "$1 $2 $3 "),
  rule("([:,])([^\\p{Nd}])", " $1 $2"),
  rule(`([:,])${END}`, " $1 "),
  rule("\\.{2,}", " $& "),
  rule("[;@#$%&]", " $& "),
  rule(`([^.])(\\.)([\\])}>"']*)${WS}*${END}`, "$1 $2$3 "),
  rule("[?!]", " $& "),
  rule("([^'])' ", "$1 ' "),
  rule("[*]", " $& "),
];

const PARENS_BRACKETS: Rule = rule("[\\]\\[(){}<>]", " $& ");
const DOUBLE_DASHES: Rule = rule("--", " -- ");

const ENDING_QUOTES: readonly Rule[] = [
  rule("([»”’])", " $1 "),
  rule("''", " '' "),
  rule('"', " '' "),
  rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
  rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "),
];

const CONTRACTIONS2: readonly Rule[] = [
  rule(`${B}(can)(not)${B}`, " $1 $2 ", "i", "cannot"),
  rule(`${B}(d)('ye)${B}`, " $1 $2 ", "i", "d'ye"),
  rule(`${B}(gim)(me)${B}`, " $1 $2 ", "i", "gimme"),
  rule(`${B}(gon)(na)${B}`, " $1 $2 ", "i", "gonna"),
  rule(`${B}(got)(ta)${B}`, " $1 $2 ", "i", "gotta"),
  rule(`${B}(lem)(me)${B}`, " $1 $2 ", "i", "lemme"),
  rule(`${B}(more)('n)${B}`, " $1 $2 ", "i", "more'n"),
  rule(`${B}(wan)(na)(?=${WS})`, " $1 $2 ", "i", "wanna"),
];

const CONTRACTIONS3: readonly Rule[] = [rule(` ('t)(is)${B}`, " $1 $2 ", "i", " 'tis"), rule(` ('t)(was)${B}`, " $1 $2 ", "i", " 'twas")];

/** The rules that carry a required literal (the prefilter test checks each literal against its rule). */
export const PREFILTERED_RULES: readonly Rule[] = [...CONTRACTIONS2, ...CONTRACTIONS3];

function apply(text: string, rules: readonly Rule[]): string {
  let t = text;
  for (const [re, rep, needs] of rules) {
    if (needs !== undefined && !needs.test(t)) continue;
    re.lastIndex = 0;
    t = t.replace(re, rep);
  }
  return t;
}

/** `NLTKWordTokenizer().tokenize(sentence)`. */
export function treebankWordTokenize(sentence: string): string[] {
  let text = apply(sentence, STARTING_QUOTES);
  text = apply(text, PUNCTUATION);
  text = apply(text, [PARENS_BRACKETS, DOUBLE_DASHES]);
  text = " " + text + " ";
  text = apply(text, ENDING_QUOTES);
  text = apply(text, CONTRACTIONS2);
  text = apply(text, CONTRACTIONS3);
  return pySplitWhitespace(text);
}

const HAS_UPPER = /\p{Uppercase}/u;
const HAS_LOWER_OR_TITLE = /[\p{Lowercase}\p{Lt}]/u;
const HAS_NON_LETTER = /\P{L}/u;
/** Letter-only words the tokenizer splits (CONTRACTIONS2 without apostrophes). */
const LETTER_CONTRACTION = /^(?:cannot|gimme|gonna|gotta|lemme|wanna)$/iu;

/**
 * Could tokenizing this sentence produce an all-capitals token? The tokenizer
 * never merges whitespace-separated chunks, and it only splits between two
 * letters inside the contractions above; every other split happens at a
 * non-letter character. So a chunk that mixes upper- and lower-case letters,
 * contains nothing but letters and is not such a contraction yields exactly
 * one token, which is not all capitals.
 */
function mayHaveUpperToken(sentence: string): boolean {
  if (!HAS_UPPER.test(sentence)) return false;
  for (const chunk of pySplitWhitespace(sentence)) {
    if (!HAS_UPPER.test(chunk)) continue;
    if (!HAS_LOWER_OR_TITLE.test(chunk) || HAS_NON_LETTER.test(chunk) || LETTER_CONTRACTION.test(chunk)) return true;
  }
  return false;
}

/**
 * The tokens of `nltk.word_tokenize(text)` for which Python's `str.isupper()`
 * is true. Sentences that cannot contribute (see `mayHaveUpperToken`) are not
 * tokenized, which keeps very large texts fast; the result is identical.
 */
export function nltkUpperCaseTokens(text: string, isUpper: (token: string) => boolean): string[] {
  const out: string[] = [];
  if (!HAS_UPPER.test(text)) return out;
  for (const sentence of punktSentences(text)) {
    if (!mayHaveUpperToken(sentence)) continue;
    for (const tok of treebankWordTokenize(sentence)) if (isUpper(tok)) out.push(tok);
  }
  return out;
}

/** `nltk.word_tokenize(text)` with the English Punkt model. */
export function nltkWordTokenize(text: string): string[] {
  const out: string[] = [];
  for (const sentence of punktSentences(text)) for (const tok of treebankWordTokenize(sentence)) out.push(tok);
  return out;
}
