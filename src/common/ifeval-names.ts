/**
 * How an IFEval instruction id names its compatibility built-in
 * (`keywords:existence` -> `ifeval_keywords_existence`). Shared by the language's
 * built-in signatures and the runtime's implementations, which must agree on it.
 */
export function ifevalBuiltinName(instructionId: string): string {
  return `ifeval_${instructionId.replace(/:/g, "_")}`;
}
