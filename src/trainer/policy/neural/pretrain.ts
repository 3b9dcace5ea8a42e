/**
 * Pretraining of the neural policy: supervised learning (token-mean
 * cross-entropy, Adam) on a generated corpus of plausible responses, so that RL
 * starts in the regime the benchmark needs (scarce full successes, mostly
 * partial ones) instead of from uniform noise.
 *
 * The corpus: `samplesPerTask` responses per training instruction, sampled at
 * temperature 1 from the embedded policy in its initial state, whose fixed prior
 * knows generic writing habits and no contract (src/trainer/policy/embedded.ts,
 * PRIOR). The neural policy learns to imitate those texts from the instruction's
 * tokens alone; it gets none of the embedded policy's features.
 *
 * Deterministic: the corpus, its shuffles and the initial weights are seeded, so
 * the same config and instructions give the same bits. The result is cached in
 * memory and on disk under a hash of everything it depends on.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../../../fs/atomic.js";
import { sha256Hex } from "../../hash.js";
import { Rng } from "../../rng.js";
import { Adam, type AdamConfig } from "../adam.js";
import { decodeF64, encodeF64 } from "../codec.js";
import type { Policy, ScoreRequest } from "../types.js";
import { NEURAL_VERSION, NeuralPolicy, type NeuralConfig } from "./policy.js";

/** Bump when the corpus or the procedure changes (invalidates caches). */
export const PRETRAIN_VERSION = 1;

export interface PretrainConfig {
  readonly samplesPerTask: number;
  readonly epochs: number;
  readonly batch: number;
  readonly lr: number;
  readonly seed: number;
  readonly cacheDir: string | null;
}

export interface PretrainInput {
  readonly net: NeuralConfig;
  readonly pretrain: PretrainConfig;
  /** The training instructions (in task order). */
  readonly instructions: readonly string[];
  /** The corpus generator and its identity (part of the cache key). */
  readonly teacher: Policy;
  readonly teacherId: unknown;
  readonly maxTokens: number;
  /** Progress (epoch, mean NLL), for scripts. */
  readonly onEpoch?: (epoch: number, nll: number) => void;
}

const memory = new Map<string, Float64Array>();

/** Empties the in-memory cache (the disk cache stays): what a fresh process sees. */
export function forgetPretrained(): void {
  memory.clear();
}

export function pretrainKey(input: PretrainInput): string {
  const { cacheDir: _dir, ...pre } = input.pretrain;
  const { optimizer: _opt, ...net } = input.net;
  return sha256Hex(JSON.stringify({ v: [NEURAL_VERSION, PRETRAIN_VERSION], net, pre, teacher: input.teacherId, maxTokens: input.maxTokens, instructions: input.instructions }));
}

/** The generated corpus: one batched sampling call over every instruction x sample. */
export function pretrainCorpus(input: PretrainInput): ScoreRequest[] {
  const rng = Rng.seeded(input.pretrain.seed, 0x636f7270);
  const qs = input.instructions.flatMap((q) => Array.from({ length: input.pretrain.samplesPerTask }, () => q));
  const rs = input.teacher.generate(qs, { temperature: 1, rng, maxTokens: input.maxTokens });
  if (rs instanceof Promise) throw new Error("pretraining needs a local (synchronous) corpus generator");
  return rs.map((r) => ({ instruction: r.instruction, tokens: r.tokens }));
}

/** Pretrained parameters for `input` (from the caches when present). */
export function pretrainedParams(input: PretrainInput): Float64Array {
  const key = pretrainKey(input);
  const hit = memory.get(key);
  if (hit) return hit;
  const dir = input.pretrain.cacheDir ?? join(tmpdir(), "hir-neural-cache");
  const file = join(dir, `neural-${key.slice(0, 32)}.json`);
  const policy = new NeuralPolicy(input.net);
  if (existsSync(file)) {
    try {
      const saved = JSON.parse(readFileSync(file, "utf8")) as { key?: string; params?: string };
      if (saved.key === key && typeof saved.params === "string") {
        const params = decodeF64(saved.params, policy.size);
        memory.set(key, params);
        return params;
      }
    } catch {
      // a damaged cache file: pretrain again and overwrite it
    }
  }
  const params = pretrain(policy, input);
  memory.set(key, params);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(file, JSON.stringify({ key, params: encodeF64(params) }));
  } catch {
    // an unwritable cache only costs time
  }
  return params;
}

function pretrain(policy: NeuralPolicy, input: PretrainInput): Float64Array {
  const corpus = pretrainCorpus(input);
  const cfg = input.pretrain;
  const adamCfg: AdamConfig = { ...input.net.optimizer, lr: cfg.lr };
  const adam = new Adam(policy.size, adamCfg);
  for (let e = 0; e < cfg.epochs; e++) {
    const order = Rng.seeded(cfg.seed, 0x65706f, e).shuffled([...corpus.keys()]);
    let sum = 0;
    let n = 0;
    for (let i = 0; i < order.length; i += cfg.batch) {
      const batch = order.slice(i, i + cfg.batch).map((j) => corpus[j] as ScoreRequest);
      sum += policy.supervisedStep(batch, adam);
      n++;
    }
    input.onEpoch?.(e + 1, n > 0 ? sum / n : 0);
  }
  return Float64Array.from(policy.params);
}
