/**
 * Where a trainer step's time goes, per phase, for the binary and HiR arms (issue 15):
 * wraps the Trainer's phase methods (rollouts, selectReplays, batch, update,
 * stepMetrics) with CPU timers, runs both arms' steps interleaved after a warm-up,
 * and prints per-phase min and median CPU ms per step. A phase called inside
 * another (extra rollouts inside selectReplays) counts toward the outer one.
 *
 *   npx tsx bench/trainer-phases.ts [--steps 10] [--warmup 2] [--preset paper] [--seed 1]
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

const steps = Number(arg("steps", "10"));
const warmup = Number(arg("warmup", "2"));
const preset = arg("preset", "paper");
const seed = Number(arg("seed", "1"));
const PHASES = ["rollouts", "selectReplays", "batch", "update", "stepMetrics"] as const;
type Phase = (typeof PHASES)[number];

let current: Record<string, number> = {};
let depth = 0;
const proto = Trainer.prototype as unknown as Record<Phase, (...args: unknown[]) => unknown>;
for (const name of PHASES) {
  const inner = proto[name];
  proto[name] = async function (this: unknown, ...args: unknown[]) {
    if (depth > 0) return inner.apply(this, args);
    depth++;
    const c0 = process.cpuUsage();
    try {
      return await inner.apply(this, args);
    } finally {
      const c = process.cpuUsage(c0);
      current[name] = (current[name] ?? 0) + (c.user + c.system) / 1000;
      depth--;
    }
  };
}

const tasks = loadTasks("data/hir-train.json", repoRoot);
const context = { instructions: tasks.train.map((e) => e.instruction()) };
const arms = ["binary", "hir"] as const;
const trainers = arms.map((arm) => {
  const config = resolveConfig({ preset, arm, seed, policy: { kind: "embedded" } });
  return new Trainer({ config, train: tasks.train, heldOut: [], policy: createPolicy(config, context), reference: createPolicy(config, context) });
});
const rows: Record<string, number>[][] = arms.map(() => []);
for (let s = 0; s < warmup + steps; s++) {
  for (let a = 0; a < arms.length; a++) {
    current = {};
    const c0 = process.cpuUsage();
    await (trainers[a] as Trainer).runStep();
    const c = process.cpuUsage(c0);
    current.total = (c.user + c.system) / 1000;
    if (s >= warmup) (rows[a] as Record<string, number>[]).push(current);
  }
}
const median = (xs: number[]) => {
  const v = [...xs].sort((x, y) => x - y);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
};
const min = (xs: number[]) => Math.min(...xs);
console.log(`preset ${preset}, seed ${seed}, ${steps} interleaved steps per arm after ${warmup} warm-up; CPU ms per step, min / median`);
console.log(`| phase | binary | hir |`);
console.log(`| --- | --- | --- |`);
for (const name of [...PHASES, "total"]) {
  const cell = (a: number) => {
    const xs = (rows[a] as Record<string, number>[]).map((r) => r[name] ?? 0);
    return `${min(xs).toFixed(1)} / ${median(xs).toFixed(1)}`;
  };
  console.log(`| ${name} | ${cell(0)} | ${cell(1)} |`);
}
const tot = (a: number) => (rows[a] as Record<string, number>[]).map((r) => r.total as number);
console.log(`hir / binary: min ${(min(tot(1)) / min(tot(0))).toFixed(3)}x  median ${(median(tot(1)) / median(tot(0))).toFixed(3)}x`);
