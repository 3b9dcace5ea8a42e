/**
 * What IFBench's parametrizable checkers measure, as plain functions: the checkers
 * compare these with the benchmark's thresholds, and the general built-ins
 * (src/runtime/builtins/stats.ts) expose them as measures a contract compares any
 * way. One implementation each, so `ifbench_words_palindrome` and
 * `palindromes >= 10` cannot drift apart.
 */
import { isNltkStopword } from "./lexicon.js";
import { cps, removePunctuation, split, stripPunctSpace } from "./python.js";
import { sentences, wordRuns, type IfbenchRevision } from "./support.js";

/** Stop words (NLTK English list) as a percentage of `\w+` words; undefined for a text without words. */
export function stopWordPercentage(r: string): number | undefined {
  const words = wordRuns(r);
  if (words.length === 0) return undefined;
  let stop = 0;
  for (const w of words) if (isNltkStopword(w.toLowerCase())) stop++;
  return (stop / words.length) * 100;
}

/** The distinct lowercased whitespace words, punctuation stripped (a punctuation-only word counts as "", as in the reference). */
export function uniqueWords(r: string): Set<string> {
  return new Set(split(r.toLowerCase()).map((w) => stripPunctSpace(w)));
}

export interface SentenceEndings {
  readonly statements: number;
  readonly questions: number;
  readonly exclamations: number;
}

/** Sentences ending in ".", "?" and "!". */
export function sentenceEndings(r: string, rev: IfbenchRevision): SentenceEndings {
  let statements = 0;
  let questions = 0;
  let exclamations = 0;
  for (const s of sentences(r, rev)) {
    if (s.endsWith(".")) statements++;
    else if (s.endsWith("?")) questions++;
    else if (s.endsWith("!")) exclamations++;
  }
  return { statements, questions, exclamations };
}

/** Distinct runs of three code points (Python's `s[i:i+3]`), each as its own substring: a substring of three code points spells them uniquely. */
function charTrigrams(s: string): Set<string> {
  const out = new Set<string>();
  const width = (i: number) => (s.codePointAt(i)! > 0xffff ? 2 : 1);
  if (s.length === 0) return out;
  let a = 0;
  let b = a + width(a);
  if (b >= s.length) return out;
  let c = b + width(b);
  while (c < s.length) {
    const end = c + width(c);
    out.add(s.slice(a, end));
    a = b;
    b = c;
    c = end;
  }
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

/** Digit runs once punctuation is removed (`3.14` is one number). */
export function digitRuns(r: string): string[] {
  return removePunctuation(r).match(/\p{Nd}+/gu) ?? [];
}

/** How often each word occurs: lowercased whitespace words with punctuation removed, in first-seen order. */
export function wordFrequencies(r: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of split(removePunctuation(r.toLowerCase()))) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Palindromic words of at least `minLength` code points: lowercased whitespace words with punctuation removed (repeats kept). */
export function palindromeWords(r: string, minLength: number): string[] {
  return split(removePunctuation(r).toLowerCase()).filter((w) => {
    if (w.length < minLength) return false; // fewer UTF-16 units, so fewer code points
    const c = cps(w);
    return c.length >= minLength && c.join("") === [...c].reverse().join("");
  });
}

const OPEN = "([{";
const CLOSE: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{" };

/**
 * The deepest level at which a bracket group is closed by its matching bracket; a
 * mismatched closer empties the stack. IFBench's `format:parentheses` passes exactly
 * when this is at least 5: it stops at the first matching closer after reaching
 * depth 5 since the last reset, and that depth is always closed before any
 * shallower one.
 */
export function closedBracketDepth(r: string): number {
  const levels: string[] = [];
  let deepest = 0;
  for (const ch of r) {
    if (OPEN.includes(ch)) levels.push(ch);
    else if (Object.prototype.hasOwnProperty.call(CLOSE, ch)) {
      if (levels.length > 0 && levels[levels.length - 1] === CLOSE[ch]) {
        if (levels.length > deepest) deepest = levels.length;
        levels.pop();
      } else {
        levels.length = 0;
      }
    }
  }
  return deepest;
}

/**
 * IFBench's quotation nesting (`format:quotes`): `"` and `'` matched like brackets
 * (a mark equal to the innermost open one closes it, otherwise opens a new level).
 * The value is the largest "deepest level reached so far minus the level left"
 * right after a close; the checker passes at 3.
 */
export function closedQuoteDepth(r: string): number {
  const levels: string[] = [];
  let reached = 0;
  let best = 0;
  for (const ch of r) {
    if (levels.length !== 0 && ch === levels[levels.length - 1]) {
      levels.pop();
      if (reached - levels.length > best) best = reached - levels.length;
    } else if (ch === '"' || ch === "'") {
      levels.push(ch);
      if (levels.length > reached) reached = levels.length;
    }
  }
  return best;
}
