/** Passes for meaning (contradictions, clause agreement) and regexes are registered here. */
import type { CheckPass } from "./context.js";

export const EXTRA_PASSES: readonly CheckPass[] = [];
