/**
 * A training run on disk:
 *
 *   runs/NAME/config.json     the resolved config (every default filled in)
 *   runs/NAME/metrics.jsonl   one line per step (and a step-0 baseline line)
 *   runs/NAME/ledger.jsonl    one line per failure considered for replay
 *   runs/NAME/checkpoints/    ckpt-NNNNNNNN.json: policy + optimizer, step, RNG
 *                             derivation, and the byte lengths of both JSONL files
 *
 * Lines are appended whole (one checked write per file per step; a failed append is
 * cut back, so no file ends in half a line). Every other file is written atomically
 * (temporary file, fsync, rename; src/fs/atomic.ts); a checkpoint every
 * `checkpoint.every` steps, at the last step and when interrupted. Non-finite
 * parameters or loss stop the run with a RunError before anything of that step is
 * written. Resuming loads the newest checkpoint that is valid (well formed, its file
 * lengths on line boundaries, its policy loadable and finite; damaged newer ones are
 * skipped and reported), truncates
 * both JSONL files to the lengths it recorded (dropping steps after it and any
 * partial line) and continues; every random draw of step s is seeded by (seed, s),
 * so the result is byte-for-byte that of an uninterrupted run (apart from `timeMs`).
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, truncateSync } from "node:fs";
import { basename } from "node:path";
import { appendWhole, nodeWriteFs, writeFileAtomic, type WriteFs } from "../fs/atomic.js";
import { join } from "node:path";
import { resolveConfig, type TrainConfig } from "./config.js";
import type { TaskEnv } from "./env.js";
import { createPolicy, type PolicyContext } from "./policy/index.js";
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
  readonly createPolicy?: (config: TrainConfig, context?: PolicyContext) => Policy;
  /** Said once when resuming skips damaged checkpoints (which ones, why, and where it resumes). */
  readonly onNotice?: (message: string) => void;
  /** The file system the run writes through (tests inject ENOSPC and short writes). */
  readonly fs?: WriteFs;
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
export function writeAtomic(file: string, text: string, fs: WriteFs = nodeWriteFs): void {
  writeFileAtomic(file, text, { fs });
}

/** Appends whole lines with one checked write and an fsync; a failed append leaves the file as it was. */
function appendLines(file: string, lines: readonly string[], fs: WriteFs = nodeWriteFs): void {
  appendWhole(file, lines.join(""), { fs });
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

/** Whether `offset` is 0 or just after a line break of `file` (and within it). */
function onLineBoundary(file: string, offset: number): boolean {
  if (offset === 0) return true;
  if (offset > size(file)) return false;
  const fd = openSync(file, "r");
  try {
    const byte = Buffer.alloc(1);
    return readSync(fd, byte, 0, 1, offset - 1) === 1 && byte[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

const isCount = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;

/** Why a parsed checkpoint cannot be resumed from (undefined when it can); `load` tries its policy. */
function checkpointProblem(c: Partial<Checkpoint> | null, dir: string, config: TrainConfig, load: (snapshot: PolicySnapshot) => Policy): string | undefined {
  if (typeof c !== "object" || c === null || Array.isArray(c)) return "not a JSON object";
  if (c.format !== CHECKPOINT_FORMAT || c.version !== CHECKPOINT_VERSION) return `not a ${CHECKPOINT_FORMAT} v${CHECKPOINT_VERSION} file`;
  if (!isCount(c.step)) return "its step is not a whole number";
  if (c.arm !== config.arm || c.seed !== config.seed) return "its arm or seed differs from the run's config";
  if (typeof c.tasks !== "string") return "it has no task digest";
  if (typeof c.rng !== "object" || c.rng === null || c.rng.kind !== "derived" || c.rng.nextStep !== c.step + 1) return "its RNG state is inconsistent";
  const files = c.files;
  if (typeof files !== "object" || files === null || !isCount(files.metricsBytes) || !isCount(files.ledgerBytes)) return "its file lengths are missing";
  const p = paths(dir);
  if (!onLineBoundary(p.metrics, files.metricsBytes)) return "its metrics.jsonl length is not at the end of a line";
  if (!onLineBoundary(p.ledger, files.ledgerBytes)) return "its ledger.jsonl length is not at the end of a line";
  if (typeof c.policy !== "object" || c.policy === null) return "it has no policy";
  try {
    const policy = load(c.policy);
    if (policy.isFinite?.() === false) return "its policy parameters are not all finite";
  } catch (e) {
    return `its policy does not load (${e instanceof Error ? e.message : String(e)})`;
  }
  return undefined;
}

export interface ResumePoint {
  readonly checkpoint: Checkpoint;
  /** Newer checkpoints that were skipped, newest first, with the reason. */
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}

/** The newest checkpoint a run can resume from: damaged newer ones are skipped (and listed). */
export function resumePoint(dir: string, config: TrainConfig, load: (snapshot: PolicySnapshot) => Policy): ResumePoint | { checkpoint: undefined; skipped: ResumePoint["skipped"] } {
  const skipped: { file: string; reason: string }[] = [];
  const all = listCheckpoints(dir);
  for (let i = all.length - 1; i >= 0; i--) {
    const { file } = all[i] as { file: string };
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      skipped.push({ file, reason: e instanceof SyntaxError ? "not valid JSON" : `unreadable (${(e as NodeJS.ErrnoException).code ?? String(e)})` });
      continue;
    }
    const problem = checkpointProblem(parsed as Partial<Checkpoint>, dir, config, load);
    if (problem === undefined) return { checkpoint: parsed as Checkpoint, skipped };
    skipped.push({ file, reason: problem });
  }
  return { checkpoint: undefined, skipped };
}

/** The first non-finite training number of a step, named, or undefined. */
function nonFinite(m: StepMetrics, policy: Policy): string | undefined {
  for (const key of ["loss", "gradNorm", "kl", "ppoKl", "entropy"] as const) {
    if (!Number.isFinite(m[key])) return `${key} is ${m[key]}`;
  }
  return policy.isFinite?.() === false ? "a policy parameter is not finite" : undefined;
}

function writeCheckpoint(dir: string, config: TrainConfig, step: number, policy: Policy, tasks: string, fs: WriteFs = nodeWriteFs): void {
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
  // JSON would write NaN as null: a non-finite policy is never checkpointed.
  if (policy.isFinite?.() === false) throw new RunError(`training diverged: a policy parameter is not finite at step ${step}; no checkpoint was written (lower optim.lr)`);
  writeAtomic(join(p.checkpoints, `ckpt-${String(step).padStart(8, "0")}.json`), `${JSON.stringify(ckpt)}\n`, fs);
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
  const makePolicy = opts.createPolicy ?? createPolicy;
  const context: PolicyContext = { instructions: opts.tasks.train.map((e) => e.instruction()) };
  const make = (c: TrainConfig): Policy => makePolicy(c, context);
  let config = opts.config;
  let startStep = 0;
  let policy: Policy;
  let baseline: Accuracy | null = null;
  const digest = tasksDigest(opts.tasks);
  const fs = opts.fs ?? nodeWriteFs;

  if (opts.resume) {
    config = { ...readRunConfig(dir), steps: opts.config.steps };
    const found = resumePoint(dir, config, (snapshot) => {
      const probe = make(config);
      probe.load(snapshot);
      return probe;
    });
    const ckpt = found.checkpoint;
    if (found.skipped.length > 0) {
      const list = found.skipped.map((s) => `${basename(s.file)} (${s.reason})`).join(", ");
      opts.onNotice?.(`skipped damaged checkpoint${found.skipped.length === 1 ? "" : "s"} ${list}; ${ckpt ? `resuming from step ${ckpt.step}` : "no valid checkpoint is left, starting over"}`);
    }
    if (ckpt && ckpt.tasks !== digest) {
      throw new RunError(`${dir}: the training or held-out tasks changed since the checkpoint (check ${config.data} and the contracts); a resumed run must use the same tasks`);
    }
    rmSync(p.summary, { force: true });
    policy = make(config);
    if (ckpt) {
      policy.load(ckpt.policy);
      startStep = ckpt.step;
      truncateSync(p.metrics, ckpt.files.metricsBytes);
      truncateSync(p.ledger, ckpt.files.ledgerBytes);
    } else {
      // Interrupted before the first checkpoint: start over in place.
      writeAtomic(p.metrics, "", fs);
      writeAtomic(p.ledger, "", fs);
    }
    writeAtomic(p.config, `${JSON.stringify(config, null, 2)}\n`, fs);
  } else {
    if (existsSync(p.config) || existsSync(p.metrics)) throw new RunError(`${dir} already holds a run; resume it with --resume or choose another --out`);
    mkdirSync(p.checkpoints, { recursive: true });
    writeAtomic(p.config, `${JSON.stringify(config, null, 2)}\n`, fs);
    writeAtomic(p.metrics, "", fs);
    writeAtomic(p.ledger, "", fs);
    policy = make(config);
  }

  const reference = make(config);
  const trainer = new Trainer({ config, train: opts.tasks.train, heldOut: opts.tasks.heldOut, policy, reference });
  trainer.step = startStep;

  if (startStep === 0 && size(p.metrics) === 0) {
    baseline = opts.tasks.heldOut.length > 0 ? await trainer.evaluate(0) : null;
    appendLines(p.metrics, [line(baselineLine(config, baseline))], fs);
    writeCheckpoint(dir, config, 0, policy, digest, fs);
  }
  opts.onStart?.({ step: startStep, steps: config.steps, baseline });

  let last: StepMetrics | null = null;
  let checkpointed = startStep;
  while (trainer.step < config.steps) {
    if (opts.signal?.aborted) break;
    const { metrics, ledger } = await trainer.runStep();
    const s = trainer.step;
    const diverged = nonFinite(metrics, policy);
    if (diverged !== undefined) {
      throw new RunError(`training diverged at step ${s}: ${diverged}; stopped before writing the step (resume from the last checkpoint, step ${checkpointed}, with a lower optim.lr)`);
    }
    // Only at multiples of eval.every, so a run cut at any step and resumed writes the same lines.
    const evalNow = opts.tasks.heldOut.length > 0 && s % config.eval.every === 0;
    const full: StepMetrics = evalNow ? { ...metrics, heldOut: await trainer.evaluate(s) } : metrics;
    appendLines(p.ledger, ledger.map(line), fs);
    appendLines(p.metrics, [line(full)], fs);
    last = full;
    if (s % config.checkpoint.every === 0 || s === config.steps || opts.signal?.aborted) {
      writeCheckpoint(dir, config, s, policy, digest, fs);
      checkpointed = s;
    }
    opts.onStep?.(full);
    // Let signal handlers run between steps.
    await new Promise<void>((r) => setImmediate(r));
  }
  if (checkpointed !== trainer.step) writeCheckpoint(dir, config, trainer.step, policy, digest, fs);
  const status = trainer.step < config.steps ? "interrupted" : "completed";
  let final: Accuracy | null = null;
  if (status === "completed") {
    const lastLine = last ?? lastMetrics(p.metrics);
    final = lastLine?.step === trainer.step && lastLine.heldOut ? lastLine.heldOut : opts.tasks.heldOut.length > 0 ? await trainer.evaluate(trainer.step) : null;
    const summary: RunSummary = { step: trainer.step, arm: config.arm, seed: config.seed, train: lastLine?.train ?? null, heldOut: final };
    writeAtomic(p.summary, `${JSON.stringify(summary, null, 2)}\n`, fs);
  }
  return { status, step: trainer.step, steps: config.steps, last, final };
}
