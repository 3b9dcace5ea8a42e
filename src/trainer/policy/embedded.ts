/**
 * The embedded policy: a log-linear (softmax) policy over text pieces with
 * hashed conjunction features, trained by hand-written exact gradients and Adam.
 * See docs/trainer.md ("The embedded policy") for the design.
 *
 * logit(v | q, state) for a static token v = sum over active feature rows r of S[r, v]
 *   rows: bias, instruction unigrams, generation-state features, and
 *   conjunctions of each instruction number's context with how far the policy's
 *   own counters (words, bullets, paragraphs, sentences) are from that number,
 *   and of each quoted phrase's context with how often it was copied.
 * logit(copy of quoted phrase Q) = sum over (context feature of Q) x (state feature) of C[hash].
 * A static token that equals a quoted phrase also gets S[row(self, context of Q), v].
 *
 * Everything is Float64 arithmetic in a fixed order, so a seed reproduces a run bit for bit.
 */
import { fmix32 as fmix32Import, fnv1a, mix2 as mix2Import } from "../hash.js";
import type { Rng } from "../rng.js";
import { Adam, adamUpdate, type AdamConfig, type AdamSnapshot } from "./adam.js";
import { decodeF64, encodeF64 } from "./codec.js";
import { TokenMeanPpo } from "./ppo-loss.js";
import { analyzeInstruction, countWords, type InstructionInfo } from "./instruction.js";
import type { GenerateOptions, Policy, PolicySnapshot, Rollout, ScoreOptions, ScoreRequest, TokenScores, UpdateItem, UpdateOptions, UpdateStats } from "./types.js";
import { SHARED_HASHES as SHARED_HASHES_IMPORT, STATE_ROWS, STOP_TOKEN, T_BUL, T_LINE, T_PREV, T_SW, T_WORDS, Trace, TraceCache, countBucket } from "./trace.js";
import * as vocab from "./vocab.js";
import { COPY_PREFIX, FIRST_WORDLIKE, STATIC_INDEX, STATIC_LOWER, STATIC_PRIOR, STATIC_TOKENS, TextState } from "./vocab.js";

// Hot constants and functions copied into module locals: transpilers (tsx, vitest)
// turn imported bindings into property getters, which costs more than the arithmetic.
const VS = vocab.VS;
const END = vocab.END;
const BULLET = vocab.BULLET;
const PARA = vocab.PARA;
const PERIOD = vocab.PERIOD;
const fmix32 = fmix32Import;
const SHARED_HASHES = SHARED_HASHES_IMPORT;
const mix2 = mix2Import;

export const EMBEDDED_VERSION = 1;
/** Marks a response cut at `maxTokens`: deterministic (log-prob 0, entropy 0), never trained on. */
export { STOP_TOKEN, countBucket };

export interface EmbeddedConfig {
  /** Hashed feature rows (power of two). */
  readonly rows: number;
  /** Hashed copy-scorer weights (power of two). */
  readonly copyRows: number;
  readonly optimizer: AdamConfig;
}

// Feature tags.
const T_BIAS = fnv1a("bias");
const T_SELF = fnv1a("selfquoted");
const T_QS = fnv1a("quote-state");
const T_EMIT = fnv1a("emitted");
const T_LAST = fnv1a("last");
const T_ONE = fnv1a("one");
const COPY_BIAS = fnv1a("copy-bias");
const ORPHAN = fnv1a("orphan");
/** Counters compared with instruction numbers. */
const COUNTERS = [fnv1a("k:words"), fnv1a("k:bullets"), fnv1a("k:paras"), fnv1a("k:sentences")] as const;
const LABELS = [6, 7, 8, 9] as const;

/**
 * The prior: a fixed initialisation standing in for pretraining (word
 * frequencies are in vocab.ts). Generic writing habits only: lists and labels
 * start lines, sentences end after some words, responses end after some length,
 * quoted phrases get echoed now and then. Nothing here knows any contract.
 */
export const PRIOR = {
  startBullet: 1.5,
  freshBullet: 2.5,
  stopBullet: 3.5,
  stopPara: 2.6,
  stopEnd: 1.5,
  copyEnd: 3.0,
  startLabel: 2.5,
  freshLabel: 2.5,
  stopLabel: 1.0,
  /** <end> by words-so-far bucket (0, 1, 2, 3, 4-5, 6-8, 9-12, 13-20, 21-32, 33-50, 51-80, 81+). */
  endByWords: [-9, -9, -9, -9, -8, -7, -6, -4, -2.0, -0.6, 0.8, 2.5],
  /** "." by words-in-sentence bucket. */
  stopBySentenceWords: [-6, -5, -3, -2, 0.5, 1.7, 2.5, 3.4, 4, 4, 4, 4],
  /** <bullet> by bullets so far (lists continue). */
  bulletByCount: [0, 0.8, 0.8, 0.6, 0.3, 0, -0.5, -1, -1.5, -2],
  /** Copy of a quoted phrase, by times already copied (0, 1, 2+). */
  copyByCount: [-0.6, -1.2, -3],
  copyStart: 4.5,
  copyFresh: 2.0,
  /** Phrases quoted in a clause with "not" are echoed less (a weak reading of negation). */
  copyNegated: -2.5,
  /** Phrases quoted in a clause with "start"/"begin" are echoed first a little more often. */
  copyStartWord: 1.0,
  /** Right after echoing a phrase quoted in a clause with "end", stopping is a little likelier. */
  endAfterEndWord: 1.0,
  orphan: -4,
};
const COPY_STATE = 8;
/**
 * Copy features per context hash, precomputed: one per SHARED_HASHES slot, then
 * emitted-count 0..2, last-token 0/1, and the constant. Each entry is exactly the
 * index the per-step hashing gives (integers: no rounding anywhere).
 */
const EMIT_SLOT = SHARED_HASHES.length;
const LAST_SLOT = EMIT_SLOT + 3;
const ONE_SLOT = LAST_SLOT + 2;
const COPY_FEATS = ONE_SLOT + 1;
/** Buckets of diffBucket. */
const DIFF_BUCKETS = 10;
/** Quote-state codes: min(copies, 2) * 2 + (copied last). */
const QS_CODES = 6;

function isPow2(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** Buckets for (counter - number). */
export function diffBucket(d: number): number {
  if (d <= -20) return 0;
  if (d <= -10) return 1;
  if (d <= -5) return 2;
  if (d <= -2) return 3;
  if (d === -1) return 4;
  if (d === 0) return 5;
  if (d === 1) return 6;
  if (d <= 4) return 7;
  if (d <= 9) return 8;
  return 9;
}

interface Prepared {
  readonly info: InstructionInfo;
  /** Row indices (already multiplied by VS) of the per-sequence constant rows: bias and unigrams. */
  readonly constRows: Int32Array;
  /** Param offsets and token of "static token is quoted" weights. */
  readonly selfOff: Int32Array;
  readonly selfTok: Int32Array;
  /** Number comparisons: pre-mixed (context, counter) hash, slot value, counter index. */
  readonly numPre: Uint32Array;
  readonly numValue: Float64Array;
  readonly numCounter: Int8Array;
  /** Per quote: quote-state pre-mixed hashes, and copy context hashes (COPY_BIAS first). */
  readonly quoteState: readonly Uint32Array[];
  readonly quoteCtx: readonly Uint32Array[];
  readonly quoteWords: Int32Array;
  readonly quoteTokens: readonly string[];
  /** row(mix2(numPre[e], bucket)) at e * DIFF_BUCKETS + bucket. */
  readonly numRows: Int32Array;
  /** Per quote: row(mix2(quoteState[i], code)) at i * QS_CODES + code. */
  readonly quoteStateRows: readonly Int32Array[];
  /** Per quote: copy feature indices of each context hash (copyFeatures). */
  readonly quoteFeats: readonly Int32Array[];
}

/** Per-sequence scratch space, sized for the largest candidate set seen. */
class Scratch {
  logits = new Float64Array(0);
  probs = new Float64Array(0);
  allowed = new Uint8Array(0);
  rows = new Int32Array(0);
  copyIdx = new Int32Array(0);
  base = new Float64Array(VS);
  dBase = new Float64Array(VS);
  dz = new Float64Array(0);
  /**
   * The "slow" rows (number comparisons and quote states) change only when a
   * counter crosses a bucket or a phrase is copied: their summed logits are
   * cached, and their gradient is accumulated over the steps they stay the same.
   */
  slowCur = new Int32Array(0);
  slowPrev = new Int32Array(0);
  slowTmp = new Int32Array(0);
  slowN = 0;
  slowPrevN = 0;
  slowValid = false;
  slowChanged = false;
  slowSum = new Float64Array(VS);
  dSlow = new Float64Array(VS);
  dSlowPending = false;
  ensure(cands: number, rows: number, copyFeats: number): void {
    if (this.logits.length < cands) {
      this.logits = new Float64Array(cands);
      this.probs = new Float64Array(cands);
      this.allowed = new Uint8Array(cands);
      this.dz = new Float64Array(cands);
    }
    if (this.rows.length < rows) {
      this.rows = new Int32Array(rows);
      this.slowCur = new Int32Array(rows);
      this.slowPrev = new Int32Array(rows);
      this.slowTmp = new Int32Array(rows);
    }
    if (this.copyIdx.length < copyFeats) this.copyIdx = new Int32Array(copyFeats);
  }
}

export class EmbeddedPolicy implements Policy {
  readonly kind = "embedded";
  readonly params: Float64Array;
  readonly adam: Adam;
  private readonly rowMask: number;
  private readonly copyMask: number;
  private readonly copyOff: number;
  private readonly cache = new Map<string, Prepared>();
  private readonly scratch = new Scratch();
  /** Instruction-independent walk state per token sequence (integers only; parameters may change freely). */
  private readonly traces: TraceCache;
  private readonly orphanFeats: Int32Array;

  constructor(readonly cfg: EmbeddedConfig) {
    if (!isPow2(cfg.rows) || !isPow2(cfg.copyRows)) throw new Error("embedded policy: rows and copyRows must be powers of two");
    this.rowMask = cfg.rows - 1;
    this.copyMask = cfg.copyRows - 1;
    this.copyOff = cfg.rows * VS;
    this.traces = new TraceCache(this.rowMask);
    this.orphanFeats = this.copyFeatures(ORPHAN_CTX);
    this.params = new Float64Array(this.copyOff + cfg.copyRows);
    this.adam = new Adam(this.params.length, cfg.optimizer);
    this.initPrior();
  }

  get size(): number {
    return this.params.length;
  }

  // ---- parameters --------------------------------------------------------------------------------

  private row(h: number): number {
    return (fmix32(h) & this.rowMask) * VS;
  }

  private copyIndex(h: number): number {
    return this.copyOff + (h & this.copyMask);
  }

  /** The copy feature table of context hashes `ctx`: COPY_FEATS indices per hash (see COPY_FEATS). */
  private copyFeatures(ctx: Uint32Array): Int32Array {
    const out = new Int32Array(ctx.length * COPY_FEATS);
    for (let j = 0; j < ctx.length; j++) {
      const h = ctx[j] as number;
      const o = j * COPY_FEATS;
      for (let k = 0; k < SHARED_HASHES.length; k++) out[o + k] = this.copyIndex(mix2(h, SHARED_HASHES[k] as number));
      for (let n = 0; n < 3; n++) out[o + EMIT_SLOT + n] = this.copyIndex(mix2(h, mix2(T_EMIT, n)));
      for (let b = 0; b < 2; b++) out[o + LAST_SLOT + b] = this.copyIndex(mix2(h, mix2(T_LAST, b)));
      out[o + ONE_SLOT] = this.copyIndex(mix2(h, T_ONE));
    }
    return out;
  }

  /**
   * A fixed, documented prior standing in for pretraining: word frequencies,
   * sentence and list habits, a length habit for `<end>`, and a mild tendency to
   * echo quoted phrases. It knows nothing about any contract.
   */
  private initPrior(): void {
    const p = this.params;
    const P = PRIOR;
    const bias = this.row(mix2(T_BIAS, 0));
    STATIC_PRIOR.forEach((w, v) => (p[bias + v] = w));
    const start = this.row(mix2(T_LINE, 0));
    const fresh = this.row(mix2(T_LINE, 1));
    const afterStop = this.row(mix2(T_PREV, PERIOD));
    const afterCopy = this.row(mix2(T_PREV, VS));
    p[start + BULLET] = P.startBullet;
    p[fresh + BULLET] = P.freshBullet;
    p[afterStop + BULLET] = P.stopBullet;
    p[afterStop + PARA] = P.stopPara;
    p[afterStop + END] = P.stopEnd;
    p[afterCopy + END] = P.copyEnd;
    for (const l of LABELS) {
      p[start + l] = P.startLabel;
      p[fresh + l] = P.freshLabel;
      p[afterStop + l] = P.stopLabel;
    }
    P.endByWords.forEach((w, b) => (p[this.row(mix2(T_WORDS, b)) + END] = w));
    P.stopBySentenceWords.forEach((w, b) => (p[this.row(mix2(T_SW, b)) + PERIOD] = w));
    P.bulletByCount.forEach((w, b) => (p[this.row(mix2(T_BUL, b)) + BULLET] = w));
    const copyBias = (s: number, w: number) => (p[this.copyIndex(mix2(COPY_BIAS, s))] = w);
    P.copyByCount.forEach((w, n) => copyBias(mix2(T_EMIT, n), w));
    copyBias(mix2(T_LINE, 0), P.copyStart);
    copyBias(mix2(T_LINE, 1), P.copyFresh);
    p[this.copyIndex(mix2(fnv1a("c:not"), T_ONE))] = P.copyNegated;
    for (const w of ["c:start", "c:begin"]) p[this.copyIndex(mix2(fnv1a(w), mix2(T_LINE, 0)))] = P.copyStartWord;
    // quote-state code 1 = copied once and it was the last token.
    p[this.row(mix2(mix2(fnv1a("c:end"), T_QS), 3)) + END] = P.endAfterEndWord;
    p[this.copyIndex(mix2(ORPHAN, T_ONE))] = P.orphan;
  }

  // ---- instruction preparation ---------------------------------------------------------------------

  private prepare(instruction: string): Prepared {
    const hit = this.cache.get(instruction);
    if (hit) return hit;
    const info = analyzeInstruction(instruction);
    const constRows = [this.row(mix2(T_BIAS, 0)), ...info.unigrams.map((u) => this.row(u))];
    const selfOff: number[] = [];
    const selfTok: number[] = [];
    for (let v = FIRST_WORDLIKE; v < VS; v++) {
      for (const q of info.quotes) {
        if (q.lower !== STATIC_LOWER[v]) continue;
        for (const c of q.ctx) {
          selfOff.push(this.row(mix2(T_SELF, c)) + v);
          selfTok.push(v);
        }
      }
    }
    const numPre: number[] = [];
    const numValue: number[] = [];
    const numCounter: number[] = [];
    for (const slot of info.numbers) {
      for (const c of slot.ctx) {
        COUNTERS.forEach((k, ki) => {
          numPre.push(mix2(c, k));
          numValue.push(slot.value);
          numCounter.push(ki);
        });
      }
    }
    const quoteState = info.quotes.map((q) => Uint32Array.from(q.ctx.map((c) => mix2(c, T_QS))));
    const quoteCtx = info.quotes.map((q) => Uint32Array.from([COPY_BIAS, ...q.ctx]));
    const numRows = new Int32Array(numPre.length * DIFF_BUCKETS);
    numPre.forEach((pre, e) => {
      for (let b = 0; b < DIFF_BUCKETS; b++) numRows[e * DIFF_BUCKETS + b] = this.row(mix2(pre, b));
    });
    const prepared: Prepared = {
      info,
      constRows: Int32Array.from(constRows),
      selfOff: Int32Array.from(selfOff),
      selfTok: Int32Array.from(selfTok),
      numPre: Uint32Array.from(numPre),
      numValue: Float64Array.from(numValue),
      numCounter: Int8Array.from(numCounter),
      quoteState,
      quoteCtx,
      quoteWords: Int32Array.from(info.quotes.map((q) => q.words)),
      quoteTokens: info.quotes.map((q) => COPY_PREFIX + q.text),
      numRows,
      quoteStateRows: quoteState.map((qs) => {
        const rows = new Int32Array(qs.length * QS_CODES);
        for (let i = 0; i < qs.length; i++) for (let code = 0; code < QS_CODES; code++) rows[i * QS_CODES + code] = this.row(mix2(qs[i] as number, code));
        return rows;
      }),
      quoteFeats: quoteCtx.map((ctx) => this.copyFeatures(ctx)),
    };
    if (this.cache.size >= 4096) this.cache.clear();
    this.cache.set(instruction, prepared);
    return prepared;
  }

  // ---- forward ------------------------------------------------------------------------------------

  /** Per-sequence constant part of the static logits (bias, unigrams, self-quoted tokens). */
  private computeBase(prep: Prepared, base: Float64Array): void {
    const p = this.params;
    this.scratch.slowValid = false;
    this.scratch.dSlowPending = false;
    base.fill(0);
    for (let i = 0; i < prep.constRows.length; i++) {
      const r = prep.constRows[i] as number;
      for (let v = 0; v < VS; v++) base[v] = (base[v] as number) + (p[r + v] as number);
    }
    for (let i = 0; i < prep.selfOff.length; i++) {
      const v = prep.selfTok[i] as number;
      base[v] = (base[v] as number) + (p[prep.selfOff[i] as number] as number);
    }
  }

  /**
   * Fills scratch.logits/allowed/rows/copyIdx for the current state. Returns the
   * number of step rows. Candidates: static tokens, then quotes, then orphans.
   */
  private stepFeatures(prep: Prepared, tr: Trace, t: number, lastCopy: number, counts: Int32Array, orphans: readonly Orphan[]): number {
    const sc = this.scratch;
    const p = this.params;
    const nq = prep.quoteCtx.length;
    // --- static rows (instruction-independent: from the token sequence's trace)
    const nr = STATE_ROWS;
    const rows = sc.rows;
    const trRows = tr.rows;
    for (let i = 0, o = t * STATE_ROWS; i < STATE_ROWS; i++) rows[i] = trRows[o + i] as number;
    const ctr = tr.counters;
    const words = ctr[t * 4] as number;
    const bullets = ctr[t * 4 + 1] as number;
    const paras = ctr[t * 4 + 2] as number;
    const sentences = ctr[t * 4 + 3] as number;
    // --- slow rows: into slowTmp, compared with the current segment's
    const tmp = sc.slowTmp;
    let ns = 0;
    const numRows = prep.numRows;
    for (let e = 0; e < prep.numPre.length; e++) {
      const k = prep.numCounter[e] as number;
      const count = k === 0 ? words : k === 1 ? bullets : k === 2 ? paras : sentences;
      tmp[ns++] = numRows[e * DIFF_BUCKETS + diffBucket(count - (prep.numValue[e] as number))] as number;
    }
    for (let q = 0; q < nq; q++) {
      const code = Math.min(counts[q] as number, 2) * 2 + (lastCopy === VS + q ? 1 : 0);
      const qsRows = prep.quoteStateRows[q] as Int32Array;
      const n = qsRows.length / QS_CODES;
      for (let i = 0; i < n; i++) tmp[ns++] = qsRows[i * QS_CODES + code] as number;
    }
    let same = sc.slowValid && ns === sc.slowN;
    if (same) {
      const cur = sc.slowCur;
      for (let i = 0; i < ns; i++) if (tmp[i] !== cur[i]) {
        same = false;
        break;
      }
    }
    sc.slowChanged = !same;
    if (!same) {
      const prev = sc.slowPrev;
      sc.slowPrev = sc.slowCur;
      sc.slowPrevN = sc.slowN;
      sc.slowCur = tmp;
      sc.slowN = ns;
      sc.slowTmp = prev;
      sc.slowValid = true;
      const sum = sc.slowSum;
      sum.fill(0);
      for (let i = 0; i < ns; i++) {
        const r = tmp[i] as number;
        for (let v = 0; v < VS; v++) sum[v] = (sum[v] as number) + (p[r + v] as number);
      }
    }
    const logits = sc.logits;
    const base = sc.base;
    const slowSum = sc.slowSum;
    for (let v = 0; v < VS; v++) logits[v] = (base[v] as number) + (slowSum[v] as number);
    for (let i = 0; i < nr; i++) {
      const r = rows[i] as number;
      for (let v = 0; v < VS; v++) logits[v] = (logits[v] as number) + (p[r + v] as number);
    }
    const allowed = sc.allowed;
    allowed.set(tr.masks[tr.mask[t] as number] as Uint8Array);
    // --- copy candidates
    const sh = tr.shared;
    const shared0 = sh[t * 5] as number;
    const shared1 = sh[t * 5 + 1] as number;
    const shared2 = sh[t * 5 + 2] as number;
    const shared3 = sh[t * 5 + 3] as number;
    const shared4 = sh[t * 5 + 4] as number;
    let ci = 0;
    const idx = sc.copyIdx;
    const total = VS + nq + orphans.length;
    for (let c = VS; c < total; c++) {
      const q = c - VS;
      const feats = q < nq ? (prep.quoteFeats[q] as Int32Array) : this.orphanFeats;
      const emit = EMIT_SLOT + Math.min(counts[q] as number, 2);
      const last = LAST_SLOT + (lastCopy === c ? 1 : 0);
      let s = 0;
      for (let o = 0; o < feats.length; o += COPY_FEATS) {
        const f0 = feats[o + shared0] as number;
        const f1 = feats[o + shared1] as number;
        const f2 = feats[o + shared2] as number;
        const f3 = feats[o + shared3] as number;
        const f4 = feats[o + shared4] as number;
        const f5 = feats[o + emit] as number;
        const f6 = feats[o + last] as number;
        const f7 = feats[o + ONE_SLOT] as number;
        idx[ci++] = f0;
        idx[ci++] = f1;
        idx[ci++] = f2;
        idx[ci++] = f3;
        idx[ci++] = f4;
        idx[ci++] = f5;
        idx[ci++] = f6;
        idx[ci++] = f7;
        s += (p[f0] as number) + (p[f1] as number) + (p[f2] as number) + (p[f3] as number) + (p[f4] as number) + (p[f5] as number) + (p[f6] as number) + (p[f7] as number);
      }
      logits[c] = s;
      allowed[c] = 1;
    }
    return nr;
  }

  /** Softmax at temperature over allowed candidates: fills probs, returns [logZ, entropy] via out. */
  private softmax(total: number, temperature: number, out: { logZ: number; entropy: number }): void {
    const sc = this.scratch;
    const logits = sc.logits;
    const probs = sc.probs;
    const allowed = sc.allowed;
    let max = -Infinity;
    for (let c = 0; c < total; c++) if (allowed[c] && (logits[c] as number) / temperature > max) max = (logits[c] as number) / temperature;
    let sum = 0;
    for (let c = 0; c < total; c++) {
      if (allowed[c]) {
        const e = Math.exp((logits[c] as number) / temperature - max);
        probs[c] = e;
        sum += e;
      } else probs[c] = 0;
    }
    const logZ = max + Math.log(sum);
    let h = 0;
    for (let c = 0; c < total; c++) {
      if (!allowed[c]) continue;
      const pr = (probs[c] as number) / sum;
      probs[c] = pr;
      if (pr > 0) h -= pr * ((logits[c] as number) / temperature - logZ);
    }
    out.logZ = logZ;
    out.entropy = h;
  }

  private maxSizes(prep: Prepared, orphans: number): { cands: number; rows: number; copy: number } {
    let qsRows = 0;
    for (const q of prep.quoteState) qsRows += q.length;
    let copy = 0;
    for (const q of prep.quoteCtx) copy += q.length * COPY_STATE;
    copy += orphans * ORPHAN_CTX.length * COPY_STATE;
    return { cands: VS + prep.quoteCtx.length + orphans, rows: STATE_ROWS + prep.numPre.length + qsRows, copy };
  }

  // ---- generation ---------------------------------------------------------------------------------

  generate(instructions: readonly string[], opts: GenerateOptions): Rollout[] {
    return instructions.map((q) => this.generateOne(q, opts.temperature, opts.rng, opts.maxTokens));
  }

  private generateOne(instruction: string, temperature: number, rng: Rng, maxTokens: number): Rollout {
    const prep = this.prepare(instruction);
    const sizes = this.maxSizes(prep, 0);
    const sc = this.scratch;
    sc.ensure(sizes.cands, sizes.rows, sizes.copy);
    this.computeBase(prep, sc.base);
    const st = new TextState();
    const counts = new Int32Array(prep.quoteCtx.length);
    const tokens: string[] = [];
    const logprobs: number[] = [];
    const entropies: number[] = [];
    const sm = { logZ: 0, entropy: 0 };
    const total = sizes.cands;
    const tr = new Trace(this.rowMask, 32);
    for (;;) {
      if (st.n >= maxTokens - 1) {
        tokens.push(STOP_TOKEN);
        logprobs.push(0);
        entropies.push(0);
        break;
      }
      tr.record(st);
      this.stepFeatures(prep, tr, tr.n - 1, st.lastCopy, counts, NO_ORPHANS);
      this.softmax(total, temperature, sm);
      const c = rng.categorical(sc.probs.subarray(0, total), 1);
      logprobs.push((sc.logits[c] as number) / temperature - sm.logZ);
      entropies.push(sm.entropy);
      if (c < VS) {
        tokens.push(STATIC_TOKENS[c] as string);
        if (c === END) break;
        st.applyStatic(c);
      } else {
        const q = c - VS;
        tokens.push(prep.quoteTokens[q] as string);
        st.applyCopy(c, prep.info.quotes[q]?.text as string, prep.quoteWords[q] as number);
        counts[q] = (counts[q] as number) + 1;
      }
    }
    // The update walks this sequence again (and its replays under other instructions).
    this.traces.set(tokens, tr);
    return { instruction, text: st.text, tokens, logprobs, entropies };
  }

  // ---- teacher forcing ----------------------------------------------------------------------------

  /**
   * Walks a token sequence under an instruction; at each step calls `visit` with
   * the chosen candidate, its log-prob and the entropy (probs in scratch). `visit`
   * may fill scratch.dz (d loss / d z for every candidate) and return true to
   * have it back-propagated into `grad`.
   */
  private walk(
    instruction: string,
    tokens: readonly string[],
    temperature: number,
    visit: (t: number, chosen: number, logp: number, entropy: number, total: number) => boolean,
    grad?: Float64Array,
  ): void {
    const prep = this.prepare(instruction);
    const quoteIndex = new Map(prep.quoteTokens.map((t, i) => [t, i]));
    const orphans: Orphan[] = [];
    const orphanIndex = new Map<string, number>();
    for (const t of tokens) {
      if (!t.startsWith(COPY_PREFIX) || quoteIndex.has(t) || orphanIndex.has(t)) continue;
      const text = t.slice(COPY_PREFIX.length);
      orphanIndex.set(t, orphans.length);
      orphans.push({ text, words: countWords(text) });
    }
    const nq = prep.quoteCtx.length;
    const sizes = this.maxSizes(prep, orphans.length);
    const sc = this.scratch;
    sc.ensure(sizes.cands, sizes.rows, sizes.copy);
    this.computeBase(prep, sc.base);
    if (grad) sc.dBase.fill(0);
    const tr = this.traces.get(tokens);
    let lastCopy = -1;
    const counts = new Int32Array(nq + orphans.length);
    const sm = { logZ: 0, entropy: 0 };
    const total = sizes.cands;
    for (let t = 0; t < tokens.length; t++) {
      const tok = tokens[t] as string;
      if (tok === STOP_TOKEN) {
        visit(t, -1, 0, 0, 0);
        break;
      }
      let chosen: number;
      const sv = STATIC_INDEX.get(tok);
      if (sv !== undefined) chosen = sv;
      else if (quoteIndex.has(tok)) chosen = VS + (quoteIndex.get(tok) as number);
      else if (orphanIndex.has(tok)) chosen = VS + nq + (orphanIndex.get(tok) as number);
      else throw new Error(`embedded policy: unknown token ${JSON.stringify(tok)}`);
      const nr = this.stepFeatures(prep, tr, t, lastCopy, counts, orphans);
      if (grad && sc.slowChanged && sc.dSlowPending) this.flushSlow(grad, sc.slowPrev, sc.slowPrevN);
      if (!sc.allowed[chosen]) throw new Error(`embedded policy: token ${JSON.stringify(tok)} is not allowed at step ${t}`);
      this.softmax(total, temperature, sm);
      const logp = (sc.logits[chosen] as number) / temperature - sm.logZ;
      if (visit(t, chosen, logp, sm.entropy, total) && grad) {
        const dz = sc.dz;
        // d/d logit = d/dz / T
        for (let c = 0; c < total; c++) dz[c] = (dz[c] as number) / temperature;
        const dBase = sc.dBase;
        const dSlow = sc.dSlow;
        for (let v = 0; v < VS; v++) {
          dBase[v] = (dBase[v] as number) + (dz[v] as number);
          dSlow[v] = (dSlow[v] as number) + (dz[v] as number);
        }
        sc.dSlowPending = true;
        for (let i = 0; i < nr; i++) {
          const r = sc.rows[i] as number;
          for (let v = 0; v < VS; v++) {
            const g = dz[v] as number;
            if (g !== 0) grad[r + v] = (grad[r + v] as number) + g;
          }
        }
        let ci = 0;
        for (let c = VS; c < total; c++) {
          const q = c - VS;
          const n = (q < nq ? (prep.quoteCtx[q] as Uint32Array).length : ORPHAN_CTX.length) * COPY_STATE;
          const g = dz[c] as number;
          if (g !== 0) for (let j = 0; j < n; j++) {
            const f = sc.copyIdx[ci + j] as number;
            grad[f] = (grad[f] as number) + g;
          }
          ci += n;
        }
      }
      if (chosen < VS) {
        if (chosen === END) break;
        lastCopy = -1;
      } else {
        lastCopy = chosen;
        counts[chosen - VS] = (counts[chosen - VS] as number) + 1;
      }
    }
    if (grad) {
      if (sc.dSlowPending) this.flushSlow(grad, sc.slowCur, sc.slowN);
      const dBase = sc.dBase;
      for (let i = 0; i < prep.constRows.length; i++) {
        const r = prep.constRows[i] as number;
        for (let v = 0; v < VS; v++) grad[r + v] = (grad[r + v] as number) + (dBase[v] as number);
      }
      for (let i = 0; i < prep.selfOff.length; i++) {
        const o = prep.selfOff[i] as number;
        grad[o] = (grad[o] as number) + (dBase[prep.selfTok[i] as number] as number);
      }
    }
  }

  /** Adds the accumulated gradient of a slow-row segment to its rows. */
  private flushSlow(grad: Float64Array, rows: Int32Array, n: number): void {
    const d = this.scratch.dSlow;
    for (let i = 0; i < n; i++) {
      const r = rows[i] as number;
      for (let v = 0; v < VS; v++) grad[r + v] = (grad[r + v] as number) + (d[v] as number);
    }
    d.fill(0);
    this.scratch.dSlowPending = false;
  }

  logProbs(requests: readonly ScoreRequest[], opts: ScoreOptions): TokenScores[] {
    return requests.map((r) => this.logProbsOne(r.instruction, r.tokens, opts));
  }

  /** Scores one token sequence under one instruction. */
  logProbsOne(instruction: string, tokens: readonly string[], opts: ScoreOptions): TokenScores {
    const logprobs: number[] = [];
    const entropies: number[] = [];
    this.walk(instruction, tokens, opts.temperature, (_t, _c, logp, h) => {
      logprobs.push(logp);
      entropies.push(h);
      return false;
    });
    return { logprobs, entropies };
  }

  // ---- training -----------------------------------------------------------------------------------

  /**
   * Token-mean PPO clipped surrogate (minus entropyCoeff * entropy) of `items`
   * and its exact gradient with respect to every parameter.
   */
  lossAndGradient(items: readonly UpdateItem[], opts: UpdateOptions, grad?: Float64Array): { loss: number; stats: UpdateStats } {
    const ppo = new TokenMeanPpo(items, opts);
    const sc = this.scratch;
    for (const it of items) {
      this.walk(
        it.instruction,
        it.tokens,
        opts.temperature,
        (t, chosen, logp, h, total) => ppo.token(it, t, chosen, logp, h, grad ? { probs: sc.probs, z: sc.logits, total, dz: sc.dz } : undefined),
        grad,
      );
    }
    const stats = ppo.stats();
    return { loss: stats.loss, stats };
  }

  private gradBuf: Float64Array | undefined;

  update(items: readonly UpdateItem[], opts: UpdateOptions): UpdateStats {
    this.gradBuf ??= new Float64Array(this.params.length);
    // Prepared instructions hold integers only (row indices, feature tables): they stay valid across updates.
    return adamUpdate(this.adam, this.params, this.gradBuf, (grad) => this.lossAndGradient(items, opts, grad).stats);
  }

  // ---- persistence ---------------------------------------------------------------------------------

  isFinite(): boolean {
    for (const x of this.params) if (!Number.isFinite(x)) return false;
    return true;
  }

  save(): PolicySnapshot {
    return {
      kind: this.kind,
      version: EMBEDDED_VERSION,
      rows: this.cfg.rows,
      copyRows: this.cfg.copyRows,
      vocab: [...STATIC_TOKENS],
      params: encodeF64(this.params),
      adam: this.adam.save(),
    };
  }

  load(snapshot: PolicySnapshot): void {
    const s = snapshot as PolicySnapshot & { version?: number; rows?: number; copyRows?: number; vocab?: string[]; params?: string; adam?: AdamSnapshot };
    if (s.kind !== this.kind || s.version !== EMBEDDED_VERSION) throw new Error(`cannot load a ${String(s.kind)} v${String(s.version)} snapshot into an embedded v${EMBEDDED_VERSION} policy`);
    if (s.rows !== this.cfg.rows || s.copyRows !== this.cfg.copyRows) throw new Error("snapshot sizes differ from the policy config");
    if (JSON.stringify(s.vocab) !== JSON.stringify(STATIC_TOKENS)) throw new Error("snapshot vocabulary differs from this version's");
    if (typeof s.params !== "string" || !s.adam) throw new Error("snapshot has no parameters");
    this.params.set(decodeF64(s.params, this.params.length));
    this.adam.load(s.adam);
    this.cache.clear();
  }

  /** A frozen copy (same parameters; its own optimizer state is irrelevant). */
  clone(): EmbeddedPolicy {
    const c = new EmbeddedPolicy(this.cfg);
    c.params.set(this.params);
    return c;
  }
}

interface Orphan {
  readonly text: string;
  readonly words: number;
}

const NO_ORPHANS: readonly Orphan[] = [];
const ORPHAN_CTX = Uint32Array.from([ORPHAN]);
