/**
 * IFBench-faithful check library: one checker per IFBench instruction id with
 * the reference evaluator's semantics (allenai/IFBench `ifbench/instructions.py`).
 */
export { IFBENCH_INSTRUCTION_IDS, isIfbenchId, type IfbenchId } from "./ids.js";
export { IFBENCH_CHECKERS, isIfbenchRegistryId, runIfbenchCheck } from "./registry.js";
export type { IfbenchChecker } from "./support.js";
