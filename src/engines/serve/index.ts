/** `hir serve` as a library: load contracts, build the service, listen. */
export { LabelResolver, type ResolvedLabel, type LabelResult } from "./labels.js";
export { RewardService, RequestError, type ServiceOptions, type VerifyResult, type HindsightItemResult, type ItemVerdict } from "./service.js";
export { createRewardServer, listen, type ServerOptions } from "./server.js";
