/** Policy construction from a run's config. */
import type { TrainConfig } from "../config.js";
import { EmbeddedPolicy } from "./embedded.js";
import type { Policy } from "./types.js";

export type { Policy, PolicySnapshot, Rollout, ScoreRequest, TokenScores, UpdateItem, UpdateStats } from "./types.js";
export { EmbeddedPolicy } from "./embedded.js";

/** The initial policy of a run: a pure function of the config (no randomness), so the reference policy needs no storage. */
export function createPolicy(config: TrainConfig): Policy {
  switch (config.policy.kind) {
    case "embedded":
      return new EmbeddedPolicy({ rows: config.policy.rows, copyRows: config.policy.copyRows, optimizer: config.optimizer });
  }
}
