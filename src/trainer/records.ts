/** The lines written to metrics.jsonl and ledger.jsonl. */
import type { Arm } from "./config.js";
import type { VerdictStatus } from "../runtime/verify.js";
import type { ScoreParts } from "./selection.js";

export interface Accuracy {
  /** Instruction-level accuracy: the fraction of responses passing every constraint. */
  readonly ila: number;
  /** Constraint-level accuracy: the mean fraction of constraints passed. */
  readonly cla: number;
  /** Responses evaluated. */
  readonly n: number;
}

export interface StepMetrics {
  /** 0 for the baseline line written before training (held-out evaluation only). */
  readonly step: number;
  readonly arm: Arm;
  readonly seed: number;
  readonly train: Accuracy | null;
  /** Held-out accuracy when evaluated at this step (every `eval.every` steps, at 0 and at the last step), else null. */
  readonly heldOut: Accuracy | null;
  readonly rollouts: number;
  /** Extra rollouts drawn by the `resample` shortfall policy. */
  readonly extraRollouts: number;
  readonly failures: number;
  /** Failures eligible for replay (0 < CLA < 1, rewrite not refused, audit passed). */
  readonly candidates: number;
  readonly replays: number;
  /** Replays wanted by the selection rule (k per group, or k*B). */
  readonly replayTarget: number;
  /** Ineligible failures by reason (`nothing-passed`, the runtime's refusal reasons, `audit:*`). */
  readonly refusals: Readonly<Record<string, number>>;
  readonly lambda: number;
  /** Mean token entropy of the step's original rollouts. */
  readonly entropy: number;
  /** Mean per-token KL estimate (sampling vs reference) over the batch, as used in the reward. */
  readonly kl: number;
  readonly clipFraction: number;
  readonly loss: number;
  readonly ppoKl: number;
  readonly gradNorm: number;
  readonly meanTokens: number;
  /** Pass rate of every constraint seen this step (`Contract.constraint`), over the original rollouts. */
  readonly constraintPassRates: Readonly<Record<string, number>>;
  /** Wall-clock time of the step (excluded from reproducibility comparisons). */
  readonly timeMs: number;
}

export interface LedgerEntry {
  readonly step: number;
  /** Task id. */
  readonly prompt: string;
  readonly contract: string;
  readonly group: number;
  /** Position of the response in its group (extra rollouts continue after the originals). */
  readonly index: number;
  readonly extra: boolean;
  /** SHA-256 of the response text. */
  readonly response: string;
  /** The response text itself, when the run records texts (`ledger.texts`). */
  readonly responseText?: string;
  readonly cla: number;
  readonly verdicts: Readonly<Record<string, VerdictStatus>>;
  readonly eligible: boolean;
  readonly score: ScoreParts | null;
  readonly selected: boolean;
  readonly rewrite: {
    readonly kept: readonly string[];
    readonly dropped: readonly { readonly id: string; readonly cause: string }[];
    /** SHA-256 of the hindsight instruction. */
    readonly instruction: string;
    /** The hindsight instruction itself, when the run records texts (`ledger.texts`). */
    readonly instructionText?: string;
    /** The kept constraints re-verified under the hindsight instruction. */
    readonly reverified: Readonly<Record<string, VerdictStatus>>;
  } | null;
  readonly refusal: { readonly reason: string; readonly constraints: readonly string[] } | null;
}
