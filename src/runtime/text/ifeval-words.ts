/**
 * IFEval word counting: NLTK `RegexpTokenizer(r"\w+")`, i.e. every maximal run
 * of Python word characters is one word. Apostrophes and hyphens split words
 * ("don't" is 2, "state-of-the-art" is 4), digits and underscores are word
 * characters, and combining marks are not (so some Indic words split).
 */
import { PY_WORD_CLASS } from "./python-chars.js";

const WORD_RUN = new RegExp(`[${PY_WORD_CLASS}]+`, "gu");

/** Number of `\w+` tokens, exactly as the reference `count_words` computes it. */
export function countIfevalWords(text: string): number {
  WORD_RUN.lastIndex = 0;
  let n = 0;
  while (WORD_RUN.exec(text) !== null) n++;
  WORD_RUN.lastIndex = 0;
  return n;
}

/** The `\w+` tokens themselves (for evidence and tests). */
export function ifevalWordTokens(text: string): string[] {
  return text.match(new RegExp(WORD_RUN.source, "gu")) ?? [];
}
