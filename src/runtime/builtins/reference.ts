/**
 * What the benchmark compatibility built-ins (ifeval_*, ifbench_*, ifevalg_*) share:
 * arguments handed to a reference checker as its kwargs, and its verdict as an outcome.
 */
import type { BuiltinArgs, BuiltinOutcome, RuntimeValue } from "./types.js";

/** `Array.isArray` narrows a readonly list to `any[]`; this keeps its element type. */
const isList = (v: RuntimeValue): v is readonly string[] => Array.isArray(v);

/** The arguments as a reference checker's kwargs: a fresh object with lists copied, so a checker cannot change the verifier's values. `omit` is left out. */
export function referenceKwargs(args: BuiltinArgs, omit?: string): Record<string, unknown> {
  const kwargs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (k !== omit) kwargs[k] = isList(v) ? [...v] : v;
  return kwargs;
}

/** A reference checker's verdict on `instruction` (e.g. IFEval `punctuation:no_comma`) as the built-in's outcome. */
export function referenceOutcome(r: { readonly pass: boolean; readonly evidence: string }, instruction: string): BuiltinOutcome {
  return { value: r.pass, detail: `${r.pass ? "follows" : "does not follow"} ${instruction}: ${r.evidence}` };
}
