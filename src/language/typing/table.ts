/**
 * What typing found: the type, name resolution and constant value of every check
 * expression. Computed once (src/language/typing/program.ts); the checker's passes
 * and the compiler's lowering read it instead of re-deriving it.
 */
import type * as A from "../ast.js";
import type { BuiltinSpec, ValueType } from "../builtins/registry.js";

export type ExprType = ValueType | "unknown";

export type ConstValue = number | string | boolean | readonly string[] | { readonly pattern: string; readonly flags: string };

export type Resolution =
  | { readonly kind: "input"; readonly decl: A.InputDecl }
  | { readonly kind: "builtin"; readonly spec: BuiltinSpec; readonly args: ReadonlyMap<string, A.Expression> };

export interface Typing {
  typeOf(e: A.Expression): ExprType;
  /** The constant value of an expression, with inputs at their defaults when `withDefaults`. */
  constOf(e: A.Expression, withDefaults?: boolean): ConstValue | undefined;
  resolutionOf(e: A.Expression): Resolution | undefined;
}

export const INPUT_TYPES: readonly string[] = ["text", "int", "number", "bool"];

export function inputValueType(decl: A.InputDecl): ValueType | undefined {
  if (decl.isList) return decl.type.name === "text" ? "text[]" : undefined;
  return INPUT_TYPES.includes(decl.type.name) ? (decl.type.name as ValueType) : undefined;
}

export class TypingTable implements Typing {
  readonly types = new WeakMap<A.Expression, ExprType>();
  readonly resolutions = new WeakMap<A.Expression, Resolution>();

  typeOf(e: A.Expression): ExprType {
    return this.types.get(e) ?? "unknown";
  }

  resolutionOf(e: A.Expression): Resolution | undefined {
    return this.resolutions.get(e);
  }

  constOf(e: A.Expression, withDefaults = false): ConstValue | undefined {
    switch (e.kind) {
      case "Number":
      case "String":
      case "Boolean":
        return e.value;
      case "Regex":
        return { pattern: e.pattern, flags: e.flags };
      case "List": {
        const items = e.items.map((i) => this.constOf(i, withDefaults));
        return items.every((i): i is string => typeof i === "string") ? items : undefined;
      }
      case "Paren":
        return this.constOf(e.inner, withDefaults);
      case "Name": {
        const r = this.resolutions.get(e);
        if (withDefaults && r?.kind === "input" && r.decl.default) return this.constOf(r.decl.default, false);
        return undefined;
      }
      case "Unary": {
        const v = this.constOf(e.operand, withDefaults);
        if (e.op === "-" && typeof v === "number") return -v;
        if (e.op === "not" && typeof v === "boolean") return !v;
        return undefined;
      }
      case "Binary": {
        const l = this.constOf(e.left, withDefaults);
        const r = this.constOf(e.right, withDefaults);
        if (typeof l === "number" && typeof r === "number") {
          if (e.op === "+") return l + r;
          if (e.op === "-") return l - r;
          if (e.op === "*") return l * r;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }
}

const PHRASE: Readonly<Record<ValueType, string>> = {
  text: "text", int: "a whole number", number: "a number", bool: "true or false", regex: "a regular expression", "text[]": "a list of texts",
};

export function describeType(t: ExprType): string {
  return t === "unknown" ? "unknown" : PHRASE[t];
}
