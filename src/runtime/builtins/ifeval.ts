/**
 * The IFEval compatibility built-ins (`ifeval_*`, src/language/builtins/ifeval.ts),
 * run by the IFEval-faithful checkers in src/runtime/ifeval. They read the whole
 * response and receive the instruction as IFEval's `prompt`.
 */
import { ifevalBuiltinName } from "../../common/ifeval-names.js";
import { runCheck } from "../ifeval/index.js";
import { IFEVAL_INSTRUCTION_IDS } from "../ifeval/types.js";
import type { BuiltinImpl } from "./types.js";

export const IFEVAL_IMPLS: readonly BuiltinImpl[] = IFEVAL_INSTRUCTION_IDS.map((id): BuiltinImpl => {
  return {
    name: ifevalBuiltinName(id),
    readsInstruction: true,
    evaluate(subject, args, ctx) {
      const kwargs: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(args)) kwargs[k] = Array.isArray(v) ? [...v] : v;
      const r = runCheck(id, subject, kwargs, ctx.instruction);
      return { value: r.pass, detail: `${r.pass ? "follows" : "does not follow"} IFEval \`${id}\`: ${r.evidence}` };
    },
  };
});
