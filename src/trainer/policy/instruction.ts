/**
 * What the embedded policy sees of an instruction: generic text features, with
 * no knowledge of contracts, verifiers or the IR.
 *
 * The text is split into clauses (lines, then sentences). From each clause:
 * - its words (lower-cased, outside quotes) -> global unigram features `u:word`;
 * - every number, with a context: the word before it (`p:`), the word after it
 *   (`n:`), and the clause's other content words (`c:`), so "exactly 3 bullet
 *   points" and "between 30 and 60 words" give differently keyed numbers;
 * - every double-quoted phrase (up to 40 characters), which the policy can copy,
 *   with a context of the word before the quote and the clause's words.
 */
import { fnv1a } from "../hash.js";

export interface NumberSlot {
  readonly value: number;
  /** Hashes of the context features (`p:before`, `n:after`, `c:word`...). */
  readonly ctx: readonly number[];
}

export interface QuoteSlot {
  readonly text: string;
  /** Lower-cased text, for matching static tokens. */
  readonly lower: string;
  readonly ctx: readonly number[];
  /** Words in the phrase (letter/digit runs). */
  readonly words: number;
}

export interface InstructionInfo {
  readonly unigrams: readonly number[];
  readonly numbers: readonly NumberSlot[];
  readonly quotes: readonly QuoteSlot[];
}

const STOP = new Set(["the", "a", "an", "of", "to", "your", "this", "that", "is", "be", "it", "at", "for", "on", "in"]);
const MAX_NUMBERS = 6;
const MAX_QUOTES = 6;
const MAX_CLAUSE_WORDS = 4;

export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}]+/gu);
  return m ? m.length : 0;
}

interface Piece {
  kind: "word" | "number" | "quote";
  text: string;
}

function splitClauses(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    // Sentence ends outside quotes.
    let cur = "";
    let inQuote = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i] as string;
      cur += ch;
      if (ch === '"') inQuote = !inQuote;
      if (!inQuote && (ch === "." || ch === "!" || ch === "?" || ch === ";") && (i + 1 === line.length || line[i + 1] === " ")) {
        out.push(cur);
        cur = "";
      }
    }
    if (cur.trim() !== "") out.push(cur);
  }
  return out;
}

function pieces(clause: string): Piece[] {
  const out: Piece[] = [];
  const re = /"([^"\n]{1,40})"|(\d+(?:\.\d+)?)|([\p{L}][\p{L}\p{N}'-]*)/gu;
  for (const m of clause.matchAll(re)) {
    if (m[1] !== undefined) out.push({ kind: "quote", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "number", text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: "word", text: m[3].toLowerCase() });
  }
  return out;
}

export function analyzeInstruction(text: string): InstructionInfo {
  const unigrams = new Set<number>();
  const numbers: NumberSlot[] = [];
  const quotes: QuoteSlot[] = [];
  const seenQuotes = new Set<string>();
  for (const clause of splitClauses(text)) {
    const ps = pieces(clause);
    const content = [...new Set(ps.filter((p) => p.kind === "word" && !STOP.has(p.text)).map((p) => p.text))].slice(0, MAX_CLAUSE_WORDS);
    const clauseCtx = content.map((w) => fnv1a(`c:${w}`));
    for (const p of ps) if (p.kind === "word") unigrams.add(fnv1a(`u:${p.text}`));
    ps.forEach((p, i) => {
      const before = ps[i - 1];
      const after = ps[i + 1];
      if (p.kind === "number" && numbers.length < MAX_NUMBERS) {
        const ctx = [
          fnv1a(`p:${before?.kind === "word" ? before.text : "-"}`),
          fnv1a(`n:${after?.kind === "word" ? after.text : "-"}`),
          ...clauseCtx,
        ];
        numbers.push({ value: Number(p.text), ctx });
      } else if (p.kind === "quote" && quotes.length < MAX_QUOTES && !seenQuotes.has(p.text)) {
        seenQuotes.add(p.text);
        const ctx = [fnv1a(`p:${before?.kind === "word" ? before.text : "-"}`), ...clauseCtx];
        quotes.push({ text: p.text, lower: p.text.toLowerCase(), ctx, words: countWords(p.text) });
      }
    });
  }
  return { unigrams: [...unigrams].sort((a, b) => a - b), numbers, quotes };
}
