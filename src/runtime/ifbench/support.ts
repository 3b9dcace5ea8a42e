/**
 * Shared pieces of the IFBench checkers: the kwargs schemas, the checker
 * constructor (the IFEval one, keyed by IFBench id) and the text primitives
 * IFBench's `instructions_util` defines (NLTK sentences and tokens, `\w+` words).
 */
import { z } from "zod";
import { defineChecker, outcome } from "../ifeval/support.js";
import type { CheckFn, CheckOutcome, IfevalChecker } from "../ifeval/types.js";
import { ifevalWordTokens } from "../text/ifeval-words.js";
import { nltkWordTokenize } from "../text/nltk-word-tokenize.js";
import { punktSentences } from "../text/punkt.js";
import { splitIntoSentencesRuleBased } from "../text/sentences.js";
import type { IfbenchId } from "./ids.js";

export { outcome };

/**
 * Which IFBench code a verdict follows. `published`: allenai/IFBench at commit
 * c94da02 (2025-10-17), the code that produced IFBench's published results
 * (`eval/eval_results_*.jsonl`): IFEval's rule-based sentence splitter,
 * substring name and keyword matches, case-sensitive word positions.
 * `current`: the repository head (db69a6f), after the December 2025 fixes
 * (NLTK `sent_tokenize`, whole-word matching, case-insensitive positions).
 */
export const IFBENCH_REVISIONS = ["published", "current"] as const;
export type IfbenchRevision = (typeof IFBENCH_REVISIONS)[number];
export const DEFAULT_IFBENCH_REVISION: IfbenchRevision = "published";

export function isIfbenchRevision(v: unknown): v is IfbenchRevision {
  return typeof v === "string" && (IFBENCH_REVISIONS as readonly string[]).includes(v);
}

export interface IfbenchChecker<P = unknown> extends IfevalChecker<P, IfbenchId> {
  /** The check as the given revision of IFBench runs it (`check` is the default revision). */
  checkAt(revision: IfbenchRevision): CheckFn;
}

/** A whole number (IFBench's kwargs are Python ints; JSON may carry 3.0). */
export const int = z.number().int("must be a whole number");
export const count = int.min(0, "must not be negative");
export const positive = int.min(1, "must be at least 1");
export const text = z.string();
export const none = z.object({}).strict();

export function checker<P>(
  id: IfbenchId,
  params: z.ZodType<P>,
  impl: (response: string, params: P, prompt: string, revision: IfbenchRevision) => CheckOutcome,
): IfbenchChecker<P> {
  const at = Object.fromEntries(
    IFBENCH_REVISIONS.map((rev) => [rev, defineChecker<P, IfbenchId>(id, params, (r, p, prompt) => impl(r, p, prompt, rev)).check]),
  ) as Record<IfbenchRevision, CheckFn>;
  return { id, params, check: at[DEFAULT_IFBENCH_REVISION], checkAt: (rev) => at[rev] };
}

/**
 * `instructions_util.split_into_sentences`: `nltk.sent_tokenize` (English Punkt)
 * in the current code, IFEval's rule-based splitter in the published one.
 */
export function sentences(text: string, revision: IfbenchRevision): string[] {
  return revision === "current" ? punktSentences(text) : splitIntoSentencesRuleBased(text);
}
/** `nltk.word_tokenize`. */
export const wordTokens = nltkWordTokenize;
/** `RegexpTokenizer(r"\w+").tokenize`. */
export const wordRuns = ifevalWordTokens;

/** Python's `seq[i]` for a possibly negative index; undefined when out of range. */
export function pyIndex<T>(xs: readonly T[], i: number): T | undefined {
  const j = i < 0 ? xs.length + i : i;
  return j >= 0 && j < xs.length ? xs[j] : undefined;
}

/** Python's `s[a:b]` on code points. */
export function pySlice(s: string, a: number, b: number): string {
  const c = Array.from(s);
  const norm = (x: number) => (x < 0 ? Math.max(0, c.length + x) : Math.min(x, c.length));
  const lo = norm(a);
  const hi = norm(b);
  return hi > lo ? c.slice(lo, hi).join("") : "";
}

export function pass(measured: CheckOutcome["measured"], evidence: string): CheckOutcome {
  return outcome(true, measured, evidence);
}

export function fail(measured: CheckOutcome["measured"], evidence: string): CheckOutcome {
  return outcome(false, measured, evidence);
}

export function verdict(ok: boolean, measured: CheckOutcome["measured"], evidence: string): CheckOutcome {
  return outcome(ok, measured, evidence);
}
