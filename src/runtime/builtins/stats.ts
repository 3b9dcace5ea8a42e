/**
 * Implementations of the text-statistics built-ins (src/language/builtins/stats.ts).
 * Each calls the measure the corresponding IFBench checker uses
 * (src/runtime/ifbench/measures.ts), so the general form and the benchmark id agree
 * by construction; only the handling of texts without words differs where the
 * registry docs say so.
 */
import { DEFAULT_IFBENCH_REVISION } from "../ifbench/support.js";
import {
  closedBracketDepth,
  closedQuoteDepth,
  digitRuns,
  palindromeWords,
  sentenceEndings,
  stopWordPercentage,
  trigramOverlap,
  uniqueWords,
  wordFrequencies,
  type SentenceEndings,
} from "../ifbench/measures.js";
import { excerpt, plural } from "./text.js";
import { argNumber, argText, BuiltinError, type BuiltinImpl, type BuiltinOutcome } from "./types.js";

function impl(name: string, evaluate: BuiltinImpl["evaluate"]): BuiltinImpl {
  return { name, readsInstruction: false, evaluate };
}

/** A percentage for evidence: at most two decimals, no trailing zeros. */
function percent(x: number): string {
  return `${Number(x.toFixed(2))}%`;
}

function sample(items: readonly string[], max = 5): string {
  if (items.length === 0) return "";
  const shown = items.slice(0, max).map((w) => excerpt(w)).join(", ");
  return ` (${shown}${items.length > max ? `, … ${items.length - max} more` : ""})`;
}

function sentenceKind(name: string, key: keyof SentenceEndings, mark: string): BuiltinImpl {
  return impl(name, (s) => {
    const e = sentenceEndings(s, DEFAULT_IFBENCH_REVISION);
    return { value: e[key], detail: `${plural(e[key], `sentence ending in "${mark}"`, `sentences ending in "${mark}"`)} (of ${e.statements + e.questions + e.exclamations} ending in ".", "?" or "!")` };
  });
}

function depth(value: number, what: string): BuiltinOutcome {
  return { value, detail: value === 0 ? `no ${what} closed` : `${what} closed ${plural(value, "level")} deep` };
}

export const STATS_IMPLS: readonly BuiltinImpl[] = [
  impl("stop_word_percent", (s) => {
    const pct = stopWordPercentage(s);
    return pct === undefined ? { value: 0, detail: "0% stop words (there are no words)" } : { value: pct, detail: `${percent(pct)} stop words (NLTK English list) among the \\w+ words` };
  }),
  impl("unique_words", (s) => {
    const words = [...uniqueWords(s)].filter((w) => w !== "");
    return { value: words.length, detail: `${plural(words.length, "distinct word")}${sample(words)}` };
  }),
  sentenceKind("statements", "statements", "."),
  sentenceKind("questions", "questions", "?"),
  sentenceKind("exclamations", "exclamations", "!"),
  impl("trigram_overlap", (s, args) => {
    const pct = trigramOverlap(s, argText(args, "reference"));
    return pct === undefined ? { value: 0, detail: "0% trigram overlap (fewer than 3 characters)" } : { value: pct, detail: `${percent(pct)} of the distinct character trigrams occur in the reference` };
  }),
  impl("numbers", (s) => {
    const runs = digitRuns(s);
    return { value: runs.length, detail: `${plural(runs.length, "number")}${sample(runs)}` };
  }),
  impl("max_word_repeats", (s) => {
    let top: [string, number] | undefined;
    for (const entry of wordFrequencies(s)) if (!top || entry[1] > top[1]) top = entry;
    return top ? { value: top[1], detail: `${excerpt(top[0])} occurs ${plural(top[1], "time")}, more than any other word` } : { value: 0, detail: "no words" };
  }),
  impl("palindromes", (s, args) => {
    const min = argNumber(args, "min_length");
    if (!Number.isInteger(min) || min < 1) throw new BuiltinError(`\`min_length\` must be a whole number of at least 1, not ${min}`);
    const found = palindromeWords(s, min);
    return { value: found.length, detail: `${plural(found.length, `palindrome of ${min}+ characters`, `palindromes of ${min}+ characters`)}${sample([...new Set(found)])}` };
  }),
  impl("bracket_depth", (s) => depth(closedBracketDepth(s), "brackets")),
  impl("quote_depth", (s) => depth(closedQuoteDepth(s), "quotations")),
];
