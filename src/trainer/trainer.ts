/**
 * One HiR training step, independent of the policy's implementation and of the
 * run directory (run.ts):
 *
 * `runStep` calls one method per phase:
 *  1. sample and verify (`rollouts`): B tasks, m responses each (per-token
 *     log-probs and entropies), binary reward (or CLA for `fraction`) and CLA;
 *  2. rewrite and select (`selectReplays`, replay arms only): every failure with
 *     0 < CLA < 1 asks the compiled rules for a hindsight rewrite (re-verified by
 *     the runtime, audited and written to the ledger by candidates.ts); eligible
 *     ones are scored lambda_s * CLA + mean entropy (+ quality bonus) and the top
 *     k per group or k*B globally are selected (uniformly at random for
 *     `random-replay`); a shortfall is handled per `selection.shortfall`;
 *  3. batch (`batch`): originals + replays (reward 1, under q') with their old
 *     and reference log-probs;
 *  4. update (`update`): in-reward KL, advantages (REINFORCE++ or GRPO), PPO;
 *  5. measure (`stepMetrics`).
 *
 * All randomness of step s comes from streams seeded by (seed, s, purpose), so a
 * step is a pure function of the seed, the step number and the policy state:
 * resuming from a checkpoint reproduces an uninterrupted run exactly.
 */
import { grpo, klTerm, reinforcePlusPlus, type AdvantageSample } from "./advantages.js";
import { armRelabels, armReplays, rewardMode, type TrainConfig } from "./config.js";
import { mean, StepCandidates, type Candidate, type Scored } from "./candidates.js";
import { allPass, cla, type ConstraintVerdict, type HindsightResult, type TaskEnv } from "./env.js";
import type { Policy, TokenScores, UpdateItem, UpdateStats } from "./policy/types.js";
import type { Accuracy, LedgerEntry, StepMetrics } from "./records.js";
import { Rng } from "./rng.js";
import { lambdaAt, selectRandom, selectTop } from "./selection.js";

export const STREAM = { tasks: 1, rollouts: 2, extra: 3, select: 4, minibatch: 5, eval: 6 } as const;

export interface StepResult {
  readonly metrics: StepMetrics;
  readonly ledger: LedgerEntry[];
}

interface Sample {
  readonly group: string;
  readonly instruction: string;
  readonly tokens: readonly string[];
  readonly reward: number;
  readonly old: readonly number[];
  readonly ref: readonly number[];
}

export interface TrainerInit {
  readonly config: TrainConfig;
  readonly train: readonly TaskEnv[];
  readonly heldOut: readonly TaskEnv[];
  readonly policy: Policy;
  /** The frozen reference policy for the KL penalty (the initial policy). */
  readonly reference: Policy;
}

export function accuracy(results: readonly { pass: boolean; cla: number }[]): Accuracy {
  return { ila: mean(results.map((r) => (r.pass ? 1 : 0))), cla: mean(results.map((r) => r.cla)), n: results.length };
}

/**
 * Verdicts for each (task, response), verifying a response a task has already
 * seen in this call only once: sampled texts repeat, more so as a policy
 * sharpens, and a synchronous (hard-constraint) verdict is a pure function of
 * the contract, the task's inputs and instruction, and the text. Judged
 * (asynchronous) verdicts are never shared: a judge may answer differently.
 */
export function verifyEach(items: readonly { env: TaskEnv; text: string }[]): (ConstraintVerdict[] | Promise<ConstraintVerdict[]>)[] {
  const seen = new Map<TaskEnv, Map<string, ConstraintVerdict[]>>();
  return items.map(({ env, text }) => {
    let byText = seen.get(env);
    const hit = byText?.get(text);
    if (hit) return hit;
    const v = env.verify(text);
    if (!(v instanceof Promise)) {
      if (!byText) seen.set(env, (byText = new Map<string, ConstraintVerdict[]>()));
      byText.set(text, v);
    }
    return v;
  });
}

export class Trainer {
  /** Completed steps. */
  step = 0;
  private readonly cfg: TrainConfig;
  private readonly epochOrders = new Map<number, number[]>();

  constructor(private readonly init: TrainerInit) {
    this.cfg = init.config;
    if (init.train.length === 0) throw new Error("trainer: the training set is empty");
  }

  private rng(step: number, stream: number): Rng {
    return Rng.seeded(this.cfg.seed, step, stream);
  }

  /** The tasks of step s: a walk over seeded shuffles of the training set, or uniform draws. */
  tasksFor(step: number): TaskEnv[] {
    const { prompts, sampling } = this.cfg.batch;
    const n = this.init.train.length;
    const out: TaskEnv[] = [];
    if (sampling === "uniform") {
      const rng = this.rng(step, STREAM.tasks);
      for (let j = 0; j < prompts; j++) out.push(this.init.train[rng.int(n)] as TaskEnv);
      return out;
    }
    for (let j = 0; j < prompts; j++) {
      const i = (step - 1) * prompts + j;
      const epoch = Math.floor(i / n);
      let order = this.epochOrders.get(epoch);
      if (!order) {
        order = Rng.seeded(this.cfg.seed, epoch, 0x7a5c).shuffled([...Array(n).keys()]);
        if (this.epochOrders.size > 8) this.epochOrders.clear();
        this.epochOrders.set(epoch, order);
      }
      out.push(this.init.train[order[i % n] as number] as TaskEnv);
    }
    return out;
  }

  /**
   * Samples `count` responses per task in one batched `generate` call (a local policy
   * draws from `rng` in task order, then sample order, as before batching) and
   * verifies them, judged ones concurrently. Result: one group per task.
   */
  private async rollouts(tasks: readonly TaskEnv[], count: number, rng: Rng): Promise<Scored[][]> {
    const instructions = tasks.flatMap((env) => {
      const q = env.instruction();
      return Array.from({ length: count }, () => q);
    });
    const rs = await this.init.policy.generate(instructions, {
      temperature: this.cfg.rollout.temperature,
      rng,
      maxTokens: this.cfg.rollout.maxTokens,
    });
    return Promise.all(
      tasks.map((env, g) =>
        Promise.all(
          rs.slice(g * count, (g + 1) * count).map(async (rollout) => {
            const verdicts = await env.verify(rollout.text);
            return { rollout, verdicts, pass: allPass(verdicts), cla: cla(verdicts) };
          }),
        ),
      ),
    );
  }

  /** Runs step `this.step + 1`: sample and verify, rewrite and select, build the batch, update, measure. */
  async runStep(): Promise<StepResult> {
    const t0 = performance.now();
    const s = this.step + 1;
    const tasks = this.tasksFor(s);
    // Generation draws from the rollout stream in task order before any verification is awaited.
    const groups = await this.rollouts(tasks, this.cfg.batch.rolloutsPerPrompt, this.rng(s, STREAM.rollouts));
    const replay = new StepCandidates(s, tasks, lambdaAt(s, this.cfg.selection), this.cfg);
    const selected = armReplays(this.cfg.arm) ? await this.selectReplays(s, tasks, groups, replay) : [];
    const samples = await this.batch(tasks, groups, selected);
    const { advSamples, stats } = await this.update(s, samples);
    const metrics = this.stepMetrics(s, tasks, groups, replay, selected, advSamples, stats, performance.now() - t0);
    this.step = s;
    return { metrics, ledger: replay.ledger };
  }

  /** The hindsight outcome of failure `r` of group `g` (null when nothing passed: there is nothing to keep). */
  private outcome(tasks: readonly TaskEnv[], g: number, r: Scored): HindsightResult | null | Promise<HindsightResult | null> {
    return r.cla === 0 ? null : (tasks[g] as TaskEnv).hindsight(r.verdicts, r.rollout.text);
  }

  /**
   * Rewrites every failure (concurrently; the ledger is written in rollout order),
   * selects the replays, and on a shortfall with `resample` draws extra rollouts
   * as replay sources until the budget or the need runs out.
   */
  private async selectReplays(s: number, tasks: readonly TaskEnv[], groups: readonly Scored[][], replay: StepCandidates): Promise<Candidate[]> {
    const cfg = this.cfg;
    const B = tasks.length;
    const { rolloutsPerPrompt: m, replaysPerPrompt: k } = cfg.batch;
    const failed = groups.flatMap((grp, g) => grp.flatMap((r, i) => (r.pass ? [] : [{ g, i, r }])));
    const outcomes = await Promise.all(failed.map((f) => this.outcome(tasks, f.g, f.r)));
    failed.forEach((f, j) => replay.consider(f.g, f.i, f.r, false, outcomes[j] ?? null));
    let selected = this.select(replay.candidates, B, s);
    const target = k * B; // k per group, or k*B over the batch: the same count either way
    if (cfg.selection.shortfall === "resample" && selected.length < target) {
      const extraRng = this.rng(s, STREAM.extra);
      const nextIndex = groups.map(() => m);
      let budget = cfg.selection.resampleBudget;
      const needy = (): number[] => {
        if (cfg.selection.scope === "global") return replay.candidates.length >= target ? [] : [...Array(B).keys()];
        const have = new Array<number>(B).fill(0);
        for (const c of replay.candidates) have[c.group] = (have[c.group] as number) + 1;
        return [...Array(B).keys()].filter((g) => (have[g] as number) < k);
      };
      let want = needy();
      while (budget > 0 && want.length > 0) {
        for (const g of want) {
          if (budget <= 0) break;
          budget--;
          replay.extraRollouts++;
          const [[r]] = (await this.rollouts([tasks[g] as TaskEnv], 1, extraRng)) as [[Scored]];
          const index = nextIndex[g] as number;
          nextIndex[g] = index + 1;
          if (r.pass) continue;
          replay.consider(g, index, r, true, await this.outcome(tasks, g, r));
        }
        want = needy();
      }
      selected = this.select(replay.candidates, B, s);
    }
    replay.markSelected(selected);
    return selected;
  }

  /**
   * The batch: every original (reward per the arm; reference log-probs in one
   * batched call) and the selected replays (reward 1, under q' or, for
   * no-relabel, under q), with old and reference log-probs per `replay.oldLogprobs`.
   */
  private async batch(tasks: readonly TaskEnv[], groups: readonly Scored[][], selected: readonly Candidate[]): Promise<Sample[]> {
    const cfg = this.cfg;
    const temperature = cfg.rollout.temperature;
    const reward = rewardMode(cfg.arm);
    const samples: Sample[] = [];
    const refOf = new Map<Scored, readonly number[]>();
    const originals = groups.flatMap((grp, g) => grp.map((r) => ({ r, q: (tasks[g] as TaskEnv).instruction(), g })));
    const refs = await this.init.reference.logProbs(originals.map((o) => ({ instruction: o.q, tokens: o.r.rollout.tokens })), { temperature });
    originals.forEach((o, i) => {
      const ref = (refs[i] as TokenScores).logprobs;
      refOf.set(o.r, ref);
      samples.push({ group: String(o.g), instruction: o.q, tokens: o.r.rollout.tokens, reward: reward === "binary" ? (o.r.pass ? 1 : 0) : o.r.cla, old: o.r.rollout.logprobs, ref });
    });
    // Replays: log-probs under q' (or the source's reference log-probs when missing), batched per policy.
    // no-relabel trains under q, so its log-probs are always the original sample's.
    const relabel = armRelabels(cfg.arm);
    const original = cfg.replay.oldLogprobs === "original" || !relabel;
    const refNeeded = selected.filter((c) => !original || !refOf.has(c.source));
    const refRequests = refNeeded.map((c) => ({ instruction: original ? c.source.rollout.instruction : c.rewrite.instruction, tokens: c.source.rollout.tokens }));
    const replayRefs = refRequests.length > 0 ? await this.init.reference.logProbs(refRequests, { temperature }) : [];
    const refOfReplay = new Map(refNeeded.map((c, i) => [c, (replayRefs[i] as TokenScores).logprobs]));
    const oldRequests = original ? [] : selected.map((c) => ({ instruction: c.rewrite.instruction, tokens: c.source.rollout.tokens }));
    const replayOlds = oldRequests.length > 0 ? await this.init.policy.logProbs(oldRequests, { temperature }) : [];
    const groupOf = (c: Candidate) => (cfg.advantage.estimator === "grpo" && cfg.advantage.replayGroup === "own" ? `${c.group}:replay` : String(c.group));
    selected.forEach((c, i) => {
      const tokens = c.source.rollout.tokens;
      if (!relabel) {
        // The no-relabel control: the same selected failures, reward 1, under their ORIGINAL
        // instruction q, so old and reference log-probs are exactly the source's.
        samples.push({ group: groupOf(c), instruction: c.source.rollout.instruction, tokens, reward: 1, old: c.source.rollout.logprobs, ref: refOf.get(c.source) ?? (refOfReplay.get(c) as readonly number[]) });
        return;
      }
      const old = original ? c.source.rollout.logprobs : (replayOlds[i] as TokenScores).logprobs;
      const ref = (original ? refOf.get(c.source) : undefined) ?? (refOfReplay.get(c) as readonly number[]);
      samples.push({ group: groupOf(c), instruction: c.rewrite.instruction, tokens, reward: 1, old, ref });
    });
    return samples;
  }

  /** In-reward KL, advantages (REINFORCE++ or GRPO) and the PPO updates. */
  private async update(s: number, samples: readonly Sample[]): Promise<{ advSamples: AdvantageSample[]; stats: UpdateStats[] }> {
    const cfg = this.cfg;
    const advSamples: AdvantageSample[] = samples.map((x) => ({
      group: x.group,
      reward: x.reward,
      kl: x.old.map((o, t) => klTerm(o, x.ref[t] as number, cfg.advantage.klEstimator)),
    }));
    const advantages =
      cfg.advantage.estimator === "grpo"
        ? grpo(advSamples, cfg.advantage.klBeta, { useStd: cfg.advantage.grpoStd, epsilon: cfg.advantage.epsilon })
        : reinforcePlusPlus(advSamples, cfg.advantage.klBeta);
    const items: UpdateItem[] = samples.map((x, i) => ({
      instruction: x.instruction,
      tokens: x.tokens,
      advantages: advantages[i] as number[],
      oldLogprobs: x.old,
      refLogprobs: x.ref,
    }));
    return { advSamples, stats: await this.optimize(items, s) };
  }

  private stepMetrics(
    s: number,
    tasks: readonly TaskEnv[],
    groups: readonly Scored[][],
    replay: StepCandidates,
    selected: readonly Candidate[],
    advSamples: readonly AdvantageSample[],
    stats: readonly UpdateStats[],
    timeMs: number,
  ): StepMetrics {
    const cfg = this.cfg;
    const originals = groups.flat();
    const passRates = Object.create(null) as Record<string, [number, number]>;
    groups.forEach((grp, g) => {
      const c = (tasks[g] as TaskEnv).contractId;
      for (const r of grp) for (const v of r.verdicts) {
        const key = `${c}.${v.id}`;
        const a = passRates[key] ?? (passRates[key] = [0, 0]);
        a[0] += v.status === "pass" ? 1 : 0;
        a[1] += 1;
      }
    });
    let klSum = 0;
    let klN = 0;
    for (const a of advSamples) for (const x of a.kl) {
      klSum += x;
      klN++;
    }
    return {
      step: s,
      arm: cfg.arm,
      seed: cfg.seed,
      train: accuracy(originals),
      heldOut: null,
      rollouts: originals.length,
      extraRollouts: replay.extraRollouts,
      failures: replay.failures,
      candidates: replay.candidates.length,
      replays: selected.length,
      replayTarget: armReplays(cfg.arm) ? cfg.batch.replaysPerPrompt * tasks.length : 0,
      refusals: replay.sortedRefusals(),
      lambda: lambdaAt(s, cfg.selection),
      entropy: mean(originals.flatMap((r) => r.rollout.entropies)),
      kl: klN > 0 ? klSum / klN : 0,
      clipFraction: mean(stats.map((x) => x.clipFraction)),
      loss: mean(stats.map((x) => x.loss)),
      ppoKl: mean(stats.map((x) => x.ppoKl)),
      gradNorm: mean(stats.map((x) => x.gradNorm)),
      meanTokens: mean(originals.map((r) => r.rollout.tokens.length)),
      constraintPassRates: Object.fromEntries(Object.keys(passRates).sort().map((key) => [key, (passRates[key] as [number, number])[0] / (passRates[key] as [number, number])[1]])),
      timeMs,
    };
  }

  private select(cands: readonly Candidate[], groups: number, step: number): Candidate[] {
    const { scope } = this.cfg.selection;
    const k = this.cfg.batch.replaysPerPrompt;
    if (this.cfg.arm === "random-replay") return selectRandom(cands, scope, k, groups, this.rng(step, STREAM.select));
    return selectTop(cands, scope, k, groups);
  }

  private async optimize(items: readonly UpdateItem[], step: number): Promise<UpdateStats[]> {
    const { updatesPerStep, updateMode, clip, entropyCoeff } = this.cfg.ppo;
    const opts = { clip, entropyCoeff, temperature: this.cfg.rollout.temperature };
    const out: UpdateStats[] = [];
    if (items.length === 0) return out;
    if (updateMode === "epochs") {
      for (let u = 0; u < updatesPerStep; u++) out.push(await this.init.policy.update(items, opts));
      return out;
    }
    const order = this.rng(step, STREAM.minibatch).shuffled([...items.keys()]);
    const size = Math.ceil(order.length / updatesPerStep);
    for (let u = 0; u < updatesPerStep; u++) {
      const chunk = order.slice(u * size, (u + 1) * size).map((i) => items[i] as UpdateItem);
      if (chunk.length > 0) out.push(await this.init.policy.update(chunk, opts));
    }
    return out;
  }

  /** Held-out accuracy of the current policy (sampling streams depend only on the seed and `step`). */
  async evaluate(step: number, envs: readonly TaskEnv[] = this.init.heldOut): Promise<Accuracy> {
    const rng = this.rng(step, STREAM.eval);
    const n = this.cfg.eval.samplesPerTask;
    // One batched call; a local policy draws from `rng` in task order, then sample order.
    const rs = await this.init.policy.generate(
      envs.flatMap((env) => {
        const q = env.instruction();
        return Array.from({ length: n }, () => q);
      }),
      { temperature: this.cfg.eval.temperature, rng, maxTokens: this.cfg.rollout.maxTokens },
    );
    const pending = verifyEach(rs.map((r, i) => ({ env: envs[Math.floor(i / n)] as TaskEnv, text: r.text })));
    const results = (await Promise.all(pending)).map((v) => ({ pass: allPass(v), cla: cla(v) }));
    return accuracy(results);
  }
}
