/**
 * Binding strength of expression forms, matching grammar/parser.ts (higher binds
 * tighter): or < and < not < comparison/in < + - < * < unary - < infix predicate <
 * method call < primary.
 */
import type * as A from "../ast.js";

export const PREC = { or: 10, and: 20, not: 30, compare: 40, add: 50, mul: 60, neg: 70, infix: 80, method: 85, primary: 90 } as const;

export function precedence(e: A.Expression): number {
  switch (e.kind) {
    case "Binary":
      if (e.op === "or") return PREC.or;
      if (e.op === "and") return PREC.and;
      if (e.op === "+" || e.op === "-") return PREC.add;
      if (e.op === "*") return PREC.mul;
      return PREC.compare;
    case "Unary":
      return e.op === "not" ? PREC.not : PREC.neg;
    case "InRange":
      return PREC.compare;
    case "Call":
      if (!e.subject) return PREC.primary;
      return e.style === "infix" ? PREC.infix : PREC.method;
    default:
      return PREC.primary;
  }
}

/** Minimum precedence of the left and right operands of a binary operator. */
export function operandPrec(op: A.BinaryOperator): [number, number] {
  switch (op) {
    case "or":
      return [PREC.or, PREC.and];
    case "and":
      return [PREC.and, PREC.not];
    case "+":
    case "-":
      return [PREC.add, PREC.mul];
    case "*":
      return [PREC.mul, PREC.neg];
    default:
      // Comparisons do not chain: both sides are additive expressions.
      return [PREC.add, PREC.add];
  }
}

/**
 * Whether a predicate prints its single operand without parentheses:
 * `x starts_with "a"` (infix, the operand a primary) or `ends_with "a"` (prefix, no
 * subject, the operand a string, regex or list on the predicate's line), rather than
 * as an argument list (`x starts_with("a", ignore_case: true)`).
 */
export function isBareInfix(call: A.CallExpression): boolean {
  const only = call.args[0];
  if (call.style !== "infix" || call.parenthesized || call.args.length !== 1 || only === undefined || only.name) return false;
  if (call.subject === undefined) return only.value.kind === "String" || only.value.kind === "Regex" || only.value.kind === "List";
  return only.value.kind !== "Paren" && precedence(only.value) >= PREC.primary;
}
