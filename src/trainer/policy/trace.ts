/**
 * The instruction-independent part of the embedded policy's walk over a token
 * sequence: for every step, the generation state's feature rows, the counters
 * that instruction numbers are compared with, the state hashes the copy scorer
 * mixes with each quote's context, and which static tokens are allowed.
 *
 * A replay's tokens are its source rollout's, and every sequence is walked
 * several times per training step (reference log-probs, each PPO update), so
 * the policy records this once per sequence (while generating it, or on the
 * first walk) and reuses it. It holds integers only: the floating-point work
 * stays in the walk, in the same order, so results are bit-identical.
 */
import { fmix32 as fmix32Import, fnv1a, mix2 as mix2Import } from "../hash.js";
import { countWords } from "./instruction.js";
import * as vocab from "./vocab.js";
import { COPY_PREFIX, STATIC_INDEX, TextState } from "./vocab.js";

// Module locals: transpilers turn imported bindings into property getters (see embedded.ts).
const VS = vocab.VS;
const END = vocab.END;
const PERIOD = vocab.PERIOD;
const COMMA = vocab.COMMA;
const fmix32 = fmix32Import;
const mix2 = mix2Import;

export const STOP_TOKEN = "<stop>";

// Generation-state feature tags.
export const T_POS = fnv1a("pos");
export const T_WORDS = fnv1a("words");
export const T_PREV = fnv1a("prev");
export const T_LINE = fnv1a("line");
export const T_BUL = fnv1a("bullets");
export const T_PARA = fnv1a("paras");
export const T_LW = fnv1a("lineWords");
export const T_PW = fnv1a("paraWords");
export const T_SENT = fnv1a("sentences");
export const T_PREVLINE = fnv1a("prev*line");
export const T_SW = fnv1a("sentenceWords");
/**
 * The copy scorer's state values: slot k of SHARED_HASHES is the hash a step's
 * state contributes (position bucket, word-count bucket, previous token, line
 * kind, paragraphs). A trace stores slot numbers, so the policy can look up
 * precomputed (context, state) features instead of hashing at every step.
 */
export const SHARED_SLOTS = { pos: 0, words: 12, prev: 24, line: 24 + VS + 2, paras: 28 + VS + 2 } as const;
export const SHARED_HASHES: Uint32Array = (() => {
  const out = new Uint32Array(SHARED_SLOTS.paras + 10);
  for (let b = 0; b < 12; b++) out[SHARED_SLOTS.pos + b] = mix2(T_POS, b);
  for (let b = 0; b < 12; b++) out[SHARED_SLOTS.words + b] = mix2(T_WORDS, b);
  for (let v = 0; v < VS + 2; v++) out[SHARED_SLOTS.prev + v] = mix2(T_PREV, v);
  for (let k = 0; k < 4; k++) out[SHARED_SLOTS.line + k] = mix2(T_LINE, k);
  for (let k = 0; k < 10; k++) out[SHARED_SLOTS.paras + k] = mix2(T_PARA, k);
  return out;
})();
/** Generation-state rows per step. */
export const STATE_ROWS = 11;
const SHARED = 5;
const COUNTERS = 4;

/** Roughly logarithmic buckets for counts. */
export function countBucket(n: number): number {
  if (n <= 3) return n;
  if (n <= 5) return 4;
  if (n <= 8) return 5;
  if (n <= 12) return 6;
  if (n <= 20) return 7;
  if (n <= 32) return 8;
  if (n <= 50) return 9;
  if (n <= 80) return 10;
  return 11;
}

/**
 * Allowed static tokens depend only on the line kind and on whether the
 * previous token was "." or "," (TextState.allowed): 8 masks, built from
 * TextState.allowed itself so the two cannot disagree.
 */
const MASKS: readonly Uint8Array[] = Array.from({ length: 8 }, (_, id) => {
  const st = new TextState();
  st.lineKind = (id >> 1) as vocab.LineKind;
  st.prev = id & 1 ? PERIOD : VS + 1;
  return Uint8Array.from({ length: VS }, (_v, v) => (st.allowed(v) ? 1 : 0));
});

function maskId(st: TextState): number {
  return st.lineKind * 2 + (st.prev === PERIOD || st.prev === COMMA ? 1 : 0);
}

/** Which static tokens may follow in state `st` (TextState.allowed for every token, shared: do not write to it). */
export function staticMask(st: TextState): Uint8Array {
  return MASKS[maskId(st)] as Uint8Array;
}

export class Trace {
  /** Steps with features (tokens before `<end>` inclusive, or before `<stop>`). */
  n = 0;
  rows: Int32Array;
  counters: Int32Array;
  /** Per step, SHARED slots of SHARED_HASHES (the state's hashes for the copy scorer). */
  shared: Uint8Array;
  mask: Uint8Array;
  readonly masks = MASKS;
  /** The sequence this trace describes (a copy: callers' arrays are checked against it). */
  tokens: readonly string[] = [];

  constructor(
    private readonly rowMask: number,
    capacity: number,
  ) {
    this.rows = new Int32Array(capacity * STATE_ROWS);
    this.counters = new Int32Array(capacity * COUNTERS);
    this.shared = new Uint8Array(capacity * SHARED);
    this.mask = new Uint8Array(capacity);
  }

  private row(h: number): number {
    return (fmix32(h) & this.rowMask) * VS;
  }

  /** Appends the features of state `st` as step `this.n`. */
  record(st: TextState): void {
    const t = this.n++;
    if (this.mask.length <= t) this.grow(Math.max(16, t * 2));
    const rows = this.rows;
    let o = t * STATE_ROWS;
    rows[o++] = this.row(mix2(T_POS, countBucket(st.n)));
    rows[o++] = this.row(mix2(T_WORDS, countBucket(st.words)));
    rows[o++] = this.row(mix2(T_PREV, st.prev));
    rows[o++] = this.row(mix2(T_LINE, st.lineKind));
    rows[o++] = this.row(mix2(T_BUL, Math.min(st.bullets, 9)));
    rows[o++] = this.row(mix2(T_PARA, Math.min(st.paras, 9)));
    rows[o++] = this.row(mix2(T_LW, countBucket(st.lineWords)));
    rows[o++] = this.row(mix2(T_PW, countBucket(st.paraWords)));
    rows[o++] = this.row(mix2(T_SENT, Math.min(st.sentences, 9)));
    rows[o++] = this.row(mix2(T_PREVLINE, st.prev * 4 + st.lineKind));
    rows[o++] = this.row(mix2(T_SW, countBucket(st.sentWords)));
    const c = t * COUNTERS;
    this.counters[c] = st.words;
    this.counters[c + 1] = st.bullets;
    this.counters[c + 2] = st.paras;
    this.counters[c + 3] = st.sentences;
    const s = t * SHARED;
    this.shared[s] = SHARED_SLOTS.pos + countBucket(st.n);
    this.shared[s + 1] = SHARED_SLOTS.words + countBucket(st.words);
    this.shared[s + 2] = SHARED_SLOTS.prev + st.prev;
    this.shared[s + 3] = SHARED_SLOTS.line + st.lineKind;
    this.shared[s + 4] = SHARED_SLOTS.paras + Math.min(st.paras, 9);
    this.mask[t] = maskId(st);
  }

  private grow(capacity: number): void {
    const rows = new Int32Array(capacity * STATE_ROWS);
    rows.set(this.rows);
    this.rows = rows;
    const counters = new Int32Array(capacity * COUNTERS);
    counters.set(this.counters);
    this.counters = counters;
    const shared = new Uint8Array(capacity * SHARED);
    shared.set(this.shared);
    this.shared = shared;
    const mask = new Uint8Array(capacity);
    mask.set(this.mask);
    this.mask = mask;
  }

  /** True when `tokens` is the sequence this trace was recorded for. */
  matches(tokens: readonly string[]): boolean {
    const own = this.tokens;
    if (own === tokens) return true;
    if (own.length !== tokens.length) return false;
    for (let i = 0; i < own.length; i++) if (own[i] !== tokens[i]) return false;
    return true;
  }
}

/**
 * The trace of a whole token sequence (teacher forcing). A copy token moves the
 * text state the same way whichever instruction quotes its phrase (its word
 * count is countWords of the phrase, as for a quote), so one trace serves every
 * instruction.
 */
export function traceTokens(tokens: readonly string[], rowMask: number): Trace {
  const tr = new Trace(rowMask, tokens.length);
  const st = new TextState();
  for (const tok of tokens) {
    if (tok === STOP_TOKEN) break;
    const v = STATIC_INDEX.get(tok);
    // The walk reports an unknown token when it reaches it: the trace just ends there.
    if (v === undefined && !tok.startsWith(COPY_PREFIX)) break;
    tr.record(st);
    if (v === END) break;
    if (v !== undefined) st.applyStatic(v);
    else {
      const phrase = tok.slice(COPY_PREFIX.length);
      // The candidate index only feeds lastCopy, which the walk tracks per instruction.
      st.applyCopy(-1, phrase, countWords(phrase));
    }
  }
  tr.tokens = tokens.slice();
  return tr;
}

/** A bounded cache of traces keyed by the token array (content-checked on every hit). */
export class TraceCache {
  private readonly map = new Map<readonly string[], Trace>();

  constructor(
    private readonly rowMask: number,
    private readonly limit = 2048,
  ) {}

  get(tokens: readonly string[]): Trace {
    const hit = this.map.get(tokens);
    if (hit && hit.matches(tokens)) return hit;
    const tr = traceTokens(tokens, this.rowMask);
    this.set(tokens, tr);
    return tr;
  }

  set(tokens: readonly string[], tr: Trace): void {
    if (this.map.size >= this.limit) this.map.clear();
    tr.tokens = tokens.slice();
    this.map.set(tokens, tr);
  }
}
