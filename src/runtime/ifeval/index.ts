/**
 * IFEval-faithful check library: one checker per IFEval instruction id with
 * the reference evaluator's exact semantics, strict and loose evaluation,
 * accuracy reports and robust JSONL reading.
 */
export type { CheckOutcome, CheckFn, EvaluationMode, IfevalChecker, IfevalInput, IfevalResultRecord, InstructionId } from "./types.js";
export { IFEVAL_INSTRUCTION_IDS } from "./types.js";
export { IFEVAL_CHECKERS, isInstructionId, runCheck } from "./registry.js";
export { looseVariants, type ResponseVariant } from "./variants.js";
export {
  accuracyStats,
  evaluateIfeval,
  evaluateRow,
  type AccuracyCounts,
  type AccuracyStats,
  type IfevalEvaluation,
  type InstructionResult,
  type ModeEvaluation,
  type RowEvaluation,
} from "./evaluate.js";
export {
  parseIfevalInputs,
  parseIfevalResponses,
  parseIfevalResults,
  parseJsonl,
  readJsonlFile,
  type JsonlIssue,
  type JsonlParseResult,
  type JsonlRow,
  type ResponseTable,
  type TypedJsonl,
} from "./jsonl.js";
export { RELATIONS, type Relation } from "./support.js";
