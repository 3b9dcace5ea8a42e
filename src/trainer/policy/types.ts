/**
 * The policy interface the HiR core trains. The embedded policy (embedded.ts)
 * implements it in plain TypeScript; a later issue implements it for real LLM
 * engines (src/engines/).
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

export interface Policy {
  readonly kind: string;
  generate(instructions: readonly string[], opts: GenerateOptions): Rollout[];
  /** Scores a fixed token sequence under an instruction (teacher forcing). */
  logProbs(instruction: string, tokens: readonly string[], opts: ScoreOptions): TokenScores;
  /** One optimizer update on the token-mean PPO clipped surrogate of `items`. */
  update(items: readonly UpdateItem[], opts: UpdateOptions): UpdateStats;
  save(): PolicySnapshot;
  load(snapshot: PolicySnapshot): void;
}
