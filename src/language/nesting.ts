/**
 * The expression depth limit (HIR1007). The checker, lowering, formatter and code
 * generator walk expressions recursively; 2,000 `and` terms or chained `.first_line`
 * accesses overflowed the stack in every command. Right after parsing, each
 * expression deeper than `MAX_EXPRESSION_DEPTH` is reported once and replaced by an
 * error expression (which every later pass skips), so all commands agree and none
 * can overflow. The measuring walk stops as soon as it passes the limit, so it never
 * recurses deeper than the limit itself.
 */
import type * as A from "./ast.js";
import type { Range } from "./diagnostics/types.js";

/** Deepest expression nesting accepted: operators, calls, `.` accesses and parentheses each add one. */
export const MAX_EXPRESSION_DEPTH = 100;

/**
 * Whether `e` nests deeper than `budget` levels. Every expression node counts one level
 * except `x in lo..hi`, which has always counted none (its operands count as usual).
 */
function deeperThan(e: A.Expression, budget: number): boolean {
  const own = e.kind === "InRange" ? 0 : 1;
  const rest = budget - own;
  if (rest < 0) return true;
  switch (e.kind) {
    case "List":
      for (const item of e.items) if (deeperThan(item, rest)) return true;
      return false;
    case "Call":
      if (e.subject && deeperThan(e.subject, rest)) return true;
      for (const a of e.args) if (deeperThan(a.value, rest)) return true;
      return false;
    case "Unary":
      return deeperThan(e.operand, rest);
    case "Binary":
      return deeperThan(e.left, rest) || deeperThan(e.right, rest);
    case "InRange":
      return deeperThan(e.subject, rest) || deeperThan(e.low, rest) || deeperThan(e.high, rest);
    case "Paren":
      return deeperThan(e.inner, rest);
    default:
      return false;
  }
}

/** The members' expressions that can nest: an input's default and a check (every other slot holds a literal). */
type Slot = { readonly expression: A.Expression; readonly replace: (e: A.ErrorExpression) => void };

function slotOf(m: A.Member): Slot | undefined {
  if (m.kind === "Input" && m.default) {
    return { expression: m.default, replace: (e) => ((m as { default: A.Expression }).default = e) };
  }
  if (m.kind === "Constraint" && m.body?.kind === "Check") {
    const body = m.body as { expression: A.Expression };
    return { expression: body.expression, replace: (e) => (body.expression = e) };
  }
  return undefined;
}

/**
 * Replaces every too-deep expression of `declarations` by an error expression with the
 * same range, calling `report` for each. Mutates in place: the AST is being built.
 * Reports run from the last member of the file to the first, the order the earlier
 * generic walk produced, so diagnostics keep their order.
 */
export function limitExpressionDepth(declarations: readonly A.Declaration[], report: (range: Range) => void): void {
  for (let d = declarations.length - 1; d >= 0; d--) {
    const decl = declarations[d]!;
    if (decl.kind === "Import") continue;
    for (let i = decl.members.length - 1; i >= 0; i--) {
      const slot = slotOf(decl.members[i]!);
      if (!slot || !deeperThan(slot.expression, MAX_EXPRESSION_DEPTH)) continue;
      report(slot.expression.range);
      slot.replace({ kind: "Error", range: slot.expression.range });
    }
  }
}
