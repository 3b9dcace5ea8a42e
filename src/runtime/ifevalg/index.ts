/** open-instruct IFEvalG checkers for the 29 ids it adds to IFEval (the other 25 are IFEval's). */
import { failure } from "../ifeval/support.js";
import type { CheckOutcome } from "../ifeval/types.js";
import * as checkers from "./checkers.js";
import { IFEVALG_INSTRUCTION_IDS, isIfevalgId, type IfevalgId } from "./ids.js";

export { IFEVALG_INSTRUCTION_IDS, ifevalgBuiltinName, isIfevalgId, type IfevalgId } from "./ids.js";
export type { IfevalgChecker } from "./checkers.js";

const ALL = Object.values(checkers).filter((c): c is checkers.IfevalgChecker<any> => typeof c === "object" && c !== null && "check" in c);

export const IFEVALG_CHECKERS: Readonly<Record<IfevalgId, checkers.IfevalgChecker<any>>> = Object.freeze(
  Object.fromEntries(ALL.map((c) => [c.id, c])) as Record<IfevalgId, checkers.IfevalgChecker<any>>,
);

export function runIfevalgCheck(id: string, response: string, kwargs: Record<string, unknown> = {}, prompt = ""): CheckOutcome {
  if (isIfevalgId(id)) return IFEVALG_CHECKERS[id].check(response, kwargs, prompt);
  return failure(`unknown IFEvalG id ${JSON.stringify(id)} (known: ${IFEVALG_INSTRUCTION_IDS.length} ids)`);
}
