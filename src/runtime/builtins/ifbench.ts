/**
 * The IFBench compatibility built-ins (`ifbench_*`, src/language/builtins/ifbench.ts),
 * run by the IFBench-faithful checkers in src/runtime/ifbench. Kept free of
 * language imports: the built-in name is derived from the id here as there.
 */
import { IFBENCH_CHECKERS, IFBENCH_INSTRUCTION_IDS, ifbenchBuiltinName, isIfbenchRevision } from "../ifbench/index.js";
import { BuiltinError, type BuiltinImpl } from "./types.js";

export const IFBENCH_IMPLS: readonly BuiltinImpl[] = IFBENCH_INSTRUCTION_IDS.map((id): BuiltinImpl => ({
  name: ifbenchBuiltinName(id),
  readsInstruction: true,
  evaluate(subject, args, ctx) {
    const kwargs: Record<string, unknown> = {};
    let revision: unknown = "published";
    for (const [k, v] of Object.entries(args)) {
      if (k === "revision") revision = v;
      else kwargs[k] = Array.isArray(v) ? [...v] : v;
    }
    if (!isIfbenchRevision(revision)) throw new BuiltinError(`\`revision\` must be "published" or "current", got ${JSON.stringify(revision)}`);
    const r = IFBENCH_CHECKERS[id].checkAt(revision)(subject, kwargs, ctx.instruction);
    return { value: r.pass, detail: `${r.pass ? "follows" : "does not follow"} IFBench \`${id}\`${revision === "published" ? "" : ` (${revision} revision)`}: ${r.evidence}` };
  },
}));
