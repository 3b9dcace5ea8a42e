/**
 * A short seeded run of the neural policy, pinned by digest: speed-ups of the GRU,
 * its decoding and the evaluation must leave pretraining, generation, scoring,
 * updates, ledgers and held-out accuracy bit for bit as they were. A small
 * network keeps the test quick; the code paths are the full-size ones. When a
 * change is MEANT to alter training, update the digest and say so in the commit.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/trainer/config.js";
import { createPolicy } from "../../src/trainer/policy/index.js";
import { encodeF64 } from "../../src/trainer/policy/codec.js";
import { forgetPretrained } from "../../src/trainer/policy/neural/pretrain.js";
import type { NeuralPolicy } from "../../src/trainer/policy/neural/policy.js";
import { loadTasks } from "../../src/trainer/tasks.js";
import { Trainer } from "../../src/trainer/trainer.js";
import { REPO_ROOT } from "../helpers/repo.js";

const tasks = loadTasks("data/hir-train.json", REPO_ROOT);
const cacheDir = mkdtempSync(join(tmpdir(), "hir-neural-golden-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe("a seeded neural run is pinned", () => {
  it("pretraining, 2 HiR steps (paper preset) and a held-out evaluation", async () => {
    forgetPretrained();
    const config = resolveConfig({
      preset: "paper",
      arm: "hir",
      seed: 5,
      batch: { prompts: 4 },
      eval: { samplesPerTask: 3 },
      rollout: { maxTokens: 48 },
      policy: { kind: "neural", neural: { embed: 6, hidden: 10, buckets: 64, pretrain: { epochs: 1, samplesPerTask: 1, batch: 8, cacheDir } } },
    });
    const context = { instructions: tasks.train.map((e) => e.instruction()) };
    const policy = createPolicy(config, context) as NeuralPolicy;
    const h = createHash("sha256");
    h.update(encodeF64(policy.params));
    const trainer = new Trainer({ config, train: tasks.train, heldOut: tasks.heldOut.slice(0, 4), policy, reference: createPolicy(config, context) });
    h.update(JSON.stringify(await trainer.evaluate(0)));
    for (let s = 0; s < 2; s++) {
      const { metrics, ledger } = await trainer.runStep();
      const { timeMs: _wall, ...rest } = metrics;
      h.update(JSON.stringify(rest));
      h.update(JSON.stringify(ledger));
    }
    h.update(JSON.stringify(await trainer.evaluate(2)));
    h.update(JSON.stringify(policy.save()));
    expect(h.digest("hex").slice(0, 16)).toBe("3c7d324402a65e01");
  });
});
