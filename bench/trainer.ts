/**
 * Trainer benchmark: the four arms (hir, binary, fraction, random-replay) x N
 * seeds on the same rollout budget (B prompts x m rollouts per step, no extra
 * rollouts), with the bundled training set (data/hir-train.json).
 *
 *   npx tsx bench/trainer.ts [--steps 100] [--seeds 1,2,3,4,5] [--arms hir,binary,fraction,random-replay]
 *                            [--threshold 0.3] [--jobs 2] [--config file.json] [--name trainer]
 *
 * Prints and saves (bench/results/NAME.json and NAME.md): held-out ILA at the end
 * (mean and spread over seeds), steps to reach the ILA threshold per arm (first
 * step at which the 5-step moving average of train ILA reaches it), the ratio of
 * HiR's steps to binary's, and HiR's time per step as a ratio to binary's (CPU
 * time of training steps, held-out evaluation excluded).
 *
 * Each (arm, seed) runs in its own child process (`--jobs` at a time); runs are
 * in memory (no checkpoints) and deterministic given the seed.
 */
import { fork } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ARMS, deepMerge, resolveConfig, type Arm, type TrainConfig } from "../src/trainer/config.js";
import { createPolicy } from "../src/trainer/policy/index.js";
import type { Accuracy } from "../src/trainer/records.js";
import { loadTasks } from "../src/trainer/tasks.js";
import { Trainer } from "../src/trainer/trainer.js";

import { repoRoot } from "./root.js";

/** The benchmark's config, shared by every arm (only `arm` and `seed` vary). */
export const BENCH_CONFIG = {
  eval: { every: 10, samplesPerTask: 8 },
  // The release's beta = 0.001 lets the replay arms drift from the reference and
  // collapse in entropy after ~50 steps with this policy; see docs/trainer.md.
  advantage: { klBeta: 0.05 },
};

interface StepRow {
  step: number;
  trainIla: number;
  trainCla: number;
  heldOut: Accuracy | null;
  replays: number;
  cpuMs: number;
  entropy: number;
  kl: number;
}

interface RunOut {
  arm: Arm;
  seed: number;
  steps: StepRow[];
  baseline: Accuracy;
  final: Accuracy;
  totalCpuMs: number;
}

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? (process.argv[i + 1] as string) : def;
}

function configFor(arm: Arm, seed: number, steps: number, extra: unknown): TrainConfig {
  return resolveConfig(deepMerge(deepMerge(BENCH_CONFIG, extra), { arm, seed, steps }));
}

/** One run, in this process. */
async function runOne(arm: Arm, seed: number, steps: number, extra: unknown): Promise<RunOut> {
  const config = configFor(arm, seed, steps, extra);
  const tasks = loadTasks(config.data, repoRoot);
  const policy = createPolicy(config);
  const trainer = new Trainer({ config, train: tasks.train, heldOut: tasks.heldOut, policy, reference: createPolicy(config) });
  const baseline = await trainer.evaluate(0);
  const rows: StepRow[] = [];
  let total = 0;
  for (let s = 1; s <= steps; s++) {
    const c0 = process.cpuUsage();
    const { metrics } = await trainer.runStep();
    const c = process.cpuUsage(c0);
    const cpuMs = (c.user + c.system) / 1000;
    total += cpuMs;
    const heldOut = s % config.eval.every === 0 || s === steps ? await trainer.evaluate(s) : null;
    rows.push({ step: s, trainIla: metrics.train?.ila ?? 0, trainCla: metrics.train?.cla ?? 0, heldOut, replays: metrics.replays, cpuMs, entropy: metrics.entropy, kl: metrics.kl });
  }
  return { arm, seed, steps: rows, baseline, final: rows[rows.length - 1]?.heldOut ?? baseline, totalCpuMs: total };
}

function stepsToThreshold(rows: readonly StepRow[], threshold: number, window = 5): number | null {
  for (let i = 0; i < rows.length; i++) {
    const w = rows.slice(Math.max(0, i - window + 1), i + 1);
    if (w.length < window) continue;
    if (w.reduce((a, r) => a + r.trainIla, 0) / w.length >= threshold) return (rows[i] as StepRow).step;
  }
  return null;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const sd = (xs: readonly number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));

async function main(): Promise<void> {
  if (process.argv[2] === "--child") {
    const [arm, seed, steps, extra] = process.argv.slice(3);
    const out = await runOne(arm as Arm, Number(seed), Number(steps), JSON.parse(extra as string));
    process.send?.(out);
    return;
  }
  const steps = Number(arg("steps", "100"));
  const seeds = arg("seeds", "1,2,3,4,5").split(",").map(Number);
  const arms = arg("arms", ARMS.join(",")).split(",") as Arm[];
  const threshold = Number(arg("threshold", "0.3"));
  const jobs = Number(arg("jobs", "2"));
  const name = arg("name", "trainer");
  const configFile = arg("config", "");
  const extra: unknown = configFile ? JSON.parse(readFileSync(configFile, "utf8")) : {};
  for (const a of arms) if (!(ARMS as readonly string[]).includes(a)) throw new Error(`unknown arm ${a}`);

  const queue = arms.flatMap((arm) => seeds.map((seed) => ({ arm, seed })));
  const results: RunOut[] = [];
  const t0 = performance.now();
  console.error(`bench/trainer: ${arms.length} arms x ${seeds.length} seeds x ${steps} steps, ${jobs} at a time`);
  const worker = async (): Promise<void> => {
    for (;;) {
      const job = queue.shift();
      if (!job) return;
      const out = await new Promise<RunOut>((resolve, reject) => {
        const child = fork(fileURLToPath(import.meta.url), ["--child", job.arm, String(job.seed), String(steps), JSON.stringify(extra)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
        let got: RunOut | undefined;
        child.on("message", (m) => (got = m as RunOut));
        child.on("exit", (code) => (got ? resolve(got) : reject(new Error(`${job.arm} seed ${job.seed} exited ${code}`))));
      });
      results.push(out);
      console.error(
        `  ${out.arm.padEnd(13)} seed ${out.seed}: held-out ILA ${out.baseline.ila.toFixed(3)} -> ${out.final.ila.toFixed(3)} ` +
          `(CLA ${out.final.cla.toFixed(3)}), ${(out.totalCpuMs / steps).toFixed(0)} ms/step, ${((performance.now() - t0) / 1000).toFixed(0)}s elapsed`,
      );
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const wall = (performance.now() - t0) / 1000;

  const summary = arms.map((arm) => {
    const rs = results.filter((r) => r.arm === arm).sort((a, b) => a.seed - b.seed);
    const finals = rs.map((r) => r.final.ila);
    const reach = rs.map((r) => stepsToThreshold(r.steps, threshold));
    const reached = reach.filter((x): x is number => x !== null);
    return {
      arm,
      seeds: rs.map((r) => r.seed),
      heldOutIlaFinal: { mean: mean(finals), sd: sd(finals), min: Math.min(...finals), max: Math.max(...finals), perSeed: finals },
      heldOutClaFinal: mean(rs.map((r) => r.final.cla)),
      heldOutIlaBaseline: mean(rs.map((r) => r.baseline.ila)),
      trainIlaLast10: mean(rs.map((r) => mean(r.steps.slice(-10).map((x) => x.trainIla)))),
      stepsToThreshold: { perSeed: reach, reached: reached.length, mean: reached.length > 0 ? mean(reached) : null, meanCensored: mean(reach.map((x) => x ?? steps + 1)) },
      cpuMsPerStep: mean(rs.map((r) => r.totalCpuMs / steps)),
      finalEntropy: mean(rs.map((r) => r.steps[r.steps.length - 1]?.entropy ?? 0)),
      finalKl: mean(rs.map((r) => r.steps[r.steps.length - 1]?.kl ?? 0)),
    };
  });
  const by = (a: string) => summary.find((s) => s.arm === a);
  const hir = by("hir");
  const bin = by("binary");
  const ratios = hir && bin ? {
    stepsHirOverBinary: hir.stepsToThreshold.meanCensored / bin.stepsToThreshold.meanCensored,
    timePerStepHirOverBinary: hir.cpuMsPerStep / bin.cpuMsPerStep,
  } : null;

  const lines: string[] = [];
  lines.push(`# Trainer benchmark (${name})`, "");
  lines.push(`${arms.length} arms x ${seeds.length} seeds (${seeds.join(", ")}) x ${steps} steps; same rollout budget per step (${configFor("hir", 1, steps, extra).batch.prompts} prompts x ${configFor("hir", 1, steps, extra).batch.rolloutsPerPrompt} rollouts). Wall time ${wall.toFixed(0)} s with ${jobs} jobs.`, "");
  lines.push(`Threshold: 5-step moving average of train ILA >= ${threshold}. Steps to threshold: mean over seeds that reached it (reached/total); the ratio counts a seed that never reached it as ${steps + 1}.`, "");
  lines.push("| arm | held-out ILA start | held-out ILA end (mean ± sd) [min, max] | held-out CLA end | train ILA (last 10 steps) | steps to threshold | CPU ms/step | entropy end | KL end |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const s of summary) {
    lines.push(
      `| ${s.arm} | ${s.heldOutIlaBaseline.toFixed(3)} | ${s.heldOutIlaFinal.mean.toFixed(3)} ± ${s.heldOutIlaFinal.sd.toFixed(3)} [${s.heldOutIlaFinal.min.toFixed(3)}, ${s.heldOutIlaFinal.max.toFixed(3)}] | ${s.heldOutClaFinal.toFixed(3)} | ${s.trainIlaLast10.toFixed(3)} | ` +
        `${s.stepsToThreshold.mean === null ? "never" : s.stepsToThreshold.mean.toFixed(1)} (${s.stepsToThreshold.reached}/${s.seeds.length}) | ${s.cpuMsPerStep.toFixed(0)} | ${s.finalEntropy.toFixed(2)} | ${s.finalKl.toFixed(3)} |`,
    );
  }
  if (ratios) {
    lines.push("", `HiR steps to threshold / binary's: ${ratios.stepsHirOverBinary.toFixed(2)}. HiR time per step / binary's: ${ratios.timePerStepHirOverBinary.toFixed(2)}.`);
  }
  const report = lines.join("\n");
  console.log(report);
  const dir = path.join(repoRoot, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `${name}.json`),
    `${JSON.stringify({ steps, seeds, arms, threshold, jobs, wallSeconds: wall, config: configFor("hir", seeds[0] ?? 1, steps, extra), summary, ratios, runs: results.map((r) => ({ arm: r.arm, seed: r.seed, baseline: r.baseline, final: r.final, totalCpuMs: r.totalCpuMs, trainIla: r.steps.map((x) => x.trainIla), heldOut: r.steps.filter((x) => x.heldOut).map((x) => ({ step: x.step, ...x.heldOut })) })) }, null, 1)}\n`,
  );
  writeFileSync(path.join(dir, `${name}.md`), `${report}\n`);
  console.error(`saved bench/results/${name}.json and ${name}.md`);
}

await main();
