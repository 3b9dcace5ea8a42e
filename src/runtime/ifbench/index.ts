/**
 * IFBench-faithful check library: one checker per IFBench instruction id with
 * the reference evaluator's semantics (allenai/IFBench `ifbench/instructions.py`).
 */
export { IFBENCH_INSTRUCTION_IDS, ifbenchBuiltinName, isIfbenchId, type IfbenchId } from "./ids.js";
export { IFBENCH_CHECKERS, isIfbenchRegistryId, runIfbenchCheck } from "./registry.js";
export { DEFAULT_IFBENCH_REVISION, IFBENCH_REVISIONS, isIfbenchRevision, type IfbenchChecker, type IfbenchRevision } from "./support.js";
