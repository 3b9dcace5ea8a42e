/**
 * The embedded policy's vocabulary and its text state machine.
 *
 * Static tokens are text pieces: structure (`<end>`, `<bullet>` = start a "- "
 * line, `<para>` = blank line, `<line>` = line break), punctuation, labels and
 * words. Copy tokens (`copy:PHRASE`) reproduce a double-quoted phrase of the
 * instruction. A token sequence maps to exactly one text (`detokenize`).
 */
import { countWords } from "./instruction.js";

export const END = 0;
export const BULLET = 1;
export const PARA = 2;
export const LINE = 3;
export const PERIOD = 4;
export const COMMA = 5;
export const FIRST_WORDLIKE = 6;

/** Static tokens with their prior logit in running text (the policy's "pretraining", see docs/trainer.md). */
const STATIC: ReadonlyArray<readonly [string, number]> = [
  ["<end>", 0],
  ["<bullet>", -0.9],
  ["<para>", -1.2],
  ["<line>", -3],
  [".", 0.5],
  [",", -0.6],
  ["Recommendation:", -3.2],
  ["Summary:", -3.2],
  ["Note:", -3.6],
  ["Next steps:", -3.6],
  ["the", 1.6],
  ["team", 0.9],
  ["we", 0.8],
  ["will", 0.8],
  ["and", 1.1],
  ["to", 1.1],
  ["of", 0.9],
  ["for", 0.7],
  ["with", 0.5],
  ["on", 0.6],
  ["is", 0.7],
  ["our", 0.5],
  ["plan", 0.4],
  ["review", 0.4],
  ["update", 0.3],
  ["next", 0.3],
  ["week", 0.3],
  ["project", 0.3],
  ["progress", 0.2],
  ["risk", 0.1],
  ["budget", 0.1],
  ["timeline", 0.1],
  ["customer", 0.1],
  ["release", 0.1],
  ["goal", 0.1],
  ["data", 0.1],
  ["report", 0.1],
  ["track", 0.1],
  ["new", 0.2],
  ["clear", -0.2],
  ["very", -2.2],
  ["really", -2.2],
  ["just", -2.2],
  ["basically", -2.2],
  ["actually", -2.2],
  ["simply", -2.2],
];

export const STATIC_TOKENS: readonly string[] = STATIC.map(([t]) => t);
export const STATIC_PRIOR: readonly number[] = STATIC.map(([, p]) => p);
export const VS = STATIC_TOKENS.length;
export const STATIC_INDEX: ReadonlyMap<string, number> = new Map(STATIC_TOKENS.map((t, i) => [t, i]));
/** Lower-cased surface of each static token (for "this token is quoted in the instruction"). */
export const STATIC_LOWER: readonly string[] = STATIC_TOKENS.map((t) => t.toLowerCase());
export const COPY_PREFIX = "copy:";

/** Line state: 0 nothing written yet, 1 at the start of a fresh line, 2 after "- " (bullet without content), 3 inside content. */
export type LineKind = 0 | 1 | 2 | 3;

/** Generation state: counters the policy's features read, and the text so far. */
export class TextState {
  n = 0;
  words = 0;
  bullets = 0;
  paras = 0;
  sentences = 0;
  lineWords = 0;
  paraWords = 0;
  /** Words since the last full stop or line break. */
  sentWords = 0;
  lineKind: LineKind = 0;
  paraOpen = false;
  /** Previous token: static index, VS for a copy token, VS + 1 at the start. */
  prev = VS + 1;
  /** Candidate index of the last token when it was a copy, else -1. */
  lastCopy = -1;
  text = "";

  /** May static token `v` follow here? (Constrained decoding: keeps every text well formed.) */
  allowed(v: number): boolean {
    switch (v) {
      case END:
        return this.lineKind !== 0 && this.lineKind !== 2;
      case BULLET:
        return this.lineKind !== 2;
      case PARA:
      case LINE:
        return this.lineKind === 3;
      case PERIOD:
      case COMMA:
        return this.lineKind === 3 && this.prev !== PERIOD && this.prev !== COMMA;
      default:
        return true;
    }
  }

  /** Copy tokens are word-like: always allowed. */
  applyStatic(v: number): void {
    this.n++;
    switch (v) {
      case END:
        break;
      case BULLET:
        this.text += this.lineKind === 3 ? "\n- " : "- ";
        this.bullets++;
        this.openParagraph();
        this.lineKind = 2;
        this.lineWords = 0;
        this.sentWords = 0;
        break;
      case PARA:
        this.text += "\n\n";
        this.lineKind = 1;
        this.paraOpen = false;
        this.lineWords = 0;
        this.paraWords = 0;
        this.sentWords = 0;
        break;
      case LINE:
        this.text += "\n";
        this.lineKind = 1;
        this.lineWords = 0;
        this.sentWords = 0;
        break;
      case PERIOD:
        this.text += ".";
        this.sentences++;
        this.sentWords = 0;
        break;
      case COMMA:
        this.text += ",";
        break;
      default:
        this.appendWords(STATIC_TOKENS[v] as string, 1);
    }
    this.prev = v;
    this.lastCopy = -1;
  }

  applyCopy(candidate: number, phrase: string, words: number): void {
    this.n++;
    this.appendWords(phrase, words);
    this.prev = VS;
    this.lastCopy = candidate;
  }

  private openParagraph(): void {
    if (!this.paraOpen) {
      this.paraOpen = true;
      this.paras++;
    }
  }

  private appendWords(s: string, words: number): void {
    this.openParagraph();
    this.text += this.lineKind === 3 ? ` ${s}` : s;
    this.lineKind = 3;
    this.words += words;
    this.lineWords += words;
    this.paraWords += words;
    this.sentWords += words;
  }
}

/** The text of a token sequence (tokens after `<end>` are ignored). */
export function detokenize(tokens: readonly string[]): string {
  const s = new TextState();
  for (const t of tokens) {
    if (t === "<end>") break;
    const v = STATIC_INDEX.get(t);
    if (v !== undefined) s.applyStatic(v);
    else if (t.startsWith(COPY_PREFIX)) s.applyCopy(0, t.slice(COPY_PREFIX.length), countWords(t.slice(COPY_PREFIX.length)));
    else throw new Error(`detokenize: unknown token ${JSON.stringify(t)}`);
  }
  return s.text;
}
