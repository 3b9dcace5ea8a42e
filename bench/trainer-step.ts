/**
 * Trainer step time: the HiR arm against the binary arm (issue 15's "HiR step
 * <= 1.10x binary"), same policy, config and seed, steps interleaved
 * (binary s, hir s, binary s+1, ...) after a warm-up, CPU time per step; reports
 * min and median per arm and their ratios. Also the neural policy's step time
 * with `--policy neural`.
 *
 *   npx tsx bench/trainer-step.ts [--policy embedded] [--steps 12] [--warmup 2] [--preset paper] [--seed 1]
 */
import { resolveConfig } from "../src/trainer/config.js";
import { createPolicy } from "../src/trainer/policy/index.js";
import { loadTasks } from "../src/trainer/tasks.js";
import { Trainer } from "../src/trainer/trainer.js";
import { repoRoot } from "./root.js";

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? (process.argv[i + 1] as string) : def;
}

const policyKind = arg("policy", "embedded");
const steps = Number(arg("steps", "12"));
const warmup = Number(arg("warmup", "2"));
const preset = arg("preset", "paper");
const seed = Number(arg("seed", "1"));
const tasks = loadTasks("data/hir-train.json", repoRoot);
const context = { instructions: tasks.train.map((e) => e.instruction()) };
const arms = ["binary", "hir"] as const;
const trainers = arms.map((arm) => {
  const config = resolveConfig({ preset, arm, seed, policy: { kind: policyKind } });
  return new Trainer({ config, train: tasks.train, heldOut: [], policy: createPolicy(config, context), reference: createPolicy(config, context) });
});
const times: number[][] = arms.map(() => []);
for (let s = 0; s < warmup + steps; s++) {
  for (let a = 0; a < arms.length; a++) {
    const c0 = process.cpuUsage();
    await (trainers[a] as Trainer).runStep();
    const c = process.cpuUsage(c0);
    if (s >= warmup) (times[a] as number[]).push((c.user + c.system) / 1000);
  }
}
const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
const min = (xs: number[]) => sorted(xs)[0] as number;
const median = (xs: number[]) => {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
console.log(`policy ${policyKind}, preset ${preset}, seed ${seed}, ${steps} steps per arm after ${warmup} warm-up, CPU ms per step`);
arms.forEach((arm, a) => console.log(`  ${arm.padEnd(6)} min ${min(times[a] as number[]).toFixed(1)}  median ${median(times[a] as number[]).toFixed(1)}`));
// Step s of both arms sees the same tasks; the ratio of medians and of per-step sums are both shown.
const [b, h] = times as [number[], number[]];
const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
console.log(`  hir / binary: min ${(min(h) / min(b)).toFixed(3)}x  median ${(median(h) / median(b)).toFixed(3)}x  total ${(sum(h) / sum(b)).toFixed(3)}x`);
