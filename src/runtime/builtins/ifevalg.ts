/** The IFEvalG compatibility built-ins (`ifevalg_*`, src/language/builtins/ifevalg.ts), run by src/runtime/ifevalg. */
import { IFEVALG_CHECKERS, IFEVALG_INSTRUCTION_IDS, ifevalgBuiltinName } from "../ifevalg/index.js";
import type { BuiltinImpl } from "./types.js";

export const IFEVALG_IMPLS: readonly BuiltinImpl[] = IFEVALG_INSTRUCTION_IDS.map((id): BuiltinImpl => ({
  name: ifevalgBuiltinName(id),
  readsInstruction: true,
  evaluate(subject, args, ctx) {
    const kwargs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) kwargs[k] = Array.isArray(v) ? [...v] : v;
    const r = IFEVALG_CHECKERS[id].check(subject, kwargs, ctx.instruction);
    return { value: r.pass, detail: `${r.pass ? "follows" : "does not follow"} IFEvalG \`${id}\`: ${r.evidence}` };
  },
}));
