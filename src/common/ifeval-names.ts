/**
 * How an instruction id of the IFEval family names its compatibility built-in.
 * Shared by the language's built-in signatures and the runtime's implementations,
 * which must agree on it.
 */

/** IFEval: `ifeval_` + the id with `:` as `_` (`keywords:existence` -> `ifeval_keywords_existence`). */
export function ifevalBuiltinName(instructionId: string): string {
  return `ifeval_${instructionId.replace(/:/g, "_")}`;
}

/** IFBench: `ifbench_` + the id with `:` and `-` as `_` (`format:sub-bullets` -> `ifbench_format_sub_bullets`). */
export function ifbenchBuiltinName(instructionId: string): string {
  return `ifbench_${instructionId.replace(/[:-]/g, "_")}`;
}

/** IFEvalG: `ifevalg_` + the id with `:` and `-` as `_`. */
export function ifevalgBuiltinName(instructionId: string): string {
  return `ifevalg_${instructionId.replace(/[:-]/g, "_")}`;
}
