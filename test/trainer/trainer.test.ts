import { describe, expect, it } from "vitest";
import { resolveConfig, type TrainConfigInput } from "../../src/trainer/config.js";
import { createPolicy } from "../../src/trainer/policy/index.js";
import type { LedgerEntry, StepMetrics } from "../../src/trainer/records.js";
import { Trainer } from "../../src/trainer/trainer.js";
import { checkLedgerInvariants } from "./helpers/invariants.js";
import { toyTasks, type ToyEnv } from "./helpers/toy-env.js";

export const SMALL: TrainConfigInput = {
  batch: { prompts: 4, rolloutsPerPrompt: 4, replaysPerPrompt: 2 },
  policy: { rows: 256, copyRows: 256 },
  rollout: { maxTokens: 60 },
  eval: { samplesPerTask: 2, every: 2 },
  optimizer: { lr: 0.003 },
};

async function run(over: TrainConfigInput, steps: number, envs: ToyEnv[] = toyTasks(8)) {
  const config = resolveConfig({ ...SMALL, ...over, batch: { ...SMALL.batch, ...over.batch }, selection: { ...over.selection } });
  const policy = createPolicy(config);
  const trainer = new Trainer({ config, train: envs, heldOut: envs.slice(0, 2), policy, reference: createPolicy(config) });
  const metrics: StepMetrics[] = [];
  const ledger: LedgerEntry[] = [];
  for (let s = 0; s < steps; s++) {
    const r = await trainer.runStep();
    metrics.push(r.metrics);
    ledger.push(...r.ledger);
  }
  return { metrics, ledger, policy, trainer, envs };
}

const stripTime = (ms: StepMetrics[]) => ms.map(({ timeMs: _t, ...rest }) => rest);

describe("HiR training step (hand-written env)", () => {
  it("same seed -> identical metrics, ledger and parameters; another seed differs", async () => {
    const a = await run({ seed: 3 }, 3);
    const b = await run({ seed: 3 }, 3);
    expect(stripTime(b.metrics)).toEqual(stripTime(a.metrics));
    expect(b.ledger).toEqual(a.ledger);
    expect(JSON.stringify(b.policy.save())).toBe(JSON.stringify(a.policy.save()));
    const c = await run({ seed: 4 }, 3);
    expect(stripTime(c.metrics)).not.toEqual(stripTime(a.metrics));
  });

  it("builds m originals + k replays per prompt and logs every failure", async () => {
    const { metrics, ledger } = await run({ seed: 1 }, 2);
    for (const m of metrics) {
      expect(m.rollouts).toBe(16);
      expect(m.replayTarget).toBe(8);
      expect(m.replays).toBeLessThanOrEqual(Math.min(8, m.candidates));
      expect(m.failures).toBe(16 - Math.round(m.train!.ila * 16));
      expect(ledger.filter((e) => e.step === m.step)).toHaveLength(m.failures);
      expect(ledger.filter((e) => e.step === m.step && e.selected)).toHaveLength(m.replays);
      expect(Object.values(m.refusals).reduce((a, b) => a + b, 0) + m.candidates).toBe(m.failures);
    }
  });

  it("selected replays are the best-scoring candidates (global top-k*B)", async () => {
    const { ledger } = await run({ seed: 2 }, 2);
    for (const step of [1, 2]) {
      const el = ledger.filter((e) => e.step === step && e.eligible);
      const sel = el.filter((e) => e.selected).map((e) => e.score!.score);
      const rest = el.filter((e) => !e.selected).map((e) => e.score!.score);
      if (sel.length > 0 && rest.length > 0) expect(Math.min(...sel)).toBeGreaterThanOrEqual(Math.max(...rest));
      for (const e of el) expect(e.score!.score).toBeCloseTo(e.score!.lambda * e.cla + e.score!.diversity + e.score!.quality, 12);
    }
  });

  it("per-group selection never takes more than k from a prompt", async () => {
    const { ledger } = await run({ seed: 2, selection: { scope: "per-group" } }, 2);
    const counts = new Map<string, number>();
    for (const e of ledger) if (e.selected) counts.set(`${e.step}:${e.group}`, (counts.get(`${e.step}:${e.group}`) ?? 0) + 1);
    for (const n of counts.values()) expect(n).toBeLessThanOrEqual(2);
  });

  it("no-replay arms replay nothing and log nothing", async () => {
    for (const arm of ["binary", "fraction"] as const) {
      const { metrics, ledger } = await run({ seed: 1, arm }, 2);
      expect(ledger).toEqual([]);
      for (const m of metrics) expect(m.replays).toBe(0);
    }
  });

  it("no-relabel replays the failures hir selects, under their original instruction", async () => {
    const seen: { arm: string; instructions: string[] }[] = [];
    const spy = async (arm: "hir" | "no-relabel") => {
      const config = resolveConfig({ ...SMALL, seed: 5, arm });
      const envs = toyTasks(8);
      const policy = createPolicy(config);
      const update = policy.update.bind(policy);
      const instructions: string[] = [];
      policy.update = (items, opts) => {
        instructions.push(...items.map((x) => x.instruction));
        return update(items, opts);
      };
      const trainer = new Trainer({ config, train: envs, heldOut: envs.slice(0, 2), policy, reference: createPolicy(config) });
      const r = await trainer.runStep();
      seen.push({ arm, instructions });
      return { r, originals: new Set(envs.map((e) => e.instruction())) };
    };
    const hir = await spy("hir");
    const ctl = await spy("no-relabel");
    // Step 1 starts from the same policy: the same candidates and the same selection.
    expect(ctl.r.ledger).toEqual(hir.r.ledger);
    expect(ctl.r.metrics.replays).toBe(hir.r.metrics.replays);
    expect(hir.r.metrics.replays).toBeGreaterThan(0);
    const h = seen[0] as { instructions: string[] };
    const c = seen[1] as { instructions: string[] };
    expect(c.instructions).toHaveLength(h.instructions.length);
    expect(c.instructions.every((q) => ctl.originals.has(q))).toBe(true);
    expect(h.instructions.filter((q) => !hir.originals.has(q))).toHaveLength(hir.r.metrics.replays);
  });

  it("resample draws extra rollouts, only as replay sources, within the budget", async () => {
    const { metrics, ledger } = await run({ seed: 1, selection: { shortfall: "resample", resampleBudget: 6, scope: "per-group" } }, 3);
    for (const m of metrics) {
      expect(m.extraRollouts).toBeLessThanOrEqual(6);
      expect(m.rollouts).toBe(16);
    }
    expect(metrics.some((m) => m.extraRollouts > 0)).toBe(true);
    expect(ledger.some((e) => e.extra)).toBe(true);
    const fewer = await run({ seed: 1, selection: { shortfall: "fewer", scope: "per-group" } }, 3);
    for (const m of fewer.metrics) expect(m.extraRollouts).toBe(0);
  });

  it("a rewrite that breaks the rules is refused by the trainer's own audit, never replayed", async () => {
    const envs = toyTasks(8, { faultyRewrite: true });
    const { metrics, ledger } = await run({ seed: 1 }, 2, envs);
    for (const m of metrics) expect(m.replays).toBe(0);
    expect(Object.keys(metrics[0]!.refusals).some((r) => r.startsWith("audit:"))).toBe(true);
    expect(ledger.every((e) => !e.selected)).toBe(true);
  });

  // Every combination of the replay-related options keeps the invariants.
  const variants: TrainConfigInput[] = [
    { arm: "hir" },
    { arm: "random-replay" },
    { arm: "no-relabel" },
    { arm: "no-relabel", replay: { oldLogprobs: "hindsight" }, selection: { shortfall: "resample" } },
    { arm: "hir", selection: { scope: "per-group", qualityWeight: 0, lambdaMax: 3 } },
    { arm: "hir", advantage: { estimator: "grpo" } },
    { arm: "hir", advantage: { estimator: "grpo", replayGroup: "own" } },
    { arm: "hir", replay: { oldLogprobs: "hindsight" } },
    { arm: "random-replay", selection: { shortfall: "resample", resampleBudget: 4 } },
    { arm: "hir", ppo: { updateMode: "epochs", entropyCoeff: 0.01 }, advantage: { klEstimator: "k3" } },
  ];
  it.each(variants.map((v) => [JSON.stringify(v), v] as const))("invariants hold: %s", async (_name, v) => {
    const { ledger, envs, metrics } = await run({ seed: 7, ...v }, 3);
    const n = checkLedgerInvariants(ledger, envs);
    expect(n.eligible).toBeGreaterThan(0);
    expect(n.replays).toBeGreaterThan(0);
    expect(n.replays).toBe(metrics.reduce((a, m) => a + m.replays, 0));
    for (const m of metrics) {
      expect(Number.isFinite(m.loss)).toBe(true);
      expect(Object.keys(m.refusals).filter((r) => r.startsWith("audit:"))).toEqual([]);
    }
  });
});
