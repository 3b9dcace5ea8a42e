/**
 * Lowering of check expressions (AST + typing results) to IR expression trees:
 * parentheses disappear, names resolve to inputs or built-in calls, arguments are
 * bound to parameter names with defaults filled in, and `and`/`or` chains flatten.
 */
import type * as A from "../language/ast.js";
import type { BuiltinSpec, ParamSpec } from "../language/builtins/types.js";
import { inputValueType, type Typing } from "../language/typing/table.js";
import type { CallExpr, Expr, InputType } from "./ir.js";

/** A program construct the lowering cannot express (only reachable when the checker let an error through). */
export class LoweringError extends Error {
  override readonly name = "LoweringError";
}

function numericType(typing: Typing, e: A.Expression): "int" | "number" {
  return typing.typeOf(e) === "int" ? "int" : "number";
}

export function lowerExpression(e: A.Expression, typing: Typing): Expr {
  switch (e.kind) {
    case "Number":
      if (!Number.isFinite(e.value)) throw new LoweringError(`number \`${e.raw}\` is out of range`);
      return { kind: "number", type: numericType(typing, e), value: e.value };
    case "String":
      return { kind: "text", type: "text", value: e.value };
    case "Boolean":
      return { kind: "bool", type: "bool", value: e.value };
    case "Regex":
      return { kind: "regex", type: "regex", pattern: e.pattern, flags: e.flags };
    case "List":
      return { kind: "list", type: "text[]", items: e.items.map((i) => lowerExpression(i, typing)) };
    case "Paren":
      return lowerExpression(e.inner, typing);
    case "Name": {
      const r = typing.resolutionOf(e);
      if (r?.kind === "input") {
        const type = inputValueType(r.decl);
        if (!type) throw new LoweringError(`input \`${r.decl.name.name}\` has an unknown type`);
        return { kind: "input", type: type as InputType, name: r.decl.name.name };
      }
      if (r?.kind === "builtin") return lowerCall(r.spec, r.args, undefined, typing);
      throw new LoweringError(`\`${e.name.name}\` is not resolved`);
    }
    case "Call": {
      const r = typing.resolutionOf(e);
      if (r?.kind !== "builtin") throw new LoweringError(`\`${e.callee.name}\` is not a known built-in`);
      return lowerCall(r.spec, r.args, e.subject, typing);
    }
    case "Unary":
      if (e.op === "not") return { kind: "not", type: "bool", operand: lowerExpression(e.operand, typing) };
      return { kind: "neg", type: numericType(typing, e), operand: lowerExpression(e.operand, typing) };
    case "Binary": {
      if (e.op === "and" || e.op === "or") {
        const op = e.op;
        const operands: Expr[] = [];
        const collect = (x: A.Expression): void => {
          const inner = x.kind === "Paren" ? unwrap(x) : x;
          if (inner.kind === "Binary" && inner.op === op) {
            collect(inner.left);
            collect(inner.right);
          } else {
            operands.push(lowerExpression(inner, typing));
          }
        };
        collect(e);
        return { kind: op, type: "bool", operands };
      }
      if (e.op === "+" || e.op === "-" || e.op === "*") {
        return { kind: "arith", type: numericType(typing, e), op: e.op, left: lowerExpression(e.left, typing), right: lowerExpression(e.right, typing) };
      }
      return { kind: "compare", type: "bool", op: e.op, left: lowerExpression(e.left, typing), right: lowerExpression(e.right, typing) };
    }
    case "InRange":
      return {
        kind: "inRange", type: "bool",
        subject: lowerExpression(e.subject, typing), low: lowerExpression(e.low, typing), high: lowerExpression(e.high, typing),
      };
    case "Error":
      throw new LoweringError("the expression has a syntax error");
  }
}

function unwrap(e: A.Expression): A.Expression {
  return e.kind === "Paren" ? unwrap(e.inner) : e;
}

function lowerCall(spec: BuiltinSpec, bound: ReadonlyMap<string, A.Expression>, subject: A.Expression | undefined, typing: Typing): Expr {
  const args: Record<string, Expr> = {};
  for (const p of spec.params) {
    const given = bound.get(p.name);
    if (given) args[p.name] = lowerExpression(given, typing);
    else if (p.default !== undefined) args[p.name] = defaultLiteral(p);
    else throw new LoweringError(`\`${spec.name}\` is missing its \`${p.name}\` argument`);
  }
  for (const name of bound.keys()) {
    if (!spec.params.some((p) => p.name === name)) throw new LoweringError(`\`${spec.name}\` has no parameter \`${name}\``);
  }
  // Keys in schema order, added one by one (no spreads of partial objects: one hidden-class chain, nothing copied).
  const call: CallExpr = { kind: "call", type: spec.result, name: spec.name, builtin: spec.kind } as CallExpr;
  if (spec.kind === "selector" && spec.units?.[0] !== undefined) call.unit = spec.units[0];
  if (subject) call.subject = lowerExpression(subject, typing);
  call.args = args;
  return call;
}

function defaultLiteral(p: ParamSpec): Expr {
  const v = p.default;
  switch (p.type) {
    case "int":
    case "number":
      if (typeof v !== "number") break;
      return { kind: "number", type: p.type === "int" || Number.isInteger(v) ? "int" : "number", value: v };
    case "bool":
      if (typeof v !== "boolean") break;
      return { kind: "bool", type: "bool", value: v };
    case "text":
      if (typeof v !== "string") break;
      return { kind: "text", type: "text", value: v };
    case "text[]":
      if (!Array.isArray(v)) break;
      return { kind: "list", type: "text[]", items: v.map((s) => ({ kind: "text", type: "text", value: String(s) })) };
    case "regex":
      break;
  }
  throw new LoweringError(`parameter \`${p.name}\` has a default that does not fit its type ${p.type}`);
}
