/** The IFEvalG compatibility built-ins (`ifevalg_*`, src/language/builtins/ifevalg.ts), run by src/runtime/ifevalg. */
import { IFEVALG_CHECKERS, IFEVALG_INSTRUCTION_IDS, ifevalgBuiltinName } from "../ifevalg/index.js";
import { referenceKwargs, referenceOutcome } from "./reference.js";
import type { BuiltinImpl } from "./types.js";

export const IFEVALG_IMPLS: readonly BuiltinImpl[] = IFEVALG_INSTRUCTION_IDS.map((id): BuiltinImpl => ({
  name: ifevalgBuiltinName(id),
  readsInstruction: true,
  evaluate(subject, args, ctx) {
    return referenceOutcome(IFEVALG_CHECKERS[id].check(subject, referenceKwargs(args), ctx.instruction), `IFEvalG \`${id}\``);
  },
}));
