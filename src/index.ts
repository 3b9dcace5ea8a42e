/**
 * The public library API of hindsight (`import ... from "hindsight"`): load and
 * check contracts, lower them to IR (both in one call: `runPipeline`), verify responses and build hindsight
 * rewrites. Generated verifier modules import `hindsight/runtime` instead.
 */
export { loadProgram, type Program, type SourceHost } from "./language/program.js";
export { nodeHost, memoryHost } from "./language/node-host.js";
export type { Diagnostic } from "./language/diagnostics/types.js";
export { formatContract } from "./language/format/index.js";
export { lowerProgram, type LowerResult, type SkippedContract } from "./compiler/lower.js";
export { runPipeline, type CheckedRun, type PipelineRequest, type PipelineResult, type PipelineStage } from "./compiler/pipeline.js";
export { CompiledContractSchema, IR_VERSION, type CompiledContract } from "./compiler/ir.js";
export * from "./runtime/index.js";
export { createJudge } from "./runtime/judge/index.js";
