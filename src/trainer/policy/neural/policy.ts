/**
 * The neural policy: the `Policy` seam on the GRU encoder-decoder of network.ts,
 * with hand-written backpropagation through time and Adam. Same token strings
 * (static tokens of vocab.ts and `copy:PHRASE`), the same constrained decoding
 * and the same STOP_TOKEN convention as the embedded policy, so either can score
 * the other's rollouts. Float64 arithmetic in a fixed order: a seed reproduces
 * a run bit for bit. See docs/trainer.md ("The neural policy").
 */
import type { Rng } from "../../rng.js";
import { affineRows } from "./affine.js";
import { Adam, adamUpdate, type AdamConfig, type AdamSnapshot } from "../adam.js";
import { decodeF64, encodeF64 } from "../codec.js";
import { TokenMeanPpo } from "../ppo-loss.js";
import { STOP_TOKEN } from "../embedded.js";
import { countWords } from "../instruction.js";
import { staticMask } from "../trace.js";
import type { GenerateOptions, Policy, PolicySnapshot, Rollout, ScoreOptions, ScoreRequest, TokenScores, UpdateItem, UpdateOptions, UpdateStats } from "../types.js";
import { COPY_PREFIX, END, STATIC_INDEX, STATIC_TOKENS, TextState, VS } from "../vocab.js";
import { gruBackward, gruForward, GruGradScratch, gruInputPart, gruStep, linear, linearBackward, newTrace, type GruTrace } from "./gru.js";
import { Layout, type NetworkShape } from "./network.js";
import { tokenizeInstruction, type QuotedPhrase } from "./tokenize.js";

export const NEURAL_VERSION = 1;

const slots = (n: number): (Float64Array | undefined)[] => Array.from({ length: n }, () => undefined);

export interface NeuralConfig extends NetworkShape {
  /** Seeds the initial weights (before pretraining). */
  readonly initSeed: number;
  readonly optimizer: AdamConfig;
}

/** An encoded instruction: encoder states and traces, and per-quote keys. */
interface Encoded {
  readonly ids: Int32Array;
  readonly quotes: readonly QuotedPhrase[];
  readonly traces: GruTrace[];
  /** Encoder states S_i (hidden each). */
  readonly states: Float64Array[];
  readonly c: Float64Array;
  readonly h0: Float64Array;
  /** Per quote: u_q = Wk k_q (pointer key) and Wx k_q (its input embedding part). */
  readonly keys: Float64Array[];
  readonly xk: Float64Array[];
  /**
   * Per decoder input (inputKey): the input [emb(prev); c] and the input half of
   * the decoder GRU's pre-activations (gruInputPart), filled on first use. Both
   * depend only on the instruction, the previous token and the parameters, and
   * every step with that previous token would compute exactly these bits.
   */
  readonly xin: (Float64Array | undefined)[];
  readonly pre: (Float64Array | undefined)[];
}

/** One decoder step, kept for the backward pass. */
interface Step {
  readonly trace: GruTrace;
  readonly h: Float64Array;
  /** Candidate of the previous token (-1 = BOS), which formed this step's input. */
  readonly prevCand: number;
  /** d loss / d logit per candidate (null: no gradient at this step). */
  dz: Float64Array | null;
}

interface Orphan {
  readonly text: string;
  readonly words: number;
}

export class NeuralPolicy implements Policy {
  readonly kind = "neural";
  readonly layout: Layout;
  readonly params: Float64Array;
  readonly adam: Adam;
  private readonly cache = new Map<string, Encoded>();
  private readonly E: number;
  private readonly H: number;
  private readonly encScratch: GruGradScratch;
  private readonly encPre: Float64Array;
  private readonly decScratch: GruGradScratch;

  constructor(readonly cfg: NeuralConfig) {
    this.layout = new Layout(cfg);
    this.params = new Float64Array(this.layout.size);
    this.layout.init(this.params, cfg.initSeed);
    this.adam = new Adam(this.params.length, cfg.optimizer);
    this.E = cfg.embed;
    this.H = cfg.hidden;
    this.encScratch = new GruGradScratch(cfg.hidden);
    this.encPre = new Float64Array(3 * cfg.hidden);
    this.decScratch = new GruGradScratch(cfg.hidden);
  }

  get size(): number {
    return this.params.length;
  }

  // ---- encoder ------------------------------------------------------------------------------------

  private encode(instruction: string): Encoded {
    const hit = this.cache.get(instruction);
    if (hit) return hit;
    const p = this.params;
    const L = this.layout;
    const { E, H } = this;
    const tok = tokenizeInstruction(instruction, this.cfg.buckets);
    const traces: GruTrace[] = [];
    const states: Float64Array[] = [];
    let h = new Float64Array(H);
    const x = new Float64Array(E);
    for (let i = 0; i < tok.ids.length; i++) {
      const row = L.ein + (tok.ids[i] as number) * E;
      for (let k = 0; k < E; k++) x[k] = p[row + k] as number;
      const tr = newTrace(L.enc);
      const out = new Float64Array(H);
      gruForward(p, L.enc, x, h, out, tr, this.encPre);
      traces.push(tr);
      states.push(out);
      h = out;
    }
    const c = h;
    const h0 = new Float64Array(H);
    for (let j = 0; j < H; j++) {
      let a = p[L.b0 + j] as number;
      for (let i = 0; i < H; i++) a += (p[L.w0 + j * H + i] as number) * (c[i] as number);
      h0[j] = Math.tanh(a);
    }
    const keys: Float64Array[] = [];
    const xk: Float64Array[] = [];
    for (const q of tok.quotes) {
      const k = states[q.end] as Float64Array;
      const u = new Float64Array(H);
      linear(p, L.wk, H, H, k, u);
      const v = new Float64Array(E);
      linear(p, L.wx, E, H, k, v);
      keys.push(u);
      xk.push(v);
    }
    const inputs = VS + tok.quotes.length + 2;
    const enc: Encoded = { ids: tok.ids, quotes: tok.quotes, traces, states, c, h0, keys, xk, xin: slots(inputs), pre: slots(inputs) };
    if (this.cache.size >= 4096) this.cache.clear();
    this.cache.set(instruction, enc);
    return enc;
  }

  // ---- decoder ------------------------------------------------------------------------------------

  /** The decoder input [emb(prev); c] for candidate `prev` (-1 = BOS). */
  private input(enc: Encoded, prev: number, nq: number, x: Float64Array): void {
    const p = this.params;
    const L = this.layout;
    const E = this.E;
    const row = prev < 0 ? Layout.BOS : prev < VS ? prev : Layout.COPY;
    const off = L.eout + row * E;
    for (let k = 0; k < E; k++) x[k] = p[off + k] as number;
    if (prev >= VS && prev - VS < nq) {
      const v = enc.xk[prev - VS] as Float64Array;
      for (let k = 0; k < E; k++) x[k] = (x[k] as number) + (v[k] as number);
    }
    x.set(enc.c, E);
  }

  /** The cache slot of candidate `prev`'s decoder input: BOS, each static token, each quote, and one for every orphan (all COPY). */
  private static inputKey(prev: number, nq: number): number {
    return prev < 0 ? 0 : prev < VS + nq ? prev + 1 : VS + nq + 1;
  }

  /** Fills enc.xin and enc.pre for `key` on first use. */
  private decoderInput(enc: Encoded, prev: number, nq: number, key: number): void {
    if (enc.pre[key] !== undefined) return;
    const x = new Float64Array(this.E + this.H);
    this.input(enc, prev, nq, x);
    const pre = new Float64Array(3 * this.H);
    gruInputPart(this.params, this.layout.dec, x, pre);
    enc.xin[key] = x;
    enc.pre[key] = pre;
  }

  /** Logits of every candidate (static, quotes, orphans) at state h; `allowed` from the text state. */
  private logits(enc: Encoded, h: Float64Array, st: TextState, total: number, z: Float64Array, allowed: Uint8Array): void {
    const p = this.params;
    const L = this.layout;
    const H = this.H;
    allowed.set(staticMask(st));
    affineRows(p, L.wo, H, L.bo, h, H, z, VS);
    const nq = enc.keys.length;
    for (let c = VS; c < total; c++) {
      allowed[c] = 1;
      const q = c - VS;
      let a: number;
      if (q < nq) {
        const u = enc.keys[q] as Float64Array;
        a = p[L.bCopy] as number;
        for (let i = 0; i < H; i++) a += (u[i] as number) * (h[i] as number);
      } else {
        a = p[L.bOrphan] as number;
        for (let i = 0; i < H; i++) a += (p[L.wOrphan + i] as number) * (h[i] as number);
      }
      z[c] = a;
    }
  }

  /**
   * Runs the decoder along `tokens` (teacher forcing) or samples (`rng`), calling
   * `visit` at each step with the chosen candidate, its log-prob, the entropy and
   * the probabilities; `visit` may return d loss / d logit (already including 1/T)
   * to have it back-propagated. Returns the steps (for backward) and the tokens.
   */
  private run(
    instruction: string,
    temperature: number,
    source: { tokens: readonly string[] } | { rng: Rng; maxTokens: number },
    visit: (t: number, chosen: number, logp: number, entropy: number, probs: Float64Array, total: number, z: Float64Array) => Float64Array | null,
    keepSteps: boolean,
  ): { steps: Step[]; tokens: string[]; text: string; orphans: Orphan[]; enc: Encoded } {
    const enc = this.encode(instruction);
    const nq = enc.quotes.length;
    const quoteIndex = new Map(enc.quotes.map((q, i) => [COPY_PREFIX + q.text, i]));
    const orphans: Orphan[] = [];
    const orphanIndex = new Map<string, number>();
    if ("tokens" in source) {
      for (const t of source.tokens) {
        if (!t.startsWith(COPY_PREFIX) || quoteIndex.has(t) || orphanIndex.has(t)) continue;
        const text = t.slice(COPY_PREFIX.length);
        orphanIndex.set(t, orphans.length);
        orphans.push({ text, words: countWords(text) });
      }
    }
    const total = VS + nq + orphans.length;
    const z = new Float64Array(total);
    const probs = new Float64Array(total);
    const allowed = new Uint8Array(total);
    const H = this.H;
    const dec = this.layout.dec;
    // Without a backward pass one gate scratch and two alternating state buffers do (h0 is never written).
    const scratch = keepSteps ? null : { z: new Float64Array(H), r: new Float64Array(H), n: new Float64Array(H), bufs: [new Float64Array(H), new Float64Array(H)] as const };
    const st = new TextState();
    const steps: Step[] = [];
    const tokens: string[] = [];
    let h = enc.h0;
    let prev = -1;
    for (let t = 0; ; t++) {
      let forced: string | undefined;
      if ("tokens" in source) {
        if (t >= source.tokens.length) break;
        forced = source.tokens[t] as string;
        if (forced === STOP_TOKEN) {
          visit(t, -1, 0, 0, probs, 0, z);
          tokens.push(STOP_TOKEN);
          break;
        }
      } else if (st.n >= source.maxTokens - 1) {
        tokens.push(STOP_TOKEN);
        visit(t, -1, 0, 0, probs, 0, z);
        break;
      }
      const key = NeuralPolicy.inputKey(prev, nq);
      this.decoderInput(enc, prev, nq, key);
      const pre = enc.pre[key] as Float64Array;
      let out: Float64Array;
      let trace: GruTrace | null = null;
      if (scratch) {
        out = scratch.bufs[t & 1] as Float64Array;
        gruStep(this.params, dec, pre, h, out, scratch.z, scratch.r, scratch.n);
      } else {
        // The backward pass reads x and h: both stay unchanged (cached input, previous state), so the trace shares them.
        trace = { x: enc.xin[key] as Float64Array, h, z: new Float64Array(H), r: new Float64Array(H), n: new Float64Array(H) };
        out = new Float64Array(H);
        gruStep(this.params, dec, pre, h, out, trace.z, trace.r, trace.n);
      }
      this.logits(enc, out, st, total, z, allowed);
      // softmax at temperature over allowed candidates
      let max = -Infinity;
      for (let c = 0; c < total; c++) if (allowed[c] && (z[c] as number) / temperature > max) max = (z[c] as number) / temperature;
      let sum = 0;
      for (let c = 0; c < total; c++) {
        const e = allowed[c] ? Math.exp((z[c] as number) / temperature - max) : 0;
        probs[c] = e;
        sum += e;
      }
      const logZ = max + Math.log(sum);
      let entropy = 0;
      for (let c = 0; c < total; c++) {
        if (!allowed[c]) continue;
        const pr = (probs[c] as number) / sum;
        probs[c] = pr;
        if (pr > 0) entropy -= pr * ((z[c] as number) / temperature - logZ);
      }
      let chosen: number;
      if (forced !== undefined) {
        const sv = STATIC_INDEX.get(forced);
        if (sv !== undefined) chosen = sv;
        else if (quoteIndex.has(forced)) chosen = VS + (quoteIndex.get(forced) as number);
        else if (orphanIndex.has(forced)) chosen = VS + nq + (orphanIndex.get(forced) as number);
        else throw new Error(`neural policy: unknown token ${JSON.stringify(forced)}`);
        if (!allowed[chosen]) throw new Error(`neural policy: token ${JSON.stringify(forced)} is not allowed at step ${t}`);
      } else chosen = (source as { rng: Rng }).rng.categorical(probs, 1);
      const logp = (z[chosen] as number) / temperature - logZ;
      const dz = visit(t, chosen, logp, entropy, probs, total, z);
      if (trace) steps.push({ trace, h: out, prevCand: prev, dz: dz ? Float64Array.from(dz.subarray(0, total)) : null });
      h = out;
      prev = chosen;
      if (chosen < VS) {
        tokens.push(STATIC_TOKENS[chosen] as string);
        if (chosen === END) break;
        st.applyStatic(chosen);
      } else {
        const q = chosen - VS;
        const phrase = q < nq ? (enc.quotes[q] as QuotedPhrase).text : (orphans[q - nq] as Orphan).text;
        tokens.push(COPY_PREFIX + phrase);
        st.applyCopy(chosen, phrase, countWords(phrase));
      }
    }
    return { steps, tokens, text: st.text, orphans, enc };
  }

  // ---- backward -----------------------------------------------------------------------------------

  /** Back-propagates the steps' dz through decoder and encoder into `g`. */
  private backward(enc: Encoded, steps: readonly Step[], g: Float64Array): void {
    const p = this.params;
    const L = this.layout;
    const { E, H } = this;
    const nq = enc.quotes.length;
    const dh = new Float64Array(H);
    const dOut = new Float64Array(H);
    const dx = new Float64Array(E + H);
    const dPrev = new Float64Array(H);
    const dc = new Float64Array(H);
    const dKey = enc.keys.map(() => new Float64Array(H));
    const dXk = enc.keys.map(() => new Float64Array(E));
    for (let t = steps.length - 1; t >= 0; t--) {
      const s = steps[t] as Step;
      dOut.set(dh);
      if (s.dz) {
        const dz = s.dz;
        for (let v = 0; v < VS; v++) {
          const d = dz[v] as number;
          if (d === 0) continue;
          g[L.bo + v] = (g[L.bo + v] as number) + d;
          const row = L.wo + v * H;
          for (let i = 0; i < H; i++) {
            g[row + i] = (g[row + i] as number) + d * (s.h[i] as number);
            dOut[i] = (dOut[i] as number) + d * (p[row + i] as number);
          }
        }
        for (let c = VS; c < dz.length; c++) {
          const d = dz[c] as number;
          if (d === 0) continue;
          const q = c - VS;
          if (q < nq) {
            g[L.bCopy] = (g[L.bCopy] as number) + d;
            const u = enc.keys[q] as Float64Array;
            const du = dKey[q] as Float64Array;
            for (let i = 0; i < H; i++) {
              dOut[i] = (dOut[i] as number) + d * (u[i] as number);
              du[i] = (du[i] as number) + d * (s.h[i] as number);
            }
          } else {
            g[L.bOrphan] = (g[L.bOrphan] as number) + d;
            for (let i = 0; i < H; i++) {
              g[L.wOrphan + i] = (g[L.wOrphan + i] as number) + d * (s.h[i] as number);
              dOut[i] = (dOut[i] as number) + d * (p[L.wOrphan + i] as number);
            }
          }
        }
      }
      gruBackward(p, g, L.dec, s.trace, dOut, dx, dPrev, this.decScratch);
      // input [emb(prev); c]
      const prev = s.prevCand;
      const row = prev < 0 ? Layout.BOS : prev < VS ? prev : Layout.COPY;
      const off = L.eout + row * E;
      for (let k = 0; k < E; k++) g[off + k] = (g[off + k] as number) + (dx[k] as number);
      if (prev >= VS && prev - VS < nq) {
        const d = dXk[prev - VS] as Float64Array;
        for (let k = 0; k < E; k++) d[k] = (d[k] as number) + (dx[k] as number);
      }
      for (let i = 0; i < H; i++) dc[i] = (dc[i] as number) + (dx[E + i] as number);
      dh.set(dPrev);
    }
    // h0 = tanh(W0 c + b0)
    for (let j = 0; j < H; j++) {
      const a = (dh[j] as number) * (1 - (enc.h0[j] as number) ** 2);
      if (a === 0) continue;
      g[L.b0 + j] = (g[L.b0 + j] as number) + a;
      for (let i = 0; i < H; i++) {
        g[L.w0 + j * H + i] = (g[L.w0 + j * H + i] as number) + a * (enc.c[i] as number);
        dc[i] = (dc[i] as number) + a * (p[L.w0 + j * H + i] as number);
      }
    }
    // quote keys: u = Wk k, xk = Wx k, k = S[end]
    const n = enc.states.length;
    const dS = new Float64Array(n * H);
    for (let q = 0; q < nq; q++) {
      const k = enc.states[(enc.quotes[q] as QuotedPhrase).end] as Float64Array;
      const base = (enc.quotes[q] as QuotedPhrase).end * H;
      const du = dKey[q] as Float64Array;
      const dv = dXk[q] as Float64Array;
      linearBackward(p, g, L.wk, H, H, k, du, dS, base);
      linearBackward(p, g, L.wx, E, H, k, dv, dS, base);
    }
    // encoder, last position first; c = S[last]
    const carry = new Float64Array(H);
    carry.set(dc);
    const dEx = new Float64Array(E);
    const dHprev = new Float64Array(H);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = 0; j < H; j++) dOut[j] = (carry[j] as number) + (dS[i * H + j] as number);
      gruBackward(p, g, L.enc, enc.traces[i] as GruTrace, dOut, dEx, dHprev, this.encScratch);
      const row = L.ein + (enc.ids[i] as number) * E;
      for (let k = 0; k < E; k++) g[row + k] = (g[row + k] as number) + (dEx[k] as number);
      carry.set(dHprev);
    }
  }

  // ---- the Policy seam ----------------------------------------------------------------------------

  generate(instructions: readonly string[], opts: GenerateOptions): Rollout[] {
    return instructions.map((instruction) => {
      const logprobs: number[] = [];
      const entropies: number[] = [];
      const r = this.run(instruction, opts.temperature, { rng: opts.rng, maxTokens: opts.maxTokens }, (_t, _c, logp, h) => {
        logprobs.push(logp);
        entropies.push(h);
        return null;
      }, false);
      return { instruction, text: r.text, tokens: r.tokens, logprobs, entropies };
    });
  }

  logProbs(requests: readonly ScoreRequest[], opts: ScoreOptions): TokenScores[] {
    return requests.map((req) => {
      const logprobs: number[] = [];
      const entropies: number[] = [];
      this.run(req.instruction, opts.temperature, { tokens: req.tokens }, (_t, _c, logp, h) => {
        logprobs.push(logp);
        entropies.push(h);
        return null;
      }, false);
      return { logprobs, entropies };
    });
  }

  /** Token-mean PPO clipped surrogate (minus entropyCoeff * entropy) and its exact gradient (added into `grad`). */
  lossAndGradient(items: readonly UpdateItem[], opts: UpdateOptions, grad?: Float64Array): { loss: number; stats: UpdateStats } {
    const ppo = new TokenMeanPpo(items, opts);
    const T = opts.temperature;
    let dz = new Float64Array(0);
    for (const it of items) {
      const r = this.run(it.instruction, T, { tokens: it.tokens }, (t, chosen, logp, h, probs, total, z) => {
        if (dz.length < total) dz = new Float64Array(total);
        if (!ppo.token(it, t, chosen, logp, h, grad ? { probs, z, total, dz } : undefined)) return null;
        for (let c = 0; c < total; c++) dz[c] = (dz[c] as number) / T; // d/d logit = d/d(z/T) / T
        return dz;
      }, grad !== undefined);
      if (grad) this.backward(r.enc, r.steps, grad);
    }
    const stats = ppo.stats();
    return { loss: stats.loss, stats };
  }

  /** Token-mean negative log-likelihood of `tokens` under their instructions, and its gradient (pretraining). */
  nllAndGradient(examples: readonly ScoreRequest[], grad: Float64Array): number {
    let nTok = 0;
    for (const ex of examples) nTok += ex.tokens.filter((t) => t !== STOP_TOKEN).length;
    const inv = nTok > 0 ? 1 / nTok : 0;
    let nll = 0;
    for (const ex of examples) {
      let dzBuf = new Float64Array(0);
      const r = this.run(ex.instruction, 1, { tokens: ex.tokens }, (_t, chosen, logp, _h, probs, total) => {
        if (chosen < 0) return null;
        nll -= logp * inv;
        if (dzBuf.length < total) dzBuf = new Float64Array(total);
        for (let c = 0; c < total; c++) dzBuf[c] = (probs[c] as number) * inv;
        dzBuf[chosen] = (dzBuf[chosen] as number) - inv;
        return dzBuf;
      }, true);
      this.backward(r.enc, r.steps, grad);
    }
    return nll;
  }

  private gradBuf: Float64Array | undefined;

  update(items: readonly UpdateItem[], opts: UpdateOptions): UpdateStats {
    this.gradBuf ??= new Float64Array(this.params.length);
    const stats = adamUpdate(this.adam, this.params, this.gradBuf, (grad) => this.lossAndGradient(items, opts, grad).stats);
    this.cache.clear();
    return stats;
  }

  /** One supervised step on `examples` (pretraining); returns the token-mean NLL before the step. */
  supervisedStep(examples: readonly ScoreRequest[], adam: Adam): number {
    this.gradBuf ??= new Float64Array(this.params.length);
    const { nll } = adamUpdate(adam, this.params, this.gradBuf, (grad) => ({ nll: this.nllAndGradient(examples, grad) }));
    this.cache.clear();
    return nll;
  }

  // ---- persistence --------------------------------------------------------------------------------

  isFinite(): boolean {
    for (const x of this.params) if (!Number.isFinite(x)) return false;
    return true;
  }

  save(): PolicySnapshot {
    const { embed, hidden, buckets } = this.cfg;
    return { kind: this.kind, version: NEURAL_VERSION, embed, hidden, buckets, vocab: [...STATIC_TOKENS], params: encodeF64(this.params), adam: this.adam.save() };
  }

  load(snapshot: PolicySnapshot): void {
    const s = snapshot as PolicySnapshot & { version?: number; embed?: number; hidden?: number; buckets?: number; vocab?: string[]; params?: string; adam?: AdamSnapshot };
    if (s.kind !== this.kind || s.version !== NEURAL_VERSION) throw new Error(`cannot load a ${String(s.kind)} v${String(s.version)} snapshot into a neural v${NEURAL_VERSION} policy`);
    if (s.embed !== this.cfg.embed || s.hidden !== this.cfg.hidden || s.buckets !== this.cfg.buckets) throw new Error("snapshot sizes differ from the policy config");
    if (JSON.stringify(s.vocab) !== JSON.stringify(STATIC_TOKENS)) throw new Error("snapshot vocabulary differs from this version's");
    if (typeof s.params !== "string" || !s.adam) throw new Error("snapshot has no parameters");
    this.params.set(decodeF64(s.params, this.params.length));
    this.adam.load(s.adam);
    this.cache.clear();
  }

  /** Replaces the parameters (pretrained weights); the optimizer state starts fresh. */
  setParams(params: Float64Array): void {
    this.params.set(params);
    this.cache.clear();
  }
}
