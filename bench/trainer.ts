/**
 * Trainer benchmark: policies x arms x KL weights (beta) x seeds, every run with
 * the same rollout budget per step, on the bundled training set
 * (data/hir-train.json), under the `paper` preset by default (release values, no
 * quality bonus; claims use it).
 *
 *   npm run bench:trainer -- [--policies embedded,neural] [--arms hir,binary,fraction,random-replay,no-relabel]
 *       [--betas 0.001,0.01,0.05] [--shared-beta 0.001] [--seeds 1,...,8] [--steps 100]
 *       [--eval-samples 64] [--eval-every 10] [--preset paper] [--threshold 0.3] [--jobs 2]
 *       [--config extra.json] [--name trainer-summary] [--store bench/results/trainer-runs | --store none]
 *
 * Writes bench/results/NAME.json in the schema ({"policies": {POLICY:
 * {"arms", "comparisons", "eval"}}}), NAME.md (tables with 95% intervals and a
 * within-noise verdict per comparison) and NAME.runs.json (every run: per-beta
 * cells, the shared-beta cells, per-step train ILA, entropy, KL, replays and the
 * held-out curve). Primary metric: the normalised area under the held-out ILA
 * curve (src/trainer/report/summary.ts).
 *
 * Each run is a child process (`--jobs` at a time), in memory and deterministic
 * given its seed. Finished runs are kept in the run store (bench/trainer-store.ts,
 * `--store`), so an interrupted benchmark restarted with the same options runs only
 * what is missing.
 */
import { execFileSync, fork } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ARMS, deepMerge, isPreset, resolveConfig, type Arm, type TrainConfig } from "../src/trainer/config.js";
import { createPolicy, POLICY_KINDS } from "../src/trainer/policy/index.js";
import type { Accuracy } from "../src/trainer/records.js";
import { heldOutAuc, stepsToThreshold, summarize, summaryMarkdown, type RunResult } from "../src/trainer/report/summary.js";
import { tasksDigest } from "../src/trainer/run.js";
import { loadTasks } from "../src/trainer/tasks.js";
import { Trainer } from "../src/trainer/trainer.js";

import { repoRoot } from "./root.js";
import { inputsDigest, RunStore } from "./trainer-store.js";

/** The policies this benchmark can build (config `policy.kind`). */
export const BENCH_POLICIES = POLICY_KINDS;

interface Job {
  readonly policy: string;
  readonly arm: Arm;
  readonly beta: number;
  readonly seed: number;
}

interface RunOut extends Job {
  readonly trainIla: number[];
  readonly entropy: number[];
  readonly kl: number[];
  readonly replays: number[];
  readonly candidates: number[];
  readonly extraRollouts: number[];
  readonly heldOut: ({ step: number } & Accuracy)[];
  readonly cpuMs: number;
  /** The child's whole CPU time (start-up, pretraining, evaluations and steps). */
  readonly totalCpuMs: number;
  readonly heldOutTasks: number;
}

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? (process.argv[i + 1] as string) : def;
}

interface Shared {
  readonly steps: number;
  readonly preset: string;
  readonly evalSamples: number;
  readonly evalEvery: number;
  readonly extra: unknown;
}

function configFor(job: Job, o: Shared): TrainConfig {
  const base = deepMerge({ preset: o.preset, eval: { every: o.evalEvery, samplesPerTask: o.evalSamples } }, o.extra);
  return resolveConfig(deepMerge(base, { arm: job.arm, seed: job.seed, steps: o.steps, advantage: { klBeta: job.beta }, policy: { kind: job.policy } }));
}

async function runOne(job: Job, o: Shared): Promise<RunOut> {
  const config = configFor(job, o);
  const tasks = loadTasks(config.data, repoRoot);
  const context = { instructions: tasks.train.map((e) => e.instruction()) };
  const policy = createPolicy(config, context);
  const trainer = new Trainer({ config, train: tasks.train, heldOut: tasks.heldOut, policy, reference: createPolicy(config, context) });
  const heldOut: ({ step: number } & Accuracy)[] = [{ step: 0, ...(await trainer.evaluate(0)) }];
  const out = { trainIla: [] as number[], entropy: [] as number[], kl: [] as number[], replays: [] as number[], candidates: [] as number[], extraRollouts: [] as number[] };
  let cpuMs = 0;
  for (let s = 1; s <= o.steps; s++) {
    const c0 = process.cpuUsage();
    const { metrics } = await trainer.runStep();
    const c = process.cpuUsage(c0);
    cpuMs += (c.user + c.system) / 1000;
    out.trainIla.push(metrics.train?.ila ?? 0);
    out.entropy.push(metrics.entropy);
    out.kl.push(metrics.kl);
    out.replays.push(metrics.replays);
    out.candidates.push(metrics.candidates);
    out.extraRollouts.push(metrics.extraRollouts);
    if (s % o.evalEvery === 0 || s === o.steps) heldOut.push({ step: s, ...(await trainer.evaluate(s)) });
  }
  const all = process.cpuUsage();
  return { ...job, ...out, heldOut, cpuMs, totalCpuMs: (all.user + all.system) / 1000, heldOutTasks: tasks.heldOut.length };
}

async function main(): Promise<void> {
  if (process.argv[2] === "--child") {
    const [job, shared] = [JSON.parse(process.argv[3] as string) as Job, JSON.parse(process.argv[4] as string) as Shared];
    process.send?.(await runOne(job, shared));
    return;
  }
  const list = (name: string, def: string) => arg(name, def).split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const policies = list("policies", BENCH_POLICIES.join(","));
  const arms = list("arms", ARMS.join(",")) as Arm[];
  const betas = list("betas", "0.001,0.01,0.05").map(Number);
  const seeds = list("seeds", "1,2,3,4,5,6,7,8").map(Number);
  const sharedBeta = Number(arg("shared-beta", String(betas.includes(0.001) ? 0.001 : betas[0])));
  const configFile = arg("config", "");
  const shared: Shared = {
    steps: Number(arg("steps", "100")),
    preset: arg("preset", "paper"),
    evalSamples: Number(arg("eval-samples", "64")),
    evalEvery: Number(arg("eval-every", "10")),
    extra: configFile ? JSON.parse(readFileSync(configFile, "utf8")) : {},
  };
  const threshold = Number(arg("threshold", "0.3"));
  const jobs = Number(arg("jobs", "2"));
  const name = arg("name", "trainer-summary");
  for (const p of policies) if (!(BENCH_POLICIES as readonly string[]).includes(p)) throw new Error(`unknown policy ${p} (one of ${BENCH_POLICIES.join(", ")})`);
  for (const a of arms) if (!(ARMS as readonly string[]).includes(a)) throw new Error(`unknown arm ${a} (one of ${ARMS.join(", ")})`);
  if (!isPreset(shared.preset)) throw new Error(`unknown preset ${shared.preset}`);
  for (const x of [...betas, ...seeds, shared.steps, shared.evalSamples, shared.evalEvery, jobs, sharedBeta]) if (!Number.isFinite(x) || x < 0) throw new Error(`bad number ${x}`);
  if (!betas.includes(sharedBeta)) throw new Error(`--shared-beta ${sharedBeta} is not among --betas`);

  const all: Job[] = policies.flatMap((policy) => arms.flatMap((arm) => betas.flatMap((beta) => seeds.map((seed) => ({ policy, arm, beta, seed })))));
  const total = all.length;
  const store = openStore(arg("store", path.join("bench", "results", "trainer-runs")), configFor(all[0] ?? { policy: "embedded", arm: "hir", beta: sharedBeta, seed: 1 }, shared).data);
  const keyOf = (job: Job) => store?.key(configFor(job, shared)) ?? "";
  const results: RunOut[] = [];
  const queue: Job[] = [];
  for (const job of all) {
    const stored = store?.load(job, keyOf(job));
    if (stored) results.push(stored);
    else queue.push(job);
  }
  // Seed-major, so a benchmark stopped part-way leaves every cell with about as many seeds.
  queue.sort((a, b) => seeds.indexOf(a.seed) - seeds.indexOf(b.seed));
  const storedCount = results.length;
  const t0 = performance.now();
  console.error(`bench/trainer: ${policies.length} policies x ${arms.length} arms x ${betas.length} betas x ${seeds.length} seeds x ${shared.steps} steps (${total} runs), preset ${shared.preset}, ${shared.evalSamples} samples per held-out task, ${jobs} at a time`);
  if (store) console.error(`  run store ${path.relative(repoRoot, store.dir)}: ${results.length} of ${total} runs already there, ${queue.length} to run`);
  const commit = gitCommit();
  const worker = async (): Promise<void> => {
    for (;;) {
      const job = queue.shift();
      if (!job) return;
      const out = await new Promise<RunOut>((resolve, reject) => {
        const child = fork(fileURLToPath(import.meta.url), ["--child", JSON.stringify(job), JSON.stringify(shared)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
        let got: RunOut | undefined;
        child.on("message", (m) => (got = m as RunOut));
        child.on("exit", (code) => (got ? resolve(got) : reject(new Error(`${job.policy}/${job.arm}/beta ${job.beta}/seed ${job.seed} exited ${code}`))));
      });
      results.push(out);
      store?.save(job, keyOf(job), commit, out);
      const last = out.heldOut[out.heldOut.length - 1];
      console.error(
        `  [${results.length}/${total}] ${out.policy} ${out.arm.padEnd(13)} beta ${String(out.beta).padEnd(5)} seed ${out.seed}: held-out ILA ${out.heldOut[0]?.ila.toFixed(3)} -> ${last?.ila.toFixed(3)}, ` +
          `AUC ${heldOutAuc(out.heldOut).toFixed(3)}, entropy ${out.entropy[out.entropy.length - 1]?.toFixed(2)}, ${(out.cpuMs / Math.max(1, shared.steps)).toFixed(0)} ms/step, ${((performance.now() - t0) / 1000).toFixed(0)}s`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  const wall = (performance.now() - t0) / 1000;
  // Completion order depends on scheduling and on what was stored; the summary must not.
  const order = new Map(all.map((j, i) => [`${j.policy}/${j.arm}/${j.beta}/${j.seed}`, i]));
  results.sort((a, b) => (order.get(`${a.policy}/${a.arm}/${a.beta}/${a.seed}`) ?? 0) - (order.get(`${b.policy}/${b.arm}/${b.beta}/${b.seed}`) ?? 0));

  const runResults: RunResult[] = results.map((r) => ({
    policy: r.policy,
    arm: r.arm,
    beta: r.beta,
    seed: r.seed,
    auc: heldOutAuc(r.heldOut),
    final: r.heldOut[r.heldOut.length - 1]?.ila ?? NaN,
    stepsToThreshold: stepsToThreshold(r.trainIla, threshold),
  }));
  const tasks = results[0]?.heldOutTasks ?? 0;
  const { summary, shared: sharedCells, byBeta } = summarize(runResults, { arms, betas, sharedBeta, eval: { tasks, samplesPerTask: shared.evalSamples } });
  // The file keeps exactly the schema; intervals and verdicts go to the markdown and the runs file.
  const exact = {
    policies: Object.fromEntries(
      Object.entries(summary.policies).map(([p, s]) => [p, { arms: s.arms, comparisons: s.comparisons.map((c) => ({ a: c.a, b: c.b, metric: c.metric, diff: c.diff, cohen_d: c.cohen_d, welch_p: c.welch_p })), eval: s.eval }]),
    ),
  };
  const command = `npm run bench:trainer -- ${process.argv.slice(2).join(" ")}`.trim();
  const header = [
    `# Trainer benchmark (${name})`,
    "",
    `Command: \`${command}\``,
    "",
    `${total} runs: policies ${policies.join(", ")}; arms ${arms.join(", ")}; betas ${betas.join(", ")}; seeds ${seeds.join(", ")}; ${shared.steps} steps; preset \`${shared.preset}\`; ` +
      `held-out evaluated every ${shared.evalEvery} steps with ${shared.evalSamples} samples per task (${tasks} tasks). ` +
      `This invocation ran ${total - storedCount} runs in ${wall.toFixed(0)} s wall with ${jobs} jobs (${storedCount} came from the run store); all ${total} runs took ${(results.reduce((t, r) => t + (r.totalCpuMs ?? r.cpuMs), 0) / 3.6e6).toFixed(1)} CPU-hours in total.`,
    "",
    "Primary metric: held-out ILA AUC = area under the held-out ILA curve from step 0 to the last step, divided by the number of steps (the curve's mean height).",
    `Steps to threshold: first step at which the 5-step mean of train ILA reaches ${threshold} (mean over the seeds that reached it).`,
    "Comparisons: hir minus the other arm; Welch's t-test over seeds; 95% interval of the difference; `within noise` when p >= 0.05.",
    "",
  ].join("\n");
  const md = `${header}${summaryMarkdown(summary, sharedCells, sharedBeta)}`;
  console.log(md);
  const dir = path.join(repoRoot, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(exact, null, 1)}\n`);
  writeFileSync(path.join(dir, `${name}.md`), `${md}\n`);
  writeFileSync(
    path.join(dir, `${name}.runs.json`),
    `${JSON.stringify({ command, wallSeconds: wall, threshold, sharedBeta, config: configFor({ policy: policies[0] ?? "embedded", arm: "hir", beta: sharedBeta, seed: seeds[0] ?? 1 }, shared), sharedBeta_cells: sharedCells, byBeta, comparisons: summary.policies, runs: results }, null, 1)}\n`,
  );
  console.error(`saved bench/results/${name}.json, ${name}.md and ${name}.runs.json`);
}

/** The run store at `dir` (relative to the repository), or undefined for `--store none`. */
function openStore(dir: string, dataFile: string): RunStore<RunOut> | undefined {
  if (dir === "none") return undefined;
  const tasks = loadTasks(dataFile, repoRoot);
  const files = [path.resolve(repoRoot, dataFile), ...tasks.data.contractPaths.map((p) => path.resolve(repoRoot, p))];
  return new RunStore<RunOut>(path.resolve(repoRoot, dir), inputsDigest(tasksDigest(tasks), repoRoot, files));
}

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

await main();
