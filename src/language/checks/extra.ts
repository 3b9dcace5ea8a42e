/** Passes for meaning (contradictions, clause agreement) and regexes are registered here. */
import type { CheckPass } from "./context.js";
import { checkAlwaysTrue } from "./meaning-always-true.js";
import { checkClauseAgreement } from "./meaning-clauses.js";
import { checkContradictions } from "./meaning-contradictions.js";
import { checkRegexes } from "./regex.js";

export const EXTRA_PASSES: readonly CheckPass[] = [checkContradictions, checkAlwaysTrue, checkClauseAgreement, checkRegexes];
