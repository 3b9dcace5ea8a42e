/**
 * Why do the replay arms collapse at a small KL weight (issue 14)? This bench trains
 * the given arms and, at every step, measures what the replays do to the policy,
 * through the Policy interface only (so it runs for either embedded policy):
 *
 * - `ratio`: the replays' token-mean log pi(y | instruction) - log pi_old(y | q)
 *   before the first update of the step (PPO's log-ratio at its first epoch). Under the release's convention the old
 *   log-probs are the source's under q, so for hir this is how much more (or less)
 *   likely the policy finds the text under q' than under q; 0 for no-relabel.
 * - `hQ'` and `hQ`: the policy's mean token entropy along each replay's text under
 *   the instruction it is trained with (q', or q for no-relabel) and under its
 *   source's q: how sharp the policy is where the replays push.
 * - `replays`: how many replays the step trained on; the mean advantage per token of
 *   the replays and of the failed originals; the originals' mean length.
 *
 * `--intervention whiten-originals` replaces the trainer's advantages by the same
 * REINFORCE++ returns whitened with the originals' mean and deviation only, so the
 * replays' reward 1 no longer lowers every original's advantage (a test of the
 * mechanism docs/trainer.md describes, not a training mode). `mute-replayed-originals`
 * keeps the trainer's advantages but sets those of the originals that are replayed in
 * the same step to 0 (their text is no longer pushed down under q).
 * - probe entropies every `--probe-every` steps, teacher-forced along fixed texts
 *   (step-0 samples, so they do not move with the policy): on full training
 *   instructions (`probeQ`), on the hindsight instructions of step 1's replays
 *   (`probeQ'`, the contexts replays train on) and on held-out instructions
 *   (`probeHeld`).
 *
 *   npx tsx bench/collapse-diagnostics.ts [--arms hir,no-relabel,binary,random-replay] [--beta 0.001]
 *       [--seeds 1,2,3] [--steps 80] [--probe-every 10] [--policy embedded] [--intervention none|whiten-originals|mute-replayed-originals]
 *       [--config extra.json] [--name collapse-diagnostics]
 *
 * Writes bench/results/NAME.json (every series) and NAME.md (means over seeds).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deepMerge, resolveConfig, type Arm, type TrainConfig } from "../src/trainer/config.js";
import { createPolicy } from "../src/trainer/policy/index.js";
import { klTerm, reinforcePlusPlus, tokenReturns, whiten, type AdvantageSample } from "../src/trainer/advantages.js";
import type { Policy, ScoreRequest, TokenScores, UpdateItem, UpdateStats } from "../src/trainer/policy/types.js";
import { Rng } from "../src/trainer/rng.js";
import { loadTasks } from "../src/trainer/tasks.js";
import { Trainer } from "../src/trainer/trainer.js";
import { repoRoot } from "./root.js";

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? (process.argv[i + 1] as string) : def;
}

interface StepRow {
  step: number;
  entropy: number;
  kl: number;
  trainIla: number;
  replays: number;
  ratio: number;
  hTrain: number;
  hSource: number;
  advReplay: number;
  advFailed: number;
  length: number;
}

interface ProbeRow {
  step: number;
  probeQ: number;
  probeQPrime: number;
  probeHeld: number;
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
const tokenMean = (rows: readonly (readonly number[])[]): number => mean(rows.flat());

/** The trainer's batch sample (src/trainer/trainer.ts, private): originals first, then the replays. */
interface BatchSample {
  readonly group: string;
  readonly instruction: string;
  readonly tokens: readonly string[];
  readonly reward: number;
  readonly old: readonly number[];
  readonly ref: readonly number[];
}

/**
 * The advantages as the trainer computes them (REINFORCE++ with the in-reward KL; see
 * Trainer.update), optionally whitened with the originals' statistics only: the
 * `whiten-originals` intervention, where replays no longer move the baseline that
 * every original is measured against.
 */
function advantagesOf(samples: readonly BatchSample[], originals: number, config: TrainConfig, intervention: string): { adv: AdvantageSample[]; advantages: number[][] } {
  const adv = samples.map((x) => ({ group: x.group, reward: x.reward, kl: x.old.map((o, t) => klTerm(o, x.ref[t] as number, config.advantage.klEstimator)) }));
  return { adv, advantages: advantagesFor(adv, samples, originals, config, intervention) };
}

function advantagesFor(adv: readonly AdvantageSample[], samples: readonly BatchSample[], originals: number, config: TrainConfig, intervention: string): number[][] {
  if (intervention === "mute-replayed-originals") {
    // The failed originals that are replayed this step get advantage 0: their text is
    // pushed only by the replay, under q', and no longer down under q.
    const replayed = new Set(samples.slice(originals).map((x) => x.tokens.join("\u0000")));
    return reinforcePlusPlus(adv, config.advantage.klBeta).map((row, i) => (i < originals && replayed.has((samples[i] as BatchSample).tokens.join("\u0000")) ? row.map(() => 0) : row));
  }
  if (intervention !== "whiten-originals") return reinforcePlusPlus(adv, config.advantage.klBeta);
  const returns = tokenReturns(adv, config.advantage.klBeta);
  return whiten(returns, returns.slice(0, originals));
}

/**
 * Wraps the trainer's private `batch` step (a diagnostic reaching inside on purpose:
 * the trainer exposes no hook between building the batch and updating) to score the
 * replays with the policy the update starts from.
 */
class Recorder {
  replays: BatchSample[] = [];
  originals: BatchSample[] = [];
  /** Replays scored under the instruction they are trained with, and under their source's q. */
  atTrain: TokenScores[] = [];
  atSource: TokenScores[] = [];
  constructor(
    private readonly policy: Policy,
    private readonly temperature: number,
  ) {}
  advantages: number[][] = [];
  advSamples: AdvantageSample[] = [];
  sources: string[] = [];
  attach(trainer: Trainer, config: TrainConfig, intervention: string): void {
    const t = trainer as unknown as {
      batch: (tasks: unknown, groups: unknown, selected: readonly { source: { rollout: { instruction: string } } }[]) => Promise<BatchSample[]>;
      update: (s: number, samples: readonly BatchSample[]) => Promise<unknown>;
      optimize: (items: readonly UpdateItem[], s: number) => Promise<UpdateStats[]>;
    };
    if (intervention !== "none") {
      // Trainer.update with the advantages replaced (the same items and PPO updates otherwise).
      t.update = async (s, samples) => {
        // The batch wrapper below has just computed them for these samples.
        const items = samples.map((x, i) => ({ instruction: x.instruction, tokens: x.tokens, advantages: this.advantages[i] as number[], oldLogprobs: x.old, refLogprobs: x.ref }));
        return { advSamples: this.advSamples, stats: await t.optimize(items, s) };
      };
    }
    const inner = t.batch.bind(trainer);
    t.batch = async (tasks, groups, selected) => {
      const samples = await inner(tasks, groups, selected);
      this.originals = samples.slice(0, samples.length - selected.length);
      this.replays = samples.slice(samples.length - selected.length);
      const opt = { temperature: this.temperature };
      this.atTrain = this.replays.length > 0 ? await this.policy.logProbs(this.replays.map((x) => ({ instruction: x.instruction, tokens: x.tokens })), opt) : [];
      this.atSource =
        this.replays.length > 0 ? await this.policy.logProbs(selected.map((c, i) => ({ instruction: c.source.rollout.instruction, tokens: (this.replays[i] as BatchSample).tokens })), opt) : [];
      this.sources = selected.map((c) => c.source.rollout.instruction);
      ({ adv: this.advSamples, advantages: this.advantages } = advantagesOf(samples, this.originals.length, config, intervention));
      return samples;
    };
  }
}

async function entropyAlong(policy: Policy, requests: readonly ScoreRequest[], temperature: number): Promise<number> {
  if (requests.length === 0) return NaN;
  return tokenMean((await policy.logProbs(requests, { temperature })).map((s) => s.entropies));
}

async function runOne(arm: Arm, seed: number, o: { beta: number; steps: number; probeEvery: number; policy: string; intervention: string; extra: unknown }): Promise<{ steps: StepRow[]; probes: ProbeRow[] }> {
  const config: TrainConfig = resolveConfig(deepMerge(deepMerge({ preset: "paper" }, o.extra), { arm, seed, steps: o.steps, advantage: { klBeta: o.beta }, policy: { kind: o.policy } }));
  const tasks = loadTasks(config.data, repoRoot);
  const context = { instructions: tasks.train.map((e) => e.instruction()) };
  const policy = createPolicy(config, context);
  const trainer = new Trainer({ config, train: tasks.train, heldOut: tasks.heldOut, policy, reference: createPolicy(config, context) });
  const rec = new Recorder(policy, config.rollout.temperature);
  rec.attach(trainer, config, o.intervention);
  const T = config.rollout.temperature;
  // Fixed probe texts: one step-0 sample per instruction, drawn from a stream of its own.
  const sample = async (instructions: readonly string[]): Promise<ScoreRequest[]> =>
    (await policy.generate(instructions, { temperature: T, rng: Rng.seeded(seed, 0, 0x9b0be), maxTokens: config.rollout.maxTokens })).map((r) => ({ instruction: r.instruction, tokens: r.tokens }));
  const probeQ = await sample(tasks.train.slice(0, 32).map((e) => e.instruction()));
  const probeHeld = await sample(tasks.heldOut.map((e) => e.instruction()));
  let probeQPrime: ScoreRequest[] = [];
  const steps: StepRow[] = [];
  const probes: ProbeRow[] = [];
  const probe = async (step: number) =>
    probes.push({ step, probeQ: await entropyAlong(policy, probeQ, T), probeQPrime: await entropyAlong(policy, probeQPrime, T), probeHeld: await entropyAlong(policy, probeHeld, T) });
  for (let s = 1; s <= o.steps; s++) {
    const { metrics } = await trainer.runStep();
    const { originals, replays } = rec;
    if (s === 1) probeQPrime = replays.filter((x, i) => rec.sources[i] !== x.instruction).slice(0, 32).map((x) => ({ instruction: x.instruction, tokens: x.tokens }));
    steps.push({
      step: s,
      entropy: metrics.entropy,
      kl: metrics.kl,
      trainIla: metrics.train?.ila ?? NaN,
      replays: replays.length,
      ratio: tokenMean(rec.atTrain.map((x, i) => x.logprobs.map((l, t) => l - ((replays[i] as BatchSample).old[t] as number)))),
      hTrain: tokenMean(rec.atTrain.map((x) => x.entropies)),
      hSource: tokenMean(rec.atSource.map((x) => x.entropies)),
      advReplay: tokenMean(rec.advantages.slice(originals.length)),
      advFailed: tokenMean(rec.advantages.slice(0, originals.length).filter((_, i) => (originals[i] as BatchSample).reward < 1)),
      length: mean(originals.map((x) => x.tokens.length)),
    });
    if (s === 1 || s % o.probeEvery === 0) await probe(s);
  }
  return { steps, probes };
}

async function main(): Promise<void> {
  const arms = arg("arms", "hir,no-relabel,binary,random-replay").split(",") as Arm[];
  const seeds = arg("seeds", "1,2,3").split(",").map(Number);
  const configFile = arg("config", "");
  const o = { beta: Number(arg("beta", "0.001")), steps: Number(arg("steps", "80")), probeEvery: Number(arg("probe-every", "10")), policy: arg("policy", "embedded"), intervention: arg("intervention", "none"), extra: configFile ? JSON.parse(readFileSync(configFile, "utf8")) : {} };
  const name = arg("name", "collapse-diagnostics");
  const runs: { arm: Arm; seed: number; steps: StepRow[]; probes: ProbeRow[] }[] = [];
  for (const arm of arms)
    for (const seed of seeds) {
      const t0 = performance.now();
      runs.push({ arm, seed, ...(await runOne(arm, seed, o)) });
      const last = runs[runs.length - 1]?.steps.at(-1);
      console.error(`${arm} seed ${seed}: entropy ${last?.entropy.toFixed(2)}, kl ${last?.kl.toFixed(2)}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  const at = (arm: Arm, step: number, f: (r: StepRow) => number) => mean(runs.filter((r) => r.arm === arm).map((r) => f(r.steps[step - 1] as StepRow)));
  const atProbe = (arm: Arm, step: number, f: (r: ProbeRow) => number) => mean(runs.filter((r) => r.arm === arm).map((r) => f(r.probes.find((p) => p.step === step) as ProbeRow)));
  const checkpoints = [1, ...Array.from({ length: Math.floor(o.steps / o.probeEvery) }, (_, i) => (i + 1) * o.probeEvery)];
  const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "-");
  const series = (label: string, f: (a: Arm, s: number) => number) => [`| ${label} | ${checkpoints.join(" | ")} |`, `| --- |${checkpoints.map(() => " --- |").join("")}`, ...arms.map((a) => `| ${a} | ${checkpoints.map((s) => f3(f(a, s))).join(" | ")} |`), ""];
  const command = `npx tsx bench/collapse-diagnostics.ts ${process.argv.slice(2).join(" ")}`.trim();
  const md = [
    `# Collapse diagnostics (${name})`,
    "",
    `Command: \`${command}\``,
    "",
    `Policy ${o.policy}, intervention ${o.intervention}, preset paper, beta ${o.beta}, seeds ${seeds.join(", ")}, ${o.steps} steps; every figure is the mean over seeds. Step columns.`,
    "",
    "Mean token entropy of the step's original rollouts:",
    "",
    ...series("arm", (a, s) => at(a, s, (r) => r.entropy)),
    "KL to the reference (token mean, in-reward estimator):",
    "",
    ...series("arm", (a, s) => at(a, s, (r) => r.kl)),
    "Replays, before the step's first update: token-mean log pi(y | training instruction) - log pi_old(y | source q) (PPO's first log-ratio):",
    "",
    ...series("arm", (a, s) => at(a, s, (r) => r.ratio)),
    "Replays, before the update: mean token entropy along the text under the instruction trained on (q' for hir):",
    "",
    ...series("arm", (a, s) => at(a, s, (r) => r.hTrain)),
    "... and under the source's q:",
    "",
    ...series("arm", (a, s) => at(a, s, (r) => r.hSource)),
    "Replays per step:",
    "",
    ...series("arm", (a, s) => at(a, s, (r) => r.replays)),
    "Mean advantage per token of the replays:",
    "",
    ...series("arm", (a, s) => at(a, s, (r) => r.advReplay)),
    "Mean advantage per token of the failed originals (reward below 1):",
    "",
    ...series("arm", (a, s) => at(a, s, (r) => r.advFailed)),
    "Mean length of the original rollouts (tokens):",
    "",
    ...series("arm", (a, s) => at(a, s, (r) => r.length)),
    "Probe entropy (teacher-forced along fixed step-0 texts) on 32 training instructions:",
    "",
    ...series("arm", (a, s) => atProbe(a, s, (p) => p.probeQ)),
    "... on up to 32 hindsight instructions q' (step 1's replays of this arm; none for no-relabel and binary):",
    "",
    ...series("arm", (a, s) => atProbe(a, s, (p) => p.probeQPrime)),
    "... on the held-out instructions:",
    "",
    ...series("arm", (a, s) => atProbe(a, s, (p) => p.probeHeld)),
  ].join("\n");
  console.log(md);
  const dir = path.join(repoRoot, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.md`), `${md}\n`);
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify({ command, options: o, runs }, null, 1)}\n`);
}

await main();
