/**
 * The IFEval compatibility built-ins (`ifeval_*`, src/language/builtins/ifeval.ts),
 * run by the IFEval-faithful checkers in src/runtime/ifeval. They read the whole
 * response and receive the instruction as IFEval's `prompt`.
 */
import { IFEVAL_BUILTINS, ifevalIdOf } from "../../language/builtins/ifeval.js";
import { runCheck } from "../ifeval/index.js";
import { BuiltinError, type BuiltinImpl } from "./types.js";

export const IFEVAL_IMPLS: readonly BuiltinImpl[] = IFEVAL_BUILTINS.map((spec): BuiltinImpl => {
  const id = ifevalIdOf(spec.name);
  return {
    name: spec.name,
    readsInstruction: true,
    evaluate(subject, args, ctx) {
      if (!id) throw new BuiltinError(`\`${spec.name}\` maps to no IFEval instruction`);
      const kwargs: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(args)) kwargs[k] = Array.isArray(v) ? [...v] : v;
      const r = runCheck(id, subject, kwargs, ctx.instruction);
      return { value: r.pass, detail: `${r.pass ? "follows" : "does not follow"} IFEval \`${id}\`: ${r.evidence}` };
    },
  };
});
