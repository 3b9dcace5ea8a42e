/**
 * A training run on disk:
 *
 *   runs/NAME/config.json     the resolved config (every default filled in)
 *   runs/NAME/metrics.jsonl   one line per step (and a step-0 baseline line)
 *   runs/NAME/ledger.jsonl    one line per failure considered for replay
 *   runs/NAME/checkpoints/    ckpt-NNNNNNNN.json: policy + optimizer, step, RNG
 *                             derivation, and the byte lengths of both JSONL files
 *
 * Lines are appended whole (one write per file per step). A checkpoint is written
 * atomically (temporary file, fsync, rename) every `checkpoint.every` steps, at the
 * last step and when interrupted. Resuming loads the newest checkpoint, truncates
 * both JSONL files to the lengths it recorded (dropping steps after it and any
 * partial line) and continues; every random draw of step s is seeded by (seed, s),
 * so the result is byte-for-byte that of an uninterrupted run (apart from `timeMs`).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeSync } from "node:fs";
import { join } from "node:path";
import { resolveConfig, type TrainConfig } from "./config.js";
import type { TaskEnv } from "./env.js";
import { createPolicy } from "./policy/index.js";
import type { Policy, PolicySnapshot } from "./policy/types.js";
import type { Accuracy, StepMetrics } from "./records.js";
import { Trainer } from "./trainer.js";
import { sha256Hex } from "./hash.js";

export const CHECKPOINT_FORMAT = "hir-checkpoint";
export const CHECKPOINT_VERSION = 1;

export interface Checkpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: number;
  /** Completed steps. */
  readonly step: number;
  readonly arm: string;
  readonly seed: number;
  /** Every random stream of step s is seeded by (seed, s, stream): this is the whole RNG state. */
  readonly rng: { readonly kind: "derived"; readonly seed: number; readonly nextStep: number };
  readonly files: { readonly metricsBytes: number; readonly ledgerBytes: number };
  /** SHA-256 of the task ids and instructions of both sets: a resumed run must train on the same tasks. */
  readonly tasks: string;
  readonly policy: PolicySnapshot;
}

/** Identifies the task sets (ids and rendered instructions, in order). */
export function tasksDigest(tasks: TaskSets): string {
  const part = (envs: readonly TaskEnv[]) => envs.map((e) => `${e.id}\u0000${e.instruction()}`).join("\u0001");
  return sha256Hex(`${part(tasks.train)}\u0002${part(tasks.heldOut)}`);
}

export interface TaskSets {
  readonly train: readonly TaskEnv[];
  readonly heldOut: readonly TaskEnv[];
}

export interface RunOptions {
  readonly dir: string;
  readonly config: TrainConfig;
  readonly tasks: TaskSets;
  /** Continue from the newest checkpoint in `dir` (its config.json wins, except `steps`). */
  readonly resume?: boolean;
  /** Checked between steps: when aborted, the run checkpoints and stops. */
  readonly signal?: AbortSignal;
  readonly onStep?: (m: StepMetrics) => void;
  /** Called before the first step with the step it starts from. */
  readonly onStart?: (info: { step: number; steps: number; baseline: Accuracy | null }) => void;
  /** Replaces the policy factory (tests). */
  readonly createPolicy?: (config: TrainConfig) => Policy;
}

export interface RunResult {
  readonly status: "completed" | "interrupted";
  readonly step: number;
  readonly steps: number;
  readonly last: StepMetrics | null;
  /** Held-out accuracy after the last step (completed runs). */
  readonly final: Accuracy | null;
}

/** summary.json, written when a run completes: the final held-out accuracy (evaluated at the last step). */
export interface RunSummary {
  readonly step: number;
  readonly arm: string;
  readonly seed: number;
  readonly train: Accuracy | null;
  readonly heldOut: Accuracy | null;
}

/** The last complete line of metrics.jsonl. */
export function lastMetrics(file: string): StepMetrics | null {
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "");
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      return JSON.parse(lines[i] as string) as StepMetrics;
    } catch {
      // a partial line: look further up
    }
  }
  return null;
}

export class RunError extends Error {
  override readonly name = "RunError";
}

export const paths = (dir: string) => ({
  config: join(dir, "config.json"),
  metrics: join(dir, "metrics.jsonl"),
  ledger: join(dir, "ledger.jsonl"),
  summary: join(dir, "summary.json"),
  checkpoints: join(dir, "checkpoints"),
});

/** Writes `text` to `file` atomically: a temporary file in the same directory, fsync, rename. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Appends whole lines with one write and an fsync. */
function appendLines(file: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const fd = openSync(file, "a");
  try {
    writeSync(fd, lines.join(""));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function size(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

const CKPT_RE = /^ckpt-(\d{8})\.json$/;

export function listCheckpoints(dir: string): { step: number; file: string }[] {
  const d = paths(dir).checkpoints;
  if (!existsSync(d)) return [];
  return readdirSync(d)
    .map((f) => CKPT_RE.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ step: Number(m[1]), file: join(d, m[0]) }))
    .sort((a, b) => a.step - b.step);
}

/** The newest checkpoint that parses (a damaged newest one falls back to the previous). */
export function latestCheckpoint(dir: string): Checkpoint | undefined {
  const all = listCheckpoints(dir);
  for (let i = all.length - 1; i >= 0; i--) {
    try {
      const c = JSON.parse(readFileSync((all[i] as { file: string }).file, "utf8")) as Checkpoint;
      if (c.format === CHECKPOINT_FORMAT && c.version === CHECKPOINT_VERSION) return c;
    } catch {
      // try the previous one
    }
  }
  return undefined;
}

function writeCheckpoint(dir: string, config: TrainConfig, step: number, policy: Policy, tasks: string): void {
  const p = paths(dir);
  mkdirSync(p.checkpoints, { recursive: true });
  const ckpt: Checkpoint = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    step,
    arm: config.arm,
    seed: config.seed,
    rng: { kind: "derived", seed: config.seed, nextStep: step + 1 },
    files: { metricsBytes: size(p.metrics), ledgerBytes: size(p.ledger) },
    tasks,
    policy: policy.save(),
  };
  writeAtomic(join(p.checkpoints, `ckpt-${String(step).padStart(8, "0")}.json`), `${JSON.stringify(ckpt)}\n`);
  const all = listCheckpoints(dir);
  for (const old of all.slice(0, Math.max(0, all.length - config.checkpoint.keep))) rmSync(old.file, { force: true });
}

export function readRunConfig(dir: string): TrainConfig {
  const file = paths(dir).config;
  if (!existsSync(file)) throw new RunError(`${dir} is not a training run (no config.json)`);
  try {
    return resolveConfig(JSON.parse(readFileSync(file, "utf8")));
  } catch (e) {
    throw new RunError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function line(x: unknown): string {
  return `${JSON.stringify(x)}\n`;
}

function baselineLine(config: TrainConfig, heldOut: Accuracy | null): StepMetrics {
  return {
    step: 0, arm: config.arm, seed: config.seed, train: null, heldOut, rollouts: 0, extraRollouts: 0, failures: 0, candidates: 0,
    replays: 0, replayTarget: 0, refusals: {}, lambda: 0, entropy: 0, kl: 0, clipFraction: 0, loss: 0, ppoKl: 0, gradNorm: 0,
    meanTokens: 0, constraintPassRates: {}, timeMs: 0,
  };
}

export async function runTraining(opts: RunOptions): Promise<RunResult> {
  const dir = opts.dir;
  const p = paths(dir);
  const make = opts.createPolicy ?? createPolicy;
  let config = opts.config;
  let startStep = 0;
  let policy: Policy;
  let baseline: Accuracy | null = null;
  const digest = tasksDigest(opts.tasks);

  if (opts.resume) {
    config = { ...readRunConfig(dir), steps: opts.config.steps };
    const ckpt = latestCheckpoint(dir);
    if (ckpt && ckpt.tasks !== digest) {
      throw new RunError(`${dir}: the training or held-out tasks changed since the checkpoint (check ${config.data} and the contracts); a resumed run must use the same tasks`);
    }
    rmSync(p.summary, { force: true });
    policy = make(config);
    if (ckpt) {
      policy.load(ckpt.policy);
      startStep = ckpt.step;
      truncateSync(p.metrics, Math.min(ckpt.files.metricsBytes, size(p.metrics)));
      truncateSync(p.ledger, Math.min(ckpt.files.ledgerBytes, size(p.ledger)));
    } else {
      // Interrupted before the first checkpoint: start over in place.
      writeAtomic(p.metrics, "");
      writeAtomic(p.ledger, "");
    }
    writeAtomic(p.config, `${JSON.stringify(config, null, 2)}\n`);
  } else {
    if (existsSync(p.config) || existsSync(p.metrics)) throw new RunError(`${dir} already holds a run; resume it with --resume or choose another --out`);
    mkdirSync(p.checkpoints, { recursive: true });
    writeAtomic(p.config, `${JSON.stringify(config, null, 2)}\n`);
    writeAtomic(p.metrics, "");
    writeAtomic(p.ledger, "");
    policy = make(config);
  }

  const reference = make(config);
  const trainer = new Trainer({ config, train: opts.tasks.train, heldOut: opts.tasks.heldOut, policy, reference });
  trainer.step = startStep;

  if (startStep === 0 && size(p.metrics) === 0) {
    baseline = opts.tasks.heldOut.length > 0 ? await trainer.evaluate(0) : null;
    appendLines(p.metrics, [line(baselineLine(config, baseline))]);
    writeCheckpoint(dir, config, 0, policy, digest);
  }
  opts.onStart?.({ step: startStep, steps: config.steps, baseline });

  let last: StepMetrics | null = null;
  let checkpointed = startStep;
  while (trainer.step < config.steps) {
    if (opts.signal?.aborted) break;
    const { metrics, ledger } = await trainer.runStep();
    const s = trainer.step;
    // Only at multiples of eval.every, so a run cut at any step and resumed writes the same lines.
    const evalNow = opts.tasks.heldOut.length > 0 && s % config.eval.every === 0;
    const full: StepMetrics = evalNow ? { ...metrics, heldOut: await trainer.evaluate(s) } : metrics;
    appendLines(p.ledger, ledger.map(line));
    appendLines(p.metrics, [line(full)]);
    last = full;
    if (s % config.checkpoint.every === 0 || s === config.steps || opts.signal?.aborted) {
      writeCheckpoint(dir, config, s, policy, digest);
      checkpointed = s;
    }
    opts.onStep?.(full);
    // Let signal handlers run between steps.
    await new Promise<void>((r) => setImmediate(r));
  }
  if (checkpointed !== trainer.step) writeCheckpoint(dir, config, trainer.step, policy, digest);
  const status = trainer.step < config.steps ? "interrupted" : "completed";
  let final: Accuracy | null = null;
  if (status === "completed") {
    const lastLine = last ?? lastMetrics(p.metrics);
    final = lastLine?.step === trainer.step && lastLine.heldOut ? lastLine.heldOut : opts.tasks.heldOut.length > 0 ? await trainer.evaluate(trainer.step) : null;
    const summary: RunSummary = { step: trainer.step, arm: config.arm, seed: config.seed, train: lastLine?.train ?? null, heldOut: final };
    writeAtomic(p.summary, `${JSON.stringify(summary, null, 2)}\n`);
  }
  return { status, step: trainer.step, steps: config.steps, last, final };
}
