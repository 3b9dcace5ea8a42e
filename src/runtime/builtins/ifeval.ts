/**
 * The IFEval compatibility built-ins (`ifeval_*`, src/language/builtins/ifeval.ts),
 * run by the IFEval-faithful checkers in src/runtime/ifeval. They read the whole
 * response and receive the instruction as IFEval's `prompt`.
 */
import { ifevalBuiltinName } from "../../common/ifeval-names.js";
import { runCheck } from "../ifeval/index.js";
import { IFEVAL_INSTRUCTION_IDS } from "../ifeval/types.js";
import { referenceKwargs, referenceOutcome } from "./reference.js";
import type { BuiltinImpl } from "./types.js";

export const IFEVAL_IMPLS: readonly BuiltinImpl[] = IFEVAL_INSTRUCTION_IDS.map((id): BuiltinImpl => {
  return {
    name: ifevalBuiltinName(id),
    readsInstruction: true,
    evaluate(subject, args, ctx) {
      return referenceOutcome(runCheck(id, subject, referenceKwargs(args), ctx.instruction), `IFEval \`${id}\``);
    },
  };
});
