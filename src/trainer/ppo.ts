/**
 * The PPO clipped surrogate for one token, with its derivative with respect to
 * the new log-prob (verl's compute_policy_loss without dual clipping):
 *   ratio = exp(logp - logp_old)
 *   loss  = max(-A * ratio, -A * clamp(ratio, 1 - eps, 1 + eps))
 * The clipped branch is constant in logp, so its derivative is 0; the unclipped
 * one has d loss / d logp = -A * ratio. A token is "clipped" when the clipped
 * branch is strictly larger.
 */
export interface SurrogateTerm {
  readonly loss: number;
  readonly dLogp: number;
  readonly clipped: boolean;
  readonly ratio: number;
}

export function clippedSurrogate(logp: number, logpOld: number, advantage: number, clip: number): SurrogateTerm {
  const ratio = Math.exp(logp - logpOld);
  const unclipped = -advantage * ratio;
  const clamped = Math.min(Math.max(ratio, 1 - clip), 1 + clip);
  const clippedLoss = -advantage * clamped;
  if (clippedLoss > unclipped) return { loss: clippedLoss, dLogp: 0, clipped: true, ratio };
  return { loss: unclipped, dLogp: -advantage * ratio, clipped: false, ratio };
}
