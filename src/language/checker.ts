/**
 * The checker: runs every validation pass over a bound program and returns the
 * diagnostics. Passes are listed here in order; each is a small function in
 * checks/ with one concern. Typing runs first; later passes read its results.
 */
import { makeDiagnostic } from "./diagnostics/builder.js";
import type { Diagnostic } from "./diagnostics/types.js";
import type { CheckContext, CheckPass, ProgramView } from "./checks/context.js";
import { checkConstraintsAndInputs } from "./checks/constraints.js";
import { checkDependencyCycles } from "./checks/dependencies.js";
import { checkHygiene } from "./checks/hygiene.js";
import { checkReplayHazards } from "./checks/replay.js";
import { TypingTable, type Typing } from "./checks/typing.js";
import { EXTRA_PASSES } from "./checks/extra.js";

const PASSES: readonly CheckPass[] = [checkDependencyCycles, checkReplayHazards, checkHygiene, ...EXTRA_PASSES];

export interface CheckOutput {
  readonly diagnostics: Diagnostic[];
  readonly typing: Typing;
}

export function checkProgramWithTyping(view: ProgramView): CheckOutput {
  const diagnostics: Diagnostic[] = [];
  const typing = new TypingTable();
  const ctx: CheckContext = {
    ...view,
    typing,
    report: (entry, file, range, message, details) => diagnostics.push(makeDiagnostic(entry, file, range, message, details)),
  };
  checkConstraintsAndInputs(ctx, typing);
  for (const pass of PASSES) pass(ctx);
  return { diagnostics, typing };
}

export function checkProgram(view: ProgramView): Diagnostic[] {
  return checkProgramWithTyping(view).diagnostics;
}
