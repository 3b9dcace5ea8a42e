/**
 * The policy interface the HiR core trains. The embedded policy (embedded.ts)
 * implements it in plain TypeScript, synchronously; a remote policy (an LLM behind
 * a completions server, src/engines/) implements it asynchronously. Every method
 * may return a promise, and generation and scoring are batched (one call per step
 * for all prompts), so a remote policy makes one request where it can.
 *
 * Tokens are the policy's own strings (for an LLM: token ids as strings). A
 * response is always the same token sequence whatever instruction it is scored
 * under, so a replay's tokens can be re-scored under the hindsight instruction.
 */
import type { Rng } from "../rng.js";

export interface Rollout {
  readonly instruction: string;
  /** The response text (what verifiers read). */
  readonly text: string;
  readonly tokens: readonly string[];
  /** log pi(token_t | instruction, tokens_<t), at the sampling temperature. */
  readonly logprobs: readonly number[];
  /** Entropy of the full next-token distribution at each step. */
  readonly entropies: readonly number[];
}

export interface GenerateOptions {
  readonly temperature: number;
  readonly rng: Rng;
  readonly maxTokens: number;
}

export interface ScoreOptions {
  readonly temperature: number;
}

export interface TokenScores {
  readonly logprobs: number[];
  readonly entropies: number[];
}

export interface UpdateItem {
  readonly instruction: string;
  readonly tokens: readonly string[];
  /** Per-token advantages. */
  readonly advantages: readonly number[];
  /** Per-token log-probs under the policy that produced the batch (PPO's pi_old). */
  readonly oldLogprobs: readonly number[];
  /** Per-token log-probs under the frozen reference policy (for the reported KL). */
  readonly refLogprobs: readonly number[];
}

export interface UpdateOptions {
  readonly clip: number;
  readonly entropyCoeff: number;
  readonly temperature: number;
}

export interface UpdateStats {
  /** Token-mean PPO loss (minus the entropy bonus, if any) before the update. */
  readonly loss: number;
  /** Token-mean logp_new - logp_ref before the update. */
  readonly kl: number;
  /** Token-mean logp_old - logp_new before the update (verl's ppo_kl). */
  readonly ppoKl: number;
  readonly clipFraction: number;
  /** Token-mean entropy under the current policy. */
  readonly entropy: number;
  readonly gradNorm: number;
  readonly tokens: number;
}

/** What `save` returns: plain JSON. */
export type PolicySnapshot = { readonly kind: string } & Record<string, unknown>;

/** A fixed token sequence to score under an instruction. */
export interface ScoreRequest {
  readonly instruction: string;
  readonly tokens: readonly string[];
}

export type MaybePromise<T> = T | Promise<T>;

export interface Policy {
  readonly kind: string;
  /**
   * One rollout per instruction, in order. A policy that samples locally draws from
   * `opts.rng` in instruction order (so one batched call equals several smaller ones).
   */
  generate(instructions: readonly string[], opts: GenerateOptions): MaybePromise<Rollout[]>;
  /** Scores fixed token sequences under their instructions (teacher forcing), one result per request. */
  logProbs(requests: readonly ScoreRequest[], opts: ScoreOptions): MaybePromise<TokenScores[]>;
  /** One optimizer update on the token-mean PPO clipped surrogate of `items`. */
  update(items: readonly UpdateItem[], opts: UpdateOptions): MaybePromise<UpdateStats>;
  save(): PolicySnapshot;
  load(snapshot: PolicySnapshot): void;
  /** False when a parameter is NaN or infinite (training stops then); policies that cannot tell omit it. */
  isFinite?(): boolean;
}
