/**
 * Every setting of a training run, in one zod schema with defaults. The resolved
 * config (all defaults filled in) is written to `runs/NAME/config.json`, so a
 * run records every choice it made. Defaults follow the HiR release where the
 * reference (docs/trainer.md, ../shared/reference/hir-algorithm.md) states
 * them; the rest are this project's choices, documented in docs/trainer.md.
 */
import { z } from "zod";
import { isRecord } from "../common/records.js";

export const ARMS = ["hir", "binary", "fraction", "random-replay", "no-relabel"] as const;
export const ArmSchema = z.enum(ARMS).describe(
  "`hir`: binary reward + hindsight replay with curriculum selection; `binary`: strict binary reward, no replay; " +
    "`fraction`: reward = CLA, no replay; `random-replay`: like hir but replays are drawn uniformly among candidates; " +
    "`no-relabel` (control): the failures hir would select, replayed with reward 1 under their ORIGINAL instruction (no rewrite).",
);
export type Arm = z.infer<typeof ArmSchema>;

export const BatchSchema = z
  .object({
    prompts: z.number().int().min(1).default(16).describe("B: prompts (tasks) per step."),
    rolloutsPerPrompt: z.number().int().min(2).default(6).describe("m: responses sampled per prompt."),
    replaysPerPrompt: z.number().int().min(0).default(2).describe("k: replays per prompt (global scope: k*B over the batch)."),
    sampling: z
      .enum(["epoch", "uniform"])
      .default("epoch")
      .describe("`epoch`: walk a seeded shuffle of the training tasks, reshuffling each pass; `uniform`: draw tasks independently."),
  })
  .prefault({});

export const SelectionSchema = z
  .object({
    scope: z.enum(["global", "per-group"]).default("global").describe("`global`: top-(k*B) over the whole batch (release); `per-group`: top-k within each prompt's group (paper wording)."),
    lambda0: z.number().default(2).describe("lambda_0 of the curriculum lambda_s = lambda_0 * (1 + eta)^s."),
    eta: z.number().default(0.05).describe("Growth rate of lambda_s."),
    lambdaMax: z.number().positive().nullable().default(null).describe("Cap on lambda_s; null = unbounded (release)."),
    qualityWeight: z
      .number()
      .min(0)
      .default(0.5)
      .describe("Added to the score times the fraction of the contract's quality constraints the response satisfies (0 disables; contracts without quality constraints get nothing)."),
    shortfall: z
      .enum(["fewer", "resample"])
      .default("fewer")
      .describe("Too few candidates: `fewer` uses fewer replays; `resample` draws extra rollouts (up to `resampleBudget` per step) as replay sources only (release)."),
    resampleBudget: z.number().int().min(0).default(32).describe("Extra rollouts per step allowed by `resample`."),
  })
  .prefault({});

export const AdvantageSchema = z
  .object({
    estimator: z.enum(["reinforce++", "grpo"]).default("reinforce++").describe("`reinforce++`: token-level returns whitened over the batch (release); `grpo`: outcome reward normalised within each group."),
    replayGroup: z
      .enum(["source", "own"])
      .default("source")
      .describe("GRPO only: a replay sits in its source prompt's group (release copies the group id) or in a group of the prompt's replays only."),
    klBeta: z.number().min(0).default(0.05).describe("In-reward KL penalty coefficient (per token: r_t -= beta * kl_t). Default 0.05 (the benchmark's value), not the release's 0.001: with 0.001 the replay arms collapse after ~50 steps (docs/trainer.md)."),
    klEstimator: z.enum(["k1", "abs", "mse", "k3"]).default("k1").describe("Per-token KL estimate between the sampling and reference policies (verl names: kl, abs, mse, low_var_kl)."),
    grpoStd: z.boolean().default(true).describe("GRPO: divide by the group's standard deviation (false: mean-centring only)."),
    epsilon: z.number().positive().default(1e-6).describe("Added to standard deviations before dividing."),
  })
  .prefault({});

export const PpoSchema = z
  .object({
    clip: z.number().positive().default(0.2).describe("PPO clip range epsilon."),
    updatesPerStep: z.number().int().min(1).default(2).describe("Optimizer updates per step."),
    updateMode: z
      .enum(["minibatches", "epochs"])
      .default("minibatches")
      .describe("`minibatches`: split the batch into `updatesPerStep` shuffled mini-batches (one update each, as verl with mini-batch = batch/2); `epochs`: the whole batch, `updatesPerStep` times."),
    entropyCoeff: z.number().min(0).default(0).describe("Entropy bonus coefficient in the loss (0 = none)."),
  })
  .prefault({});

export const ReplaySchema = z
  .object({
    oldLogprobs: z
      .enum(["original", "hindsight"])
      .default("original")
      .describe("Old and reference log-probs of a replay: copied from the original sample under q (release) or recomputed under q'."),
  })
  .prefault({});

export const LedgerSchema = z
  .object({
    texts: z
      .boolean()
      .default(false)
      .describe("Also record the response text and the hindsight instruction of every ledger entry (opt-in: ledgers grow and hold model outputs), so a run's replays can be exported."),
  })
  .prefault({});

export const RolloutSchema = z
  .object({
    temperature: z.number().positive().default(1).describe("Sampling temperature for training rollouts (log-probs use the same temperature)."),
    maxTokens: z.number().int().min(4).default(160).describe("Longest response in policy tokens; the end token is forced at the limit."),
  })
  .prefault({});

export const NeuralPretrainSchema = z
  .object({
    samplesPerTask: z.number().int().min(1).default(6).describe("Corpus size: responses sampled per training instruction from the embedded policy's fixed prior (its initial state)."),
    epochs: z.number().int().min(0).default(3).describe("Supervised passes over the corpus (token-mean cross-entropy, Adam)."),
    batch: z.number().int().min(1).default(16).describe("Sequences per supervised step."),
    lr: z.number().positive().default(0.003).describe("Adam step size of pretraining."),
    seed: z.number().int().min(0).default(1).describe("Seeds the corpus and its shuffles (not the run's seed: every run of a benchmark starts from the same pretrained weights)."),
    cacheDir: z.string().nullable().default(null).describe("Where pretrained weights are cached by a hash of everything they depend on (null: the OS temporary directory). Pretraining is deterministic; the cache only saves time."),
  })
  .prefault({});

export const NeuralSchema = z
  .object({
    embed: z.number().int().min(1).default(32).describe("Token embedding width."),
    hidden: z.number().int().min(1).default(64).describe("GRU state width (encoder and decoder)."),
    buckets: z.number().int().min(16).default(1024).describe("Hashed instruction-token rows."),
    initSeed: z.number().int().min(0).default(1).describe("Seeds the initial weights before pretraining."),
    pretrain: NeuralPretrainSchema,
  })
  .prefault({});

export const POLICY_KINDS = ["embedded", "neural"] as const;

export const PolicySchema = z
  .object({
    kind: z
      .enum(POLICY_KINDS)
      .default("embedded")
      .describe("`embedded`: the fast log-linear policy over hashed text features; `neural`: a GRU encoder-decoder that reads the instruction as tokens, pretrained on a generated corpus (docs/trainer.md)."),
    rows: z.number().int().min(16).default(4096).describe("Hashed feature rows of the embedded policy (a power of two)."),
    copyRows: z.number().int().min(16).default(4096).describe("Hashed copy-scorer weights (a power of two)."),
    neural: NeuralSchema,
  })
  .prefault({});

export const OptimizerSchema = z
  .object({
    lr: z.number().positive().default(0.001).describe("Adam step size (each touched weight moves by about lr per update; a logit sums ~100 weights)."),
    beta1: z.number().min(0).max(1).default(0.9),
    beta2: z.number().min(0).max(1).default(0.999),
    eps: z.number().positive().default(1e-8),
    gradClip: z.number().positive().nullable().default(1).describe("Clip the gradient's global L2 norm (null = no clipping)."),
  })
  .prefault({});

export const EvalSchema = z
  .object({
    every: z.number().int().min(1).default(5).describe("Evaluate the held-out set every N steps (and at step 0 and the last step)."),
    samplesPerTask: z.number().int().min(1).default(4),
    temperature: z.number().positive().default(1),
  })
  .prefault({});

export const CheckpointSchema = z
  .object({
    every: z.number().int().min(1).default(5).describe("Checkpoint every N steps (and at the end, and on Ctrl-C)."),
    keep: z.number().int().min(1).default(2).describe("Checkpoints kept on disk (the newest)."),
  })
  .prefault({});

export const TrainConfigSchema = z.object({
  preset: z.enum(["default", "paper"]).default("default").describe("Settings applied before this config's own fields: `paper` (release values, used for claims) or `default`."),
  name: z.string().optional().describe("Run name (directory under runs/); default `<arm>-s<seed>`."),
  arm: ArmSchema.default("hir"),
  seed: z.number().int().min(0).default(1),
  steps: z.number().int().min(0).default(50),
  data: z.string().default("data/hir-train.json").describe("The training/held-out set file."),
  batch: BatchSchema,
  selection: SelectionSchema,
  advantage: AdvantageSchema,
  ppo: PpoSchema,
  replay: ReplaySchema,
  ledger: LedgerSchema,
  rollout: RolloutSchema,
  policy: PolicySchema,
  optimizer: OptimizerSchema,
  eval: EvalSchema,
  checkpoint: CheckpointSchema,
});

export type TrainConfig = z.infer<typeof TrainConfigSchema>;
export type TrainConfigInput = z.input<typeof TrainConfigSchema>;

/**
 * Named presets: config fragments applied under the user's own settings.
 * `paper`: the HiR release's choices where they apply to this trainer (no
 * quality bonus, beta = 0.001, global top-(k*B), extra rollouts for a short
 * candidate pool, REINFORCE++, old log-probs of a replay under q, PPO clip 0.2,
 * 2 updates per step, temperature 1); the policy's learning rate stays this
 * trainer's (the release's 1e-6 is for a 7B LLM). Benchmark claims use it.
 * `default`: this project's defaults (quality bonus 0.5, beta 0.05), kept so
 * existing seeded runs reproduce; see docs/trainer.md.
 */
export const PRESETS = {
  default: {},
  paper: {
    selection: { scope: "global", qualityWeight: 0, lambda0: 2, eta: 0.05, lambdaMax: null, shortfall: "resample" },
    advantage: { estimator: "reinforce++", klBeta: 0.001, klEstimator: "k1" },
    ppo: { clip: 0.2, updatesPerStep: 2, entropyCoeff: 0 },
    replay: { oldLogprobs: "original" },
    rollout: { temperature: 1 },
  },
} as const satisfies Record<string, TrainConfigInput>;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPreset(name: string): name is PresetName {
  return Object.prototype.hasOwnProperty.call(PRESETS, name);
}

/**
 * Fills in defaults. A `preset` field (`paper`, `default`) is applied first and
 * the input's own fields override it; the resolved config keeps the preset's name.
 */
export function resolveConfig(input: unknown = {}): TrainConfig {
  const preset = isRecord(input) && typeof input.preset === "string" && isPreset(input.preset) ? PRESETS[input.preset] : {};
  return TrainConfigSchema.parse(deepMerge(preset, input));
}

/** Reward of an original sample under an arm. */
export function rewardMode(arm: Arm): "binary" | "fraction" {
  return arm === "fraction" ? "fraction" : "binary";
}

export function armReplays(arm: Arm): boolean {
  return arm === "hir" || arm === "random-replay" || arm === "no-relabel";
}

/** Whether an arm's replays are paired with the hindsight instruction q' (no-relabel keeps q). */
export function armRelabels(arm: Arm): boolean {
  return arm !== "no-relabel";
}

/** Recursively merges plain objects (for config files overridden by CLI flags). */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

