/** IFBench `ratio:*` checkers. */
import { z } from "zod";
import { plural } from "../../ifeval/support.js";
import { codePointLength, pyStrip } from "../../text/python-chars.js";
import { sentenceEndings, stopWordPercentage, trigramOverlap } from "../measures.js";
import { checker, none, sentences, text, verdict } from "../support.js";

export const stopWords = checker("ratio:stop_words", z.object({ percentage: z.number() }).strict(), (r, p) => {
  const pct = stopWordPercentage(r);
  if (pct === undefined) return verdict(false, null, "no words; the reference fails a text without words");
  return verdict(pct <= p.percentage, pct, `${pct.toFixed(1)}% stop words; expected at most ${p.percentage}%`);
});

export const sentenceType = checker("ratio:sentence_type", none, (r, _p, _q, rev) => {
  const e = sentenceEndings(r, rev);
  return verdict(e.statements === 2 * e.questions, e.statements, `${plural(e.statements, "sentence")} ending in "." and ${e.questions} in "?"; expected twice as many "." as "?"`);
});

export const sentenceBalance = checker("ratio:sentence_balance", none, (r, _p, _q, rev) => {
  const e = sentenceEndings(r, rev);
  const ok = e.statements === e.questions && e.questions === e.exclamations;
  return verdict(ok, e.statements, `${e.statements} sentences end in ".", ${e.questions} in "?", ${e.exclamations} in "!"; expected equal counts`);
});

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

