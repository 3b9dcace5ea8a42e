/**
 * The checker: types the bound program (src/language/typing/), then runs every
 * validation pass over it and returns the diagnostics. The passes are listed here,
 * in order, and nowhere else; each is a small function in checks/ with one concern
 * and reads the typing instead of re-deriving it.
 */
import { makeDiagnostic } from "./diagnostics/builder.js";
import type { Diagnostic } from "./diagnostics/types.js";
import type { CheckContext, CheckPass, ProgramView } from "./checks/context.js";
import { checkConstraintsAndInputs } from "./checks/constraints.js";
import { checkDependencyCycles } from "./checks/dependencies.js";
import { checkHygiene } from "./checks/hygiene.js";
import { checkAlwaysTrue } from "./checks/meaning-always-true.js";
import { checkClauseAgreement } from "./checks/meaning-clauses.js";
import { checkContradictions } from "./checks/meaning-contradictions.js";
import { checkRegexes } from "./checks/regex.js";
import { checkReplayHazards } from "./checks/replay.js";
import { typeProgram } from "./typing/program.js";
import { constraintDecls } from "./model.js";
import type { Typing } from "./typing/table.js";

const PASSES: readonly CheckPass[] = [
  checkConstraintsAndInputs,
  checkDependencyCycles,
  checkReplayHazards,
  checkHygiene,
  checkContradictions,
  checkAlwaysTrue,
  checkClauseAgreement,
  checkRegexes,
];

export interface CheckOutput {
  readonly diagnostics: Diagnostic[];
  readonly typing: Typing;
}

export function checkProgramWithTyping(view: ProgramView): CheckOutput {
  const diagnostics: Diagnostic[] = [];
  const report: CheckContext["report"] = (entry, file, range, message, details) => diagnostics.push(makeDiagnostic(entry, file, range, message, details));
  // Listed once here: typing and four passes walk every constraint declaration.
  const decls = constraintDecls(view);
  const typing = typeProgram({ contracts: view.contracts, sets: view.sets, decls }, report);
  const ctx: CheckContext = { ...view, typing, report, decls };
  for (const pass of PASSES) pass(ctx);
  return { diagnostics, typing };
}

export function checkProgram(view: ProgramView): Diagnostic[] {
  return checkProgramWithTyping(view).diagnostics;
}
