/**
 * A/B of whole trainer steps between this tree and another checkout (`--base DIR`,
 * e.g. `git archive <commit> | tar -x -C /tmp/base` with node_modules linked):
 * four trainers (binary and HiR arm of each tree; `paper` preset, same seed, the
 * embedded policy) run their steps interleaved after a warm-up, the order rotating
 * every step. Prints CPU ms per step (min, median) per tree and arm, the
 * HiR/binary ratio of each tree (median of per-step ratios, and ratio of medians),
 * each tree's `selectReplays` time, and checks that both trees write the same
 * ledger and metrics at every step (the change must not change a run).
 *
 *   npx tsx bench/trainer-step-ab.ts --base /tmp/base [--steps 16] [--warmup 2]
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
if (!base) throw new Error("usage: npx tsx bench/trainer-step-ab.ts --base DIR");
const steps = Number(arg("steps", "16"));
const warmup = Number(arg("warmup", "2"));

interface Tree {
  readonly name: string;
  readonly resolveConfig: typeof resolveConfig;
  readonly createPolicy: typeof createPolicy;
  readonly loadTasks: typeof loadTasks;
  readonly Trainer: typeof Trainer;
}
const imp = async (rel: string) => (await import(resolve(base, rel))) as any;
const trees: Tree[] = [
  {
    name: "base",
    resolveConfig: (await imp("src/trainer/config.ts")).resolveConfig,
    createPolicy: (await imp("src/trainer/policy/index.ts")).createPolicy,
    loadTasks: (await imp("src/trainer/tasks.ts")).loadTasks,
    Trainer: (await imp("src/trainer/trainer.ts")).Trainer,
  },
  { name: "this", resolveConfig, createPolicy, loadTasks, Trainer },
];

// Time each tree's selectReplays (CPU, including the garbage collection it triggers).
let selectMs = 0;
for (const t of trees) {
  const proto = t.Trainer.prototype as any;
  const inner = proto.selectReplays;
  proto.selectReplays = async function (this: unknown, ...a: unknown[]) {
    const c0 = process.cpuUsage();
    try {
      return await inner.apply(this, a);
    } finally {
      const c = process.cpuUsage(c0);
      selectMs += (c.user + c.system) / 1000;
    }
  };
}

const arms = ["binary", "hir"] as const;
interface Runner { readonly tree: number; readonly arm: number; readonly trainer: any; readonly ms: number[]; readonly select: number[]; digest: string }
const runners: Runner[] = [];
trees.forEach((t, ti) => {
  const tasks = t.loadTasks("data/hir-train.json", repoRoot);
  const context = { instructions: tasks.train.map((e) => e.instruction()) };
  arms.forEach((arm, ai) => {
    const config = t.resolveConfig({ preset: "paper", arm, seed: 1, policy: { kind: "embedded" } });
    const trainer = new t.Trainer({ config, train: tasks.train, heldOut: [], policy: t.createPolicy(config, context), reference: t.createPolicy(config, context) });
    runners.push({ tree: ti, arm: ai, trainer, ms: [], select: [], digest: "" });
  });
});

const stable = (r: any) => JSON.stringify({ ...r, metrics: { ...r.metrics, timeMs: undefined } });
for (let s = 0; s < warmup + steps; s++) {
  const order = runners.map((_, i) => runners[(i + s) % runners.length] as Runner);
  for (const r of order) {
    selectMs = 0;
    const c0 = process.cpuUsage();
    const out = await r.trainer.runStep();
    const c = process.cpuUsage(c0);
    r.digest = stable(out);
    if (s >= warmup) {
      r.ms.push((c.user + c.system) / 1000);
      r.select.push(selectMs);
    }
  }
  for (let a = 0; a < arms.length; a++) {
    const [x, y] = runners.filter((r) => r.arm === a) as [Runner, Runner];
    if (x.digest !== y.digest) throw new Error(`step ${s + 1}, ${arms[a]} arm: the two trees' step results differ`);
  }
}

const median = (xs: readonly number[]) => {
  const v = [...xs].sort((p, q) => p - q);
  return ((v[(v.length - 1) >> 1] as number) + (v[v.length >> 1] as number)) / 2;
};
const min = (xs: readonly number[]) => Math.min(...xs);
const f = (x: number) => x.toFixed(1);
console.log(`paper preset, seed 1, ${steps} steps per trainer after ${warmup} warm-up, 4 trainers interleaved; CPU ms per step; step results identical between trees`);
console.log("| tree | binary min / median | hir min / median | hir selectReplays min / median | hir/binary per-step ratio min / median | ratio of medians |");
console.log("| --- | --- | --- | --- | --- | --- |");
trees.forEach((t, ti) => {
  const [b, h] = runners.filter((r) => r.tree === ti) as [Runner, Runner];
  const ratios = h.ms.map((x, i) => x / (b.ms[i] as number));
  console.log(`| ${t.name} | ${f(min(b.ms))} / ${f(median(b.ms))} | ${f(min(h.ms))} / ${f(median(h.ms))} | ${f(min(h.select))} / ${f(median(h.select))} | ${min(ratios).toFixed(3)}x / ${median(ratios).toFixed(3)}x | ${(median(h.ms) / median(b.ms)).toFixed(3)}x |`);
});
