/**
 * The neural policy's network: a GRU encoder over the instruction's tokens and a
 * GRU decoder over the response's tokens (Cho et al. 2014 style: the encoder's
 * final state c is fed to every decoder step), with a pointer for copy tokens.
 *
 *   encoder  S_i = GRU_enc(Ein[tok_i], S_{i-1}),  c = S_last
 *   decoder  h_0 = tanh(W0 c + b0);  h_t = GRU_dec([emb(y_{t-1}); c], h_{t-1})
 *   static token v:         logit = Wo_v . h_t + bo_v
 *   copy of quoted phrase q: logit = h_t . (Wk k_q) + b_copy, k_q = S at q's closing quote
 *   copy of a phrase the instruction does not quote (a replay scored under q'):
 *                           logit = w_orphan . h_t + b_orphan
 *   emb(static v) = Eout_v; emb(copy of q) = Eout_copy + Wx k_q; emb(orphan) = Eout_copy
 *
 * Nothing here counts words, bullets or anything a check measures: the decoder
 * sees only its own previous tokens (constrained decoding only keeps the text
 * well formed, as for the embedded policy).
 */
import { Rng } from "../../rng.js";
import { VS } from "../vocab.js";
import { gruSize, type GruShape } from "./gru.js";

export interface NetworkShape {
  /** Embedding width. */
  readonly embed: number;
  /** GRU state width (encoder and decoder). */
  readonly hidden: number;
  /** Hashed instruction-token rows. */
  readonly buckets: number;
}

/** Offsets of every parameter block in one Float64Array. */
export class Layout {
  readonly ein: number;
  readonly enc: GruShape;
  readonly w0: number;
  readonly b0: number;
  readonly eout: number;
  readonly wx: number;
  readonly dec: GruShape;
  readonly wo: number;
  readonly bo: number;
  readonly wk: number;
  readonly wOrphan: number;
  readonly bCopy: number;
  readonly bOrphan: number;
  readonly size: number;
  /** Eout rows: static tokens, then COPY, then BOS. */
  static readonly COPY = VS;
  static readonly BOS = VS + 1;

  constructor(readonly shape: NetworkShape) {
    const { embed: E, hidden: H, buckets } = shape;
    let o = 0;
    const take = (n: number): number => {
      const at = o;
      o += n;
      return at;
    };
    this.ein = take(buckets * E);
    this.enc = { input: E, hidden: H, off: take(gruSize(E, H)) };
    this.w0 = take(H * H);
    this.b0 = take(H);
    this.eout = take((VS + 2) * E);
    this.wx = take(E * H);
    this.dec = { input: E + H, hidden: H, off: take(gruSize(E + H, H)) };
    this.wo = take(VS * H);
    this.bo = take(VS);
    this.wk = take(H * H);
    this.wOrphan = take(H);
    this.bCopy = take(1);
    this.bOrphan = take(1);
    this.size = o;
  }

  /** Seeded initialisation: weights ~ N(0, 1/fan_in), biases 0 (GRU update-gate bias +1: keep state early on). */
  init(params: Float64Array, seed: number): void {
    const rng = Rng.seeded(seed, 0x6e657572);
    const { embed: E, hidden: H } = this.shape;
    const fill = (off: number, n: number, fanIn: number) => {
      const s = 1 / Math.sqrt(fanIn);
      for (let i = 0; i < n; i++) params[off + i] = rng.normal() * s;
    };
    fill(this.ein, this.shape.buckets * E, 1);
    for (const g of [this.enc, this.dec]) {
      const cols = g.input + H;
      fill(g.off, 3 * H * cols, cols);
      const b = g.off + 3 * H * cols;
      for (let j = 0; j < H; j++) params[b + j] = 1;
    }
    fill(this.w0, H * H, H);
    fill(this.eout, (VS + 2) * E, 1);
    fill(this.wx, E * H, H);
    fill(this.wo, VS * H, H);
    fill(this.wk, H * H, H);
    fill(this.wOrphan, H, H);
  }
}
