/**
 * The IFBench compatibility built-ins (`ifbench_*`, src/language/builtins/ifbench.ts),
 * run by the IFBench-faithful checkers in src/runtime/ifbench. Kept free of
 * language imports: the built-in name comes from src/common/ifeval-names.ts, as the language's does.
 */
import { IFBENCH_CHECKERS, IFBENCH_INSTRUCTION_IDS, ifbenchBuiltinName, isIfbenchRevision } from "../ifbench/index.js";
import { referenceKwargs, referenceOutcome } from "./reference.js";
import { BuiltinError, type BuiltinImpl } from "./types.js";

export const IFBENCH_IMPLS: readonly BuiltinImpl[] = IFBENCH_INSTRUCTION_IDS.map((id): BuiltinImpl => ({
  name: ifbenchBuiltinName(id),
  readsInstruction: true,
  evaluate(subject, args, ctx) {
    const revision: unknown = Object.hasOwn(args, "revision") ? args["revision"] : "published";
    if (!isIfbenchRevision(revision)) throw new BuiltinError(`\`revision\` must be "published" or "current", got ${JSON.stringify(revision)}`);
    const r = IFBENCH_CHECKERS[id].checkAt(revision)(subject, referenceKwargs(args, "revision"), ctx.instruction);
    return referenceOutcome(r, `IFBench \`${id}\`${revision === "published" ? "" : ` (${revision} revision)`}`);
  },
}));
