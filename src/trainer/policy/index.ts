/** Policy construction from a run's config. */
import type { TrainConfig } from "../config.js";
import { EMBEDDED_VERSION, EmbeddedPolicy } from "./embedded.js";
import { NeuralPolicy } from "./neural/policy.js";
import { pretrainedParams } from "./neural/pretrain.js";
import type { Policy } from "./types.js";

export type { Policy, PolicySnapshot, Rollout, ScoreRequest, TokenScores, UpdateItem, UpdateStats } from "./types.js";
export { EmbeddedPolicy } from "./embedded.js";
export { NeuralPolicy } from "./neural/policy.js";

/** What a policy may need beyond the config: the neural policy pretrains on the training instructions. */
export interface PolicyContext {
  /** The training tasks' instructions, in task order. */
  readonly instructions?: readonly string[];
}

export { POLICY_KINDS } from "../config.js";

function embedded(config: TrainConfig): EmbeddedPolicy {
  return new EmbeddedPolicy({ rows: config.policy.rows, copyRows: config.policy.copyRows, optimizer: config.optimizer });
}

/**
 * The initial policy of a run: a pure function of the config and the training
 * instructions (no run randomness), so the reference policy needs no storage.
 */
export function createPolicy(config: TrainConfig, context: PolicyContext = {}): Policy {
  switch (config.policy.kind) {
    case "embedded":
      return embedded(config);
    case "neural": {
      const n = config.policy.neural;
      if (!context.instructions) throw new Error("the neural policy needs the training instructions to pretrain on (createPolicy(config, { instructions }))");
      const net = { embed: n.embed, hidden: n.hidden, buckets: n.buckets, initSeed: n.initSeed, optimizer: config.optimizer };
      const policy = new NeuralPolicy(net);
      policy.setParams(
        pretrainedParams({
          net,
          pretrain: n.pretrain,
          instructions: context.instructions,
          teacher: embedded(config),
          teacherId: { kind: "embedded-prior", version: EMBEDDED_VERSION, rows: config.policy.rows, copyRows: config.policy.copyRows },
          maxTokens: config.rollout.maxTokens,
        }),
      );
      return policy;
    }
  }
}
