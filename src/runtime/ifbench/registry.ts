/**
 * The registry of IFBench checkers (the 58 out-of-distribution ids), and
 * `runIfbenchCheck`, which also runs the 25 classic IFEval ids IFBench's
 * registry re-exports (its `classic_instructions.py` is IFEval's code).
 */
import { isInstructionId, runCheck } from "../ifeval/registry.js";
import { failure } from "../ifeval/support.js";
import type { CheckOutcome } from "../ifeval/types.js";
import * as count from "./checkers/count.js";
import * as custom from "./checkers/custom.js";
import * as format from "./checkers/format.js";
import * as ratio from "./checkers/ratio.js";
import * as repeat from "./checkers/repeat.js";
import * as sentence from "./checkers/sentence.js";
import * as words from "./checkers/words.js";
import { IFBENCH_INSTRUCTION_IDS, isIfbenchId, type IfbenchId } from "./ids.js";
import type { IfbenchChecker } from "./support.js";

const ALL: readonly IfbenchChecker<any>[] = [count, custom, format, ratio, repeat, sentence, words].flatMap((m) =>
  Object.values(m).filter((v): v is IfbenchChecker<any> => typeof v === "object" && v !== null && "check" in v && "id" in v),
);

export const IFBENCH_CHECKERS: Readonly<Record<IfbenchId, IfbenchChecker<any>>> = Object.freeze(
  Object.fromEntries(ALL.map((c) => [c.id, c])) as Record<IfbenchId, IfbenchChecker<any>>,
);

/** Ids registered in IFBench's evaluator: the 58 new ones plus IFEval's 25. */
export function isIfbenchRegistryId(id: unknown): boolean {
  return isIfbenchId(id) || isInstructionId(id);
}

/** Run one IFBench (or classic IFEval) check. Never throws; unknown ids fail with the reason. */
export function runIfbenchCheck(id: string, response: string, kwargs: Record<string, unknown> = {}, prompt = ""): CheckOutcome {
  if (isIfbenchId(id)) return IFBENCH_CHECKERS[id].check(response, kwargs, prompt);
  if (isInstructionId(id)) return runCheck(id, response, kwargs, prompt);
  return failure(`unknown instruction id ${JSON.stringify(id)} (known: ${IFBENCH_INSTRUCTION_IDS.length} IFBench ids and the 25 IFEval ids)`);
}
