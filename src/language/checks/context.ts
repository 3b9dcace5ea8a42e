/**
 * What every checker pass receives. Passes are small functions registered in
 * checker.ts, each owning one concern; they report through the context and never
 * throw on user input.
 */
import type * as A from "../ast.js";
import type { ReportFn } from "../diagnostics/builder.js";
import type { ConstraintDeclEntry, ConstraintSetModel, ContractModel } from "../model.js";
import type { Typing } from "../typing/table.js";

export interface ProgramView {
  readonly files: ReadonlyMap<string, A.SourceFile>;
  readonly imports: ReadonlyMap<string, readonly string[]>;
  readonly contracts: readonly ContractModel[];
  readonly sets: readonly ConstraintSetModel[];
}

export interface CheckContext extends ProgramView {
  readonly report: ReportFn;
  /** Every constraint declaration, listed once for all passes (read it through `constraintDecls(ctx)`). */
  readonly decls?: readonly ConstraintDeclEntry[];
  /** Expression types and constant values, computed once by the typing pass. */
  readonly typing: Typing;
}

export type CheckPass = (ctx: CheckContext) => void;

/** Visits an expression tree depth-first, parents before children. */
export function walkExpression(e: A.Expression, visit: (e: A.Expression) => void): void {
  visit(e);
  switch (e.kind) {
    case "List": for (const i of e.items) walkExpression(i, visit); break;
    case "Call": if (e.subject) walkExpression(e.subject, visit); for (const a of e.args) walkExpression(a.value, visit); break;
    case "Unary": walkExpression(e.operand, visit); break;
    case "Binary": walkExpression(e.left, visit); walkExpression(e.right, visit); break;
    case "InRange": walkExpression(e.subject, visit); walkExpression(e.low, visit); walkExpression(e.high, visit); break;
    case "Paren": walkExpression(e.inner, visit); break;
    default: break;
  }
}
