/**
 * Sentence counting and splitting with IFEval's exact behaviour.
 *
 * - `countIfevalSentences` is the reference `count_sentences`: the number of
 *   sentences NLTK's pre-trained English Punkt model finds (see `punkt.ts`).
 *   Bullet lines without final punctuation merge into one sentence; "e.g." ends
 *   a sentence (it is not in the model's abbreviation list) while "Mr." and
 *   "U.S." normally do not.
 * - `splitIntoSentencesRuleBased` is the reference `split_into_sentences`, a
 *   rule-based splitter that protects titles, acronyms, websites, decimals and
 *   ellipses before splitting on `.`, `?` and `!`. IFEval only uses it in a
 *   disabled instruction; it is provided for completeness.
 */
import { punktSentenceSpans } from "./punkt.js";
import { PY_WS_CLASS, pyStrip } from "./python-chars.js";

/** Number of sentences, as the IFEval reference counts them. */
export function countIfevalSentences(text: string): number {
  return punktSentenceSpans(text).length;
}

/** Sentences with their UTF-16 offsets, for evidence messages. */
export function ifevalSentenceSpans(text: string): Array<{ start: number; end: number; text: string }> {
  return punktSentenceSpans(text).map(([start, end]) => ({ start, end, text: text.slice(start, end) }));
}

const ALPHABETS = "([A-Za-z])";
const PREFIXES = "(Mr|St|Mrs|Ms|Dr)[.]";
const SUFFIXES = "(Inc|Ltd|Jr|Sr|Co)";
const SP = `[${PY_WS_CLASS}]`;
const STARTERS = `(Mr|Mrs|Ms|Dr|Prof|Capt|Cpt|Lt|He${SP}|She${SP}|It${SP}|They${SP}|Their${SP}|Our${SP}|We${SP}|But${SP}|However${SP}|That${SP}|This${SP}|Wherever)`;
const ACRONYMS = "([A-Z][.][A-Z][.](?:[A-Z][.])?)";
const WEBSITES = "[.](com|net|org|io|gov|edu|me)";
const DIGITS = "([0-9])";

/**
 * The reference's rule-based `split_into_sentences`. Note that the `\s` in the
 * starter list is the only Unicode-sensitive piece; the rest is ASCII.
 */
export function splitIntoSentencesRuleBased(input: string): string[] {
  let text = " " + input + "  ";
  text = text.replaceAll("\n", " ");
  text = text.replace(new RegExp(PREFIXES, "g"), "$1<prd>");
  text = text.replace(new RegExp(WEBSITES, "g"), "<prd>$1");
  text = text.replace(new RegExp(DIGITS + "[.]" + DIGITS, "g"), "$1<prd>$2");
  text = text.replace(/\.{2,}/g, (m) => "<prd>".repeat(m.length) + "<stop>");
  if (text.includes("Ph.D")) text = text.replaceAll("Ph.D.", "Ph<prd>D<prd>");
  text = text.replace(new RegExp(SP + ALPHABETS + "[.] ", "gu"), " $1<prd> ");
  text = text.replace(new RegExp(ACRONYMS + " " + STARTERS, "gu"), "$1<stop> $2");
  text = text.replace(new RegExp(ALPHABETS + "[.]" + ALPHABETS + "[.]" + ALPHABETS + "[.]", "g"), "$1<prd>$2<prd>$3<prd>");
  text = text.replace(new RegExp(ALPHABETS + "[.]" + ALPHABETS + "[.]", "g"), "$1<prd>$2<prd>");
  text = text.replace(new RegExp(" " + SUFFIXES + "[.] " + STARTERS, "gu"), " $1<stop> $2");
  text = text.replace(new RegExp(" " + SUFFIXES + "[.]", "g"), " $1<prd>");
  text = text.replace(new RegExp(" " + ALPHABETS + "[.]", "g"), " $1<prd>");
  if (text.includes("”")) text = text.replaceAll(".”", "”.");
  if (text.includes('"')) text = text.replaceAll('."', '".');
  if (text.includes("!")) text = text.replaceAll('!"', '"!');
  if (text.includes("?")) text = text.replaceAll('?"', '"?');
  text = text.replaceAll(".", ".<stop>");
  text = text.replaceAll("?", "?<stop>");
  text = text.replaceAll("!", "!<stop>");
  text = text.replaceAll("<prd>", ".");
  let sentences = text.split("<stop>").map((s) => pyStrip(s));
  if (sentences.length > 0 && sentences[sentences.length - 1] === "") sentences = sentences.slice(0, -1);
  return sentences;
}
