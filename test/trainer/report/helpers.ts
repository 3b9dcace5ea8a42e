/**
 * Small real runs for the report tests: the trainer library (runTraining) on the
 * hand-written toy tasks (test/trainer/helpers/toy-env.ts), a few steps each, so
 * no large fixtures are committed. Plus a writer of synthetic run directories
 * for edge cases (malformed lines, crafted ids).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveConfig, type Arm, type TrainConfigInput } from "../../../src/trainer/config.js";
import type { LedgerEntry, StepMetrics } from "../../../src/trainer/records.js";
import { runTraining } from "../../../src/trainer/run.js";
import { toyTasks, type ToyEnv } from "../helpers/toy-env.js";

/** A contract id that would inject markup and script if it reached the page unescaped. */
export const EVIL = `</script><img src=x onerror="alert(1)">'&<svg onload=alert(2)>`;

export const SMALL: TrainConfigInput = {
  batch: { prompts: 3, rolloutsPerPrompt: 4, replaysPerPrompt: 2 },
  policy: { rows: 128, copyRows: 128 },
  rollout: { maxTokens: 50 },
  eval: { samplesPerTask: 2, every: 2 },
  checkpoint: { every: 4, keep: 1 },
  optimizer: { lr: 0.003 },
};

/** Toy tasks; with `evil`, the contract id of every task is EVIL (so constraint keys and ledger contracts carry it). */
export function tasksFor(evil = false): { train: ToyEnv[]; heldOut: ToyEnv[] } {
  const envs = toyTasks(6);
  if (evil) for (const e of envs) Object.defineProperty(e, "contractId", { value: EVIL });
  return { train: envs, heldOut: envs.slice(0, 2) };
}

/** Trains one small run into `dir` (data path is only recorded: the tasks are passed in). */
export async function trainRun(dir: string, arm: Arm, seed: number, steps: number, opts: { evil?: boolean; over?: TrainConfigInput } = {}): Promise<string> {
  const config = resolveConfig({ ...SMALL, ...opts.over, arm, seed, steps, data: opts.evil ? "data/evil.json" : "data/toy.json" });
  const r = await runTraining({ dir, config, tasks: tasksFor(opts.evil) });
  if (r.status !== "completed") throw new Error(`run ${dir} did not complete`);
  return dir;
}

/** The four arms x two seeds, `steps` steps each, under `root`. Returns the directories in a fixed order. */
export async function trainArms(root: string, steps = 6, arms: readonly Arm[] = ["hir", "binary", "fraction", "random-replay"], seeds: readonly number[] = [1, 2]): Promise<string[]> {
  const dirs: string[] = [];
  for (const arm of arms) for (const seed of seeds) dirs.push(await trainRun(join(root, `${arm}-s${seed}`), arm, seed, steps));
  return dirs;
}

/** A metrics line with every field; `over` replaces any of them. */
export function metricsLine(step: number, over: Partial<StepMetrics> = {}): StepMetrics {
  return {
    step, arm: "hir", seed: 1, train: step > 0 ? { ila: 0.1 * step, cla: 0.5, n: 10 } : null, heldOut: step % 2 === 0 ? { ila: 0.05 * step, cla: 0.4, n: 4 } : null,
    rollouts: 10, extraRollouts: 0, failures: 8, candidates: 4, replays: 2, replayTarget: 2, refusals: step > 0 ? { "nothing-passed": 1 } : {}, lambda: 2, entropy: 3, kl: 0.01,
    clipFraction: 0, loss: 0, ppoKl: 0, gradNorm: 1, meanTokens: 40, constraintPassRates: step > 0 ? { "C.a": 0.5 } : {}, timeMs: 1, ...over,
  };
}

/** Writes a run directory by hand: config.json (resolved), metrics lines (objects or raw strings), optional ledger lines. */
export function writeSyntheticRun(dir: string, config: TrainConfigInput, metrics: readonly (StepMetrics | string)[], ledger: readonly (LedgerEntry | string)[] = []): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "config.json"), `${JSON.stringify(resolveConfig(config), null, 2)}\n`);
  const lines = (xs: readonly unknown[]) => xs.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join("\n") + (xs.length > 0 ? "\n" : "");
  writeFileSync(join(dir, "metrics.jsonl"), lines(metrics));
  if (ledger.length > 0) writeFileSync(join(dir, "ledger.jsonl"), lines(ledger));
  return dir;
}
