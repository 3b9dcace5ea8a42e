/**
 * One HiR training step, independent of the policy's implementation and of the
 * run directory (run.ts):
 *
 *  1. pick B tasks; sample m responses each (per-token log-probs and entropies);
 *  2. verify: binary instruction-level reward (or CLA for the `fraction` arm) and CLA;
 *  3. replay arms: every failure with 0 < CLA < 1 asks the compiled rules for a
 *     hindsight rewrite (re-verified by the runtime, audited here); eligible ones
 *     are scored lambda_s * CLA + mean entropy (+ quality bonus) and the top k per
 *     group or k*B globally are selected (uniformly at random for `random-replay`);
 *     a shortfall is handled per `selection.shortfall`;
 *  4. batch = originals + replays (reward 1, under q'); in-reward KL; advantages
 *     (REINFORCE++ or GRPO); PPO updates.
 *
 * All randomness of step s comes from streams seeded by (seed, s, purpose), so a
 * step is a pure function of the seed, the step number and the policy state:
 * resuming from a checkpoint reproduces an uninterrupted run exactly.
 */
import { grpo, klTerm, reinforcePlusPlus, type AdvantageSample } from "./advantages.js";
import { armRelabels, armReplays, rewardMode, type TrainConfig } from "./config.js";
import { allPass, auditRewrite, cla, dropLabel, type ConstraintVerdict, type HindsightOutcome, type Rewrite, type TaskEnv } from "./env.js";
import { sha256Hex } from "./hash.js";
import type { Policy, Rollout, TokenScores, UpdateItem, UpdateStats } from "./policy/types.js";
import type { Accuracy, LedgerEntry, StepMetrics } from "./records.js";
import { Rng } from "./rng.js";
import { lambdaAt, scoreParts, selectRandom, selectTop, type ScoreParts } from "./selection.js";

export const STREAM = { tasks: 1, rollouts: 2, extra: 3, select: 4, minibatch: 5, eval: 6 } as const;

export interface StepResult {
  readonly metrics: StepMetrics;
  readonly ledger: LedgerEntry[];
}

interface Scored {
  readonly rollout: Rollout;
  readonly verdicts: ConstraintVerdict[];
  readonly pass: boolean;
  readonly cla: number;
}

interface Candidate {
  readonly group: number;
  readonly index: number;
  readonly score: number;
  readonly parts: ScoreParts;
  readonly rewrite: Rewrite;
  readonly source: Scored;
  readonly ledger: number;
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

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function accuracy(results: readonly { pass: boolean; cla: number }[]): Accuracy {
  return { ila: mean(results.map((r) => (r.pass ? 1 : 0))), cla: mean(results.map((r) => r.cla)), n: results.length };
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

  /** Runs step `this.step + 1`. */
  async runStep(): Promise<StepResult> {
    const t0 = performance.now();
    const s = this.step + 1;
    const cfg = this.cfg;
    const { rolloutsPerPrompt: m, replaysPerPrompt: k } = cfg.batch;
    const tasks = this.tasksFor(s);
    const B = tasks.length;
    const lambda = lambdaAt(s, cfg.selection);
    const rolloutRng = this.rng(s, STREAM.rollouts);
    // Generation draws from rolloutRng in task order before any verification is awaited.
    const groups = await this.rollouts(tasks, m, rolloutRng);
    const replaying = armReplays(cfg.arm);
    const reward = rewardMode(cfg.arm);

    // ---- candidates and selection
    const ledger: LedgerEntry[] = [];
    const refusals = Object.create(null) as Record<string, number>;
    const candidates: Candidate[] = [];
    let failures = 0;
    /** Records failure `r` (with its hindsight outcome `h`, computed unless nothing passed) in the ledger, as a candidate or a refusal. */
    const consider = (g: number, index: number, r: Scored, extra: boolean, h: HindsightOutcome | null): void => {
      const env = tasks[g] as TaskEnv;
      const base = {
        step: s,
        prompt: env.id,
        contract: env.contractId,
        group: g,
        index,
        extra,
        response: sha256Hex(r.rollout.text),
        ...(cfg.ledger.texts ? { responseText: r.rollout.text } : {}),
        cla: r.cla,
        verdicts: Object.fromEntries(r.verdicts.map((v) => [v.id, v.status])),
      };
      const refuse = (reason: string, constraints: readonly string[]) => {
        refusals[reason] = (refusals[reason] ?? 0) + 1;
        ledger.push({ ...base, eligible: false, score: null, selected: false, rewrite: null, refusal: { reason, constraints: [...constraints] } });
      };
      if (r.cla === 0 || h === null) return refuse("nothing-passed", []);
      if (h.kind === "success") return refuse("not-a-failure", []);
      if (h.kind === "refused") return refuse(h.reason, h.constraints);
      const violation = auditRewrite(env, r.verdicts, h);
      if (violation !== undefined) return refuse(`audit:${violation.split(":")[0]}`, [violation]);
      const quality = r.verdicts.filter((v) => v.role === "quality");
      const parts = scoreParts(
        {
          cla: r.cla,
          meanEntropy: mean(r.rollout.entropies),
          qualityFraction: quality.length === 0 ? undefined : quality.filter((v) => v.status === "pass").length / quality.length,
        },
        lambda,
        cfg.selection.qualityWeight,
      );
      ledger.push({
        ...base,
        eligible: true,
        score: parts,
        selected: false,
        rewrite: {
          kept: [...h.kept],
          dropped: h.dropped.map((d) => ({ id: d.id, cause: dropLabel(d) })),
          instruction: sha256Hex(h.instruction),
          ...(cfg.ledger.texts ? { instructionText: h.instruction } : {}),
          reverified: Object.fromEntries(h.reverification.map((v) => [v.id, v.status])),
        },
        refusal: null,
      });
      candidates.push({ group: g, index, score: parts.score, parts, rewrite: h, source: r, ledger: ledger.length - 1 });
    };
    const target = k * B; // k per group, or k*B over the batch: the same count either way
    let extraRollouts = 0;
    let selected: Candidate[] = [];
    const outcome = (g: number, r: Scored): HindsightOutcome | null | Promise<HindsightOutcome | null> =>
      r.cla === 0 ? null : (tasks[g] as TaskEnv).hindsight(r.verdicts, r.rollout.text);
    if (replaying) {
      const failed = groups.flatMap((grp, g) => grp.flatMap((r, i) => (r.pass ? [] : [{ g, i, r }])));
      // Rewrites (and their judged re-verification) run concurrently; the ledger is written in rollout order.
      const outcomes = await Promise.all(failed.map((f) => outcome(f.g, f.r)));
      failed.forEach((f, j) => {
        failures++;
        consider(f.g, f.i, f.r, false, outcomes[j] ?? null);
      });
      selected = this.select(candidates, B, s);
      if (cfg.selection.shortfall === "resample" && selected.length < target) {
        const extraRng = this.rng(s, STREAM.extra);
        const nextIndex = groups.map(() => m);
        let budget = cfg.selection.resampleBudget;
        const needy = (): number[] => {
          if (cfg.selection.scope === "global") return candidates.length >= target ? [] : [...Array(B).keys()];
          const have = new Array<number>(B).fill(0);
          for (const c of candidates) have[c.group] = (have[c.group] as number) + 1;
          return [...Array(B).keys()].filter((g) => (have[g] as number) < k);
        };
        let want = needy();
        while (budget > 0 && want.length > 0) {
          for (const g of want) {
            if (budget <= 0) break;
            budget--;
            extraRollouts++;
            const [[r]] = (await this.rollouts([tasks[g] as TaskEnv], 1, extraRng)) as [[Scored]];
            const index = nextIndex[g] as number;
            nextIndex[g] = index + 1;
            if (r.pass) continue;
            failures++;
            consider(g, index, r, true, await outcome(g, r));
          }
          want = needy();
        }
        selected = this.select(candidates, B, s);
      }
      for (const c of selected) {
        const e = ledger[c.ledger] as LedgerEntry;
        ledger[c.ledger] = { ...e, selected: true };
      }
    }

    // ---- batch
    const temperature = cfg.rollout.temperature;
    const samples: Sample[] = [];
    const refOf = new Map<Scored, readonly number[]>();
    // Reference log-probs of every original in one batched call.
    const originals0 = groups.flatMap((grp, g) => grp.map((r) => ({ r, q: (tasks[g] as TaskEnv).instruction(), g })));
    const refs = await this.init.reference.logProbs(originals0.map((o) => ({ instruction: o.q, tokens: o.r.rollout.tokens })), { temperature });
    originals0.forEach((o, i) => {
      const ref = (refs[i] as TokenScores).logprobs;
      refOf.set(o.r, ref);
      samples.push({ group: String(o.g), instruction: o.q, tokens: o.r.rollout.tokens, reward: reward === "binary" ? (o.r.pass ? 1 : 0) : o.r.cla, old: o.r.rollout.logprobs, ref });
    });
    // Replays: log-probs under q' (or the source's reference log-probs when missing), batched per policy.
    // no-relabel trains under q, so its log-probs are always the original sample's.
    const original = cfg.replay.oldLogprobs === "original" || !armRelabels(cfg.arm);
    const refNeeded = selected.filter((c) => !original || !refOf.has(c.source));
    const refRequests = refNeeded.map((c) => ({ instruction: original ? c.source.rollout.instruction : c.rewrite.instruction, tokens: c.source.rollout.tokens }));
    const replayRefs = refRequests.length > 0 ? await this.init.reference.logProbs(refRequests, { temperature }) : [];
    const refOfReplay = new Map(refNeeded.map((c, i) => [c, (replayRefs[i] as TokenScores).logprobs]));
    const oldRequests = original ? [] : selected.map((c) => ({ instruction: c.rewrite.instruction, tokens: c.source.rollout.tokens }));
    const replayOlds = oldRequests.length > 0 ? await this.init.policy.logProbs(oldRequests, { temperature }) : [];
    if (!armRelabels(cfg.arm)) {
      // The no-relabel control: the same selected failures, reward 1, under their ORIGINAL
      // instruction q, so old and reference log-probs are exactly the source's.
      for (const c of selected) {
        const group = cfg.advantage.estimator === "grpo" && cfg.advantage.replayGroup === "own" ? `${c.group}:replay` : String(c.group);
        samples.push({ group, instruction: c.source.rollout.instruction, tokens: c.source.rollout.tokens, reward: 1, old: c.source.rollout.logprobs, ref: refOf.get(c.source) ?? (refOfReplay.get(c) as readonly number[]) });
      }
    } else selected.forEach((c, i) => {
      const tokens = c.source.rollout.tokens;
      const old = original ? c.source.rollout.logprobs : (replayOlds[i] as TokenScores).logprobs;
      const ref = (original ? refOf.get(c.source) : undefined) ?? (refOfReplay.get(c) as readonly number[]);
      const group = cfg.advantage.estimator === "grpo" && cfg.advantage.replayGroup === "own" ? `${c.group}:replay` : String(c.group);
      samples.push({ group, instruction: c.rewrite.instruction, tokens, reward: 1, old, ref });
    });

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
    const stats = await this.optimize(items, s);

    // ---- metrics
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
    const metrics: StepMetrics = {
      step: s,
      arm: cfg.arm,
      seed: cfg.seed,
      train: accuracy(originals),
      heldOut: null,
      rollouts: originals.length,
      extraRollouts,
      failures,
      candidates: candidates.length,
      replays: selected.length,
      replayTarget: replaying ? target : 0,
      refusals: Object.fromEntries(Object.keys(refusals).sort().map((r) => [r, refusals[r] as number])),
      lambda,
      entropy: mean(originals.flatMap((r) => r.rollout.entropies)),
      kl: klN > 0 ? klSum / klN : 0,
      clipFraction: mean(stats.map((x) => x.clipFraction)),
      loss: mean(stats.map((x) => x.loss)),
      ppoKl: mean(stats.map((x) => x.ppoKl)),
      gradNorm: mean(stats.map((x) => x.gradNorm)),
      meanTokens: mean(originals.map((r) => r.rollout.tokens.length)),
      constraintPassRates: Object.fromEntries(Object.keys(passRates).sort().map((key) => [key, (passRates[key] as [number, number])[0] / (passRates[key] as [number, number])[1]])),
      timeMs: performance.now() - t0,
    };
    this.step = s;
    return { metrics, ledger };
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
    const pending = rs.map((r, i) => (envs[Math.floor(i / n)] as TaskEnv).verify(r.text));
    const results = (await Promise.all(pending)).map((v) => ({ pass: allPass(v), cla: cla(v) }));
    return accuracy(results);
  }
}
