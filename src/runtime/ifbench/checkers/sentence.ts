/** IFBench `sentence:*` checkers. */
import { z } from "zod";
import { plural, q } from "../../ifeval/support.js";
import { pyStrip } from "../../text/python-chars.js";
import { containsBoundedLiteral, firstChar, removePunctuation, split, stripPunctSpace } from "../python.js";
import { checker, fail, int, none, pass, pyIndex, sentences, text, verdict } from "../support.js";

/** A sentence's alliteration score: each run of words sharing a first letter scores 2 for its first pair and 1 per further word. */
export function alliterationScore(sentence: string): number {
  const words = split(sentence.toLowerCase())
    .map((w) => stripPunctSpace(w, "left"))
    .filter((w) => w !== "");
  let score = 0;
  let inRun = false;
  for (let i = 0; i + 1 < words.length; i++) {
    if (firstChar(words[i]!) === firstChar(words[i + 1]!)) {
      score += inRun ? 1 : 2;
      inRun = true;
    } else inRun = false;
  }
  return score;
}

export const alliterationIncrement = checker("sentence:alliteration_increment", none, (r, _p, _q, rev) => {
  let prev = -1;
  const ss = sentences(r, rev);
  for (const [i, s] of ss.entries()) {
    const score = alliterationScore(s);
    if (score <= prev) return fail(i + 1, `sentence ${i + 1} scores ${score} for alliteration, not more than sentence ${i} (${prev})`);
    prev = score;
  }
  return pass(ss.length, "alliteration increases from sentence to sentence");
});

export const keyword = checker("sentence:keyword", z.object({ word: text, N: int }).strict(), (r, p, _q, rev) => {
  const ss = sentences(r, rev);
  if (ss.length < p.N) return fail(ss.length, `${plural(ss.length, "sentence")}; sentence ${p.N} is needed`);
  const s = pyIndex(ss, p.N - 1);
  if (s === undefined) return fail(null, `no sentence ${p.N}`);
  // Current: a whole word, ignoring case; published: a case-insensitive substring.
  const found = rev === "current" ? containsBoundedLiteral(s, p.word, true) : s.toLowerCase().includes(p.word.toLowerCase());
  return verdict(found, null, `sentence ${p.N} ${found ? "contains" : "does not contain"} ${q(p.word)}`);
});

function wordCount(s: string): number {
  return split(pyStrip(removePunctuation(s))).length;
}

export const increment = checker("sentence:increment", z.object({ small_n: int }).strict(), (r, p, _q, rev) => {
  const ss = sentences(r, rev);
  if (ss.length === 0) return fail(0, "no sentences");
  let prev = wordCount(ss[0]!);
  for (let i = 1; i < ss.length; i++) {
    const n = wordCount(ss[i]!);
    if (n !== prev + p.small_n) return fail(i + 1, `sentence ${i + 1} has ${plural(n, "word")}; expected ${prev + p.small_n} (${p.small_n} more than sentence ${i})`);
    prev = n;
  }
  return pass(ss.length, `each of ${plural(ss.length, "sentence")} has ${p.small_n} more words than the one before`);
});
