/**
 * What the neural policy reads of an instruction: a token sequence, nothing
 * else. Words are lower-cased, numbers are spelled digit by digit (so "30" and
 * "3" share pieces and no count is handed over as a value), punctuation marks
 * and line breaks are tokens, and every token is hashed into `buckets` input
 * rows. Double-quoted phrases (1-40 characters, as the embedded policy reads
 * them) are also copy candidates: the encoder's state right after the closing
 * quote is the phrase's key.
 */
import { fnv1a } from "../../hash.js";

export interface QuotedPhrase {
  readonly text: string;
  /** Index of the closing-quote token. */
  readonly end: number;
}

export interface TokenizedInstruction {
  /** Input-row index of each token. */
  readonly ids: Int32Array;
  /** Distinct quoted phrases, in order of appearance (at most MAX_QUOTES). */
  readonly quotes: readonly QuotedPhrase[];
}

const MAX_QUOTES = 6;
const MAX_TOKENS = 160;
const PIECE = /"([^"\n]{1,40})"|\d|[\p{L}][\p{L}\p{N}'-]*|\n|\S/gu;
const INNER = /\d|[\p{L}][\p{L}\p{N}'-]*|\S/gu;

export function tokenizeInstruction(text: string, buckets: number): TokenizedInstruction {
  const toks: string[] = [];
  const quotes: QuotedPhrase[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(PIECE)) {
    if (m[1] !== undefined) {
      toks.push('"');
      for (const inner of m[1].matchAll(INNER)) toks.push(inner[0].toLowerCase());
      toks.push('"');
      if (!seen.has(m[1]) && quotes.length < MAX_QUOTES) {
        seen.add(m[1]);
        quotes.push({ text: m[1], end: Math.min(toks.length, MAX_TOKENS) - 1 });
      }
    } else toks.push(m[0] === "\n" ? "<nl>" : m[0].toLowerCase());
  }
  if (toks.length > MAX_TOKENS) toks.length = MAX_TOKENS;
  if (toks.length === 0) toks.push("<empty>");
  const ids = Int32Array.from(toks.map((t) => fnv1a(t) % buckets));
  return { ids, quotes };
}
