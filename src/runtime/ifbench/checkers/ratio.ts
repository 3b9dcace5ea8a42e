/** IFBench `ratio:*` checkers. */
import { z } from "zod";
import { plural } from "../../ifeval/support.js";
import { codePointLength, pyStrip } from "../../text/python-chars.js";
import { isNltkStopword } from "../lexicon.js";
import { checker, none, sentences, text, verdict, wordRuns, type IfbenchRevision } from "../support.js";

/** Stop words (NLTK English list) as a percentage of `\w+` words; undefined for a text without words. */
export function stopWordPercentage(r: string): number | undefined {
  const words = wordRuns(r);
  if (words.length === 0) return undefined;
  const stop = words.filter((w) => isNltkStopword(w.toLowerCase())).length;
  return (stop / words.length) * 100;
}

export const stopWords = checker("ratio:stop_words", z.object({ percentage: z.number() }).strict(), (r, p) => {
  const pct = stopWordPercentage(r);
  if (pct === undefined) return verdict(false, null, "no words; the reference fails a text without words");
  return verdict(pct <= p.percentage, pct, `${pct.toFixed(1)}% stop words; expected at most ${p.percentage}%`);
});

/** Sentences (NLTK) ending in ".", "?" and "!". */
export function sentenceEndings(r: string, rev: IfbenchRevision): { statements: number; questions: number; exclamations: number } {
  const ss = sentences(r, rev);
  return {
    statements: ss.filter((s) => s.endsWith(".")).length,
    questions: ss.filter((s) => s.endsWith("?")).length,
    exclamations: ss.filter((s) => s.endsWith("!")).length,
  };
}

export const sentenceType = checker("ratio:sentence_type", none, (r, _p, _q, rev) => {
  const e = sentenceEndings(r, rev);
  return verdict(e.statements === 2 * e.questions, e.statements, `${plural(e.statements, "sentence")} ending in "." and ${e.questions} in "?"; expected twice as many "." as "?"`);
});

export const sentenceBalance = checker("ratio:sentence_balance", none, (r, _p, _q, rev) => {
  const e = sentenceEndings(r, rev);
  const ok = e.statements === e.questions && e.questions === e.exclamations;
  return verdict(ok, e.statements, `${e.statements} sentences end in ".", ${e.questions} in "?", ${e.exclamations} in "!"; expected equal counts`);
});

function charTrigrams(s: string): Set<string> {
  const c = Array.from(s);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= c.length; i++) out.add(c[i]! + "\u0000" + c[i + 1]! + "\u0000" + c[i + 2]!);
  return out;
}

/** Share (0–100) of the response's distinct character trigrams that also occur in the reference; undefined without trigrams. */
export function trigramOverlap(response: string, reference: string): number | undefined {
  const mine = charTrigrams(response);
  if (mine.size === 0) return undefined;
  const ref = charTrigrams(reference);
  let shared = 0;
  for (const g of mine) if (ref.has(g)) shared++;
  return (shared / mine.size) * 100;
}

export const overlap = checker("ratio:overlap", z.object({ reference_text: text, percentage: z.number() }).strict(), (r, p) => {
  const pct = trigramOverlap(r, p.reference_text);
  if (pct === undefined) return verdict(false, null, "the response has no character trigrams");
  const ok = p.percentage - 2 <= pct && pct <= p.percentage + 2;
  return verdict(ok, pct, `${pct.toFixed(1)}% of its character trigrams are in the reference text; expected ${p.percentage}% ± 2`);
});

export const sentenceWords = checker("ratio:sentence_words", none, (r, _p, _q, rev) => {
  const ss = sentences(r, rev);
  if (ss.length !== 3) return verdict(false, ss.length, `${plural(ss.length, "sentence")}; expected exactly 3 of equal length`);
  const lens = ss.map((s) => codePointLength(pyStrip(s)));
  return verdict(lens.every((l) => l === lens[0]), ss.length, `3 sentences of ${lens.join(", ")} characters; expected equal lengths`);
});

