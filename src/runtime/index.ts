/**
 * The runtime: verify responses against compiled contracts (src/compiler/ir.ts),
 * render instructions, and decide hindsight rewrites.
 */
export { verify, verifySync, interpretHard, type HardBackend, type Verdict, type Verdicts, type VerdictStatus, type VerdictCounts, type VerifyOptions, type VerifySyncOptions } from "./verify.js";
export { render, renderInstruction, renderClauses, renderTemplate } from "./render.js";
export { hindsight, hindsightSync, type HindsightResult, type HindsightOptions, type HindsightSyncOptions, type DroppedConstraint, type DropCause, type RefusalReason } from "./hindsight.js";
export type { Judge, JudgeRequest, JudgeAnswer, JudgeVerdict } from "./judge-interface.js";
export { resolveInputs, parseInputText, coerceInput, inputText, InputError, type InputIssue, type ResolvedInputs, type InputResolution } from "./inputs.js";
export { BUILTIN_IMPLS, getBuiltinImpl, BuiltinError, type BuiltinImpl, type BuiltinOutcome, type RuntimeValue } from "./builtins/index.js";
export { evaluateCheck, readsInstruction, createEnv, type EvalEnv, type CheckResult } from "./evaluate.js";
export { formatVerdicts, formatHindsight, verdictsJson, hindsightJson } from "./format.js";
