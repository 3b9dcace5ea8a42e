/**
 * A/B of the embedded policy's update walk (lossAndGradient) between this tree
 * and another checkout (`--base DIR`, e.g. `git worktree add /tmp/base <commit>`
 * or `git archive <commit> | tar -x -C /tmp/base` with node_modules linked):
 * the same 128 items of a HiR step (96 originals, 32 replays), both policies
 * loaded from the same snapshot, runs interleaved; checks the gradients are
 * bit-identical and prints CPU ms per pass (min, median) for all items, the
 * originals and the replays.
 *
 *   npx tsx bench/update-ab.ts --base /tmp/base [--rounds 14]
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- it captures the trainer's private update batch and drives two builds of the policy whose types differ */
import { resolve } from "node:path";
import { resolveConfig } from "../src/trainer/config.js";
import { createPolicy as createNew } from "../src/trainer/policy/index.js";
import { loadTasks } from "../src/trainer/tasks.js";
import { Trainer } from "../src/trainer/trainer.js";
import { repoRoot } from "./root.js";
function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? (process.argv[i + 1] as string) : def;
}
const base = arg("base", "");
if (!base) throw new Error("usage: npx tsx bench/update-ab.ts --base DIR");
const rounds = Number(arg("rounds", "14"));
const { createPolicy: createOld } = (await import(resolve(base, "src/trainer/policy/index.js"))) as typeof import("../src/trainer/policy/index.js");
const tasks = loadTasks("data/hir-train.json", repoRoot);
const context = { instructions: tasks.train.map((e) => e.instruction()) };
const config = resolveConfig({ preset: "paper", arm: "hir", seed: 1, policy: { kind: "embedded" } });
let captured: any[] = [];
const p = Trainer.prototype as any; const inner = p.optimize;
p.optimize = async function (items: any[], s: number) { captured = items; return inner.call(this, items, s); };
const pol = createNew(config, context);
const tr = new Trainer({ config, train: tasks.train, heldOut: [], policy: pol, reference: createNew(config, context) });
for (let s = 0; s < 3; s++) await tr.runStep();
const items = captured; // 128 items: 96 originals then 32 replays
const opts = { clip: 0.2, entropyCoeff: 0, temperature: config.rollout.temperature };
const snap = (pol as any).save();
const mk = (f: any) => { const x = f(config, context) as any; x.load(snap); return x; };
const a = mk(createOld), b = mk(createNew);
const subsets = { all: items, originals: items.slice(0, 96), replays: items.slice(96) };
const gA = new Float64Array(a.params.length), gB = new Float64Array(b.params.length);
const t: Record<string, number[][]> = {};
for (let r = 0; r < rounds; r++) for (const [name, its] of Object.entries(subsets)) {
  const row = (t[name] ??= [[], []]);
  for (const [k, pol2, g] of (r % 2 ? [[1, b, gB], [0, a, gA]] : [[0, a, gA], [1, b, gB]]) as any) {
    g.fill(0); const c0 = process.cpuUsage(); pol2.lossAndGradient(its, opts, g); const c = process.cpuUsage(c0);
    if (r >= 2) (row[k] as number[]).push((c.user + c.system) / 1000);
  }
  if (gA.some((x, i) => !Object.is(x, gB[i]))) throw new Error(`gradients differ (${name}, round ${r})`);
}
const med = (xs: number[]) => { const s = [...xs].sort((x, y) => x - y); return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2; };
for (const [name, [o, n]] of Object.entries(t)) console.log(`${name.padEnd(10)} base min ${Math.min(...o!).toFixed(1)} med ${med(o!).toFixed(1)} | new min ${Math.min(...n!).toFixed(1)} med ${med(n!).toFixed(1)} | new/base med ${(med(n!) / med(o!)).toFixed(3)}`);
