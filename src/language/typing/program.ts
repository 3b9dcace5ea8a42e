/**
 * Typing of a bound program: every check expression (in the scope of its contract's
 * inputs; a set's constraints have none) and every input default that has a known
 * type. Runs before the checker's passes, which read the table, and its table is
 * kept on the Program for lowering (src/compiler/lower*.ts).
 */
import type * as A from "../ast.js";
import { constraintDecls, type ConstraintDeclEntry, type ConstraintSetModel, type ContractModel } from "../model.js";
import type { ReportFn } from "../diagnostics/builder.js";
import { ExpressionTyper } from "./expression-typer.js";
import { inputValueType, TypingTable } from "./table.js";

export interface TypingInput {
  readonly contracts: readonly ContractModel[];
  readonly sets: readonly ConstraintSetModel[];
  /** The program's constraint declarations, when the caller has listed them already. */
  readonly decls?: readonly ConstraintDeclEntry[];
}

export function typeProgram(model: TypingInput, report: ReportFn): TypingTable {
  const table = new TypingTable();
  for (const c of model.contracts) {
    for (const input of c.inputs) {
      if (input.default && inputValueType(input)) new ExpressionTyper(report, table, c.file, [], false).type(input.default);
    }
  }
  // One typer per scope (a contract's constraints share its inputs), not one per constraint.
  let typer: ExpressionTyper | undefined;
  let scope: { file: string; inputs: readonly A.InputDecl[]; inSet: boolean } | undefined;
  for (const { decl, file, inputs, contract } of constraintDecls(model)) {
    if (decl.body?.kind !== "Check") continue;
    const inSet = contract === undefined;
    if (!typer || !scope || scope.file !== file || scope.inputs !== inputs || scope.inSet !== inSet) {
      typer = new ExpressionTyper(report, table, file, inputs, inSet);
      scope = { file, inputs, inSet };
    }
    typer.type(decl.body.expression);
  }
  return table;
}
