/**
 * A seeded run's bytes, pinned: refactors and speed-ups of the trainer and the
 * embedded policy must leave metrics (without wall time), ledgers, evaluations
 * and parameters exactly as they were. When a change is MEANT to alter training,
 * update the digests and say so in the commit.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resolveConfig, type TrainConfigInput } from "../../src/trainer/config.js";
import { createPolicy } from "../../src/trainer/policy/index.js";
import { loadTasks } from "../../src/trainer/tasks.js";
import { Trainer } from "../../src/trainer/trainer.js";
import { REPO_ROOT } from "../helpers/repo.js";

const tasks = loadTasks("data/hir-train.json", REPO_ROOT);

async function digest(input: TrainConfigInput): Promise<string> {
  const config = resolveConfig({ ...input, seed: 3, batch: { prompts: 4 }, eval: { samplesPerTask: 2 } });
  const policy = createPolicy(config);
  const trainer = new Trainer({ config, train: tasks.train, heldOut: tasks.heldOut.slice(0, 3), policy, reference: createPolicy(config) });
  const h = createHash("sha256");
  for (let s = 0; s < 3; s++) {
    const { metrics, ledger } = await trainer.runStep();
    const { timeMs: _wall, ...rest } = metrics;
    h.update(JSON.stringify(rest));
    h.update(JSON.stringify(ledger));
  }
  h.update(JSON.stringify(await trainer.evaluate(3)));
  h.update(JSON.stringify(policy.save()));
  return h.digest("hex").slice(0, 16);
}

describe("seeded runs are pinned", () => {
  it.each([
    ["hir, paper preset (resampling, no quality bonus)", { preset: "paper", arm: "hir" }, "1221b9d3edb4b8e2"],
    ["hir, default preset, replays scored under q'", { arm: "hir", replay: { oldLogprobs: "hindsight" } }, "17cb7de570f54c39"],
    ["no-relabel", { preset: "paper", arm: "no-relabel" }, "20a96c00407b8b5b"],
  ] as const)("%s", async (_name, input, expected) => {
    expect(await digest(input as TrainConfigInput)).toBe(expected);
  });
});
