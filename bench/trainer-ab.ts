/**
 * A/B of a benchmark run's cost (bench/trainer.ts: training steps and held-out
 * evaluations) between this tree and another checkout (`--base DIR`, e.g.
 * `git worktree add /tmp/base <commit>` or `git archive <commit> | tar -x -C
 * /tmp/base` with node_modules linked). Both trees build the same run (policy,
 * `paper` preset, hir arm, seed) and alternate: evaluation A, evaluation B, then
 * `--every` steps of A and of B, and so on. Checks that every step's metrics
 * (without wall time), ledger and every evaluation are identical, and prints CPU
 * seconds per step and per held-out evaluation (25 tasks x `--eval-samples`),
 * their ratios, and the CPU-hours they project for the full benchmark
 * (5 arms x 3 betas x 8 seeds = 120 runs of `--full-steps` steps, evaluated at
 * step 0 and every `--full-every` steps).
 *
 *   npx tsx bench/trainer-ab.ts --base /tmp/base [--policy embedded] [--rounds 2] [--every 3]
 *       [--eval-samples 64] [--beta 0.001] [--seed 1] [--full-steps 100] [--full-every 10]
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- it drives two builds of the trainer whose types differ */
import { resolve } from "node:path";
import { resolveConfig } from "../src/trainer/config.js";
import { createPolicy } from "../src/trainer/policy/index.js";
import { loadTasks } from "../src/trainer/tasks.js";
import { Trainer } from "../src/trainer/trainer.js";
import { repoRoot } from "./root.js";

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? (process.argv[i + 1] as string) : def;
}
const base = arg("base", "");
if (!base) throw new Error("usage: npx tsx bench/trainer-ab.ts --base DIR [--policy embedded|neural]");
const kind = arg("policy", "embedded");
const rounds = Number(arg("rounds", "2"));
const every = Number(arg("every", "3"));
const evalSamples = Number(arg("eval-samples", "64"));
const beta = Number(arg("beta", "0.001"));
const seed = Number(arg("seed", "1"));
const fullSteps = Number(arg("full-steps", "100"));
const fullEvery = Number(arg("full-every", "10"));

interface Build {
  readonly name: string;
  readonly trainer: any;
  readonly stepMs: number[];
  readonly evalMs: number[];
  readonly out: string[];
}

async function build(name: string, root: string): Promise<Build> {
  const load = (m: string) => import(resolve(root, m));
  const [{ resolveConfig: rc }, { createPolicy: cp }, { loadTasks: lt }, { Trainer: T }] = (await Promise.all([
    load("src/trainer/config.js"),
    load("src/trainer/policy/index.js"),
    load("src/trainer/tasks.js"),
    load("src/trainer/trainer.js"),
  ])) as [{ resolveConfig: typeof resolveConfig }, { createPolicy: typeof createPolicy }, { loadTasks: typeof loadTasks }, { Trainer: typeof Trainer }];
  const config = rc({ preset: "paper", arm: "hir", seed, advantage: { klBeta: beta }, eval: { every: fullEvery, samplesPerTask: evalSamples }, policy: { kind } });
  const tasks = lt(config.data, repoRoot);
  const context = { instructions: tasks.train.map((e) => e.instruction()) };
  const trainer = new T({ config, train: tasks.train, heldOut: tasks.heldOut, policy: cp(config, context), reference: cp(config, context) });
  return { name, trainer, stepMs: [], evalMs: [], out: [] };
}

async function timed<T>(f: () => Promise<T>, into: number[]): Promise<T> {
  const c0 = process.cpuUsage();
  const r = await f();
  const c = process.cpuUsage(c0);
  into.push((c.user + c.system) / 1000);
  return r;
}

const builds = [await build("base", base), await build("this", repoRoot)];
for (let round = 0; round < rounds; round++) {
  for (const b of builds) b.out.push(JSON.stringify(await timed(() => b.trainer.evaluate(b.trainer.step), b.evalMs)));
  for (const b of builds) {
    for (let s = 0; s < every; s++) {
      const { metrics, ledger } = (await timed(() => b.trainer.runStep(), b.stepMs)) as any;
      const { timeMs: _wall, ...rest } = metrics;
      b.out.push(JSON.stringify(rest), JSON.stringify(ledger));
    }
  }
}
for (const b of builds) b.out.push(JSON.stringify(await timed(() => b.trainer.evaluate(b.trainer.step), b.evalMs)));

const [A, B] = builds as [Build, Build];
const same = A.out.length === B.out.length && A.out.every((x, i) => x === B.out[i]);
const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
const meanS = (xs: number[]) => sum(xs) / xs.length / 1000;
const evals = Math.floor(fullSteps / fullEvery) + 1 + (fullSteps % fullEvery === 0 ? 0 : 1);
const hours = (b: Build) => (120 * (fullSteps * meanS(b.stepMs) + evals * meanS(b.evalMs))) / 3600;
console.log(`policy ${kind}, paper preset, hir, beta ${beta}, seed ${seed}: ${rounds} rounds of (evaluation, ${every} steps) + a final evaluation per build, interleaved; held-out ${evalSamples} samples per task`);
console.log(`results identical: ${same ? "yes" : "NO"} (${A.out.length} metrics, ledger and evaluation records compared)`);
for (const b of builds) {
  console.log(`  ${b.name.padEnd(4)} CPU s per step ${meanS(b.stepMs).toFixed(2)} (${b.stepMs.map((x) => (x / 1000).toFixed(2)).join(" ")}), per evaluation ${meanS(b.evalMs).toFixed(2)} (${b.evalMs.map((x) => (x / 1000).toFixed(2)).join(" ")})`);
  console.log(`       projected full benchmark (120 runs x ${fullSteps} steps, ${evals} evaluations each): ${hours(b).toFixed(1)} CPU-hours`);
}
console.log(`  this / base: step ${(meanS(B.stepMs) / meanS(A.stepMs)).toFixed(3)}x, evaluation ${(meanS(B.evalMs) / meanS(A.evalMs)).toFixed(3)}x, projected run ${(hours(B) / hours(A)).toFixed(3)}x`);
if (!same) process.exitCode = 1;
