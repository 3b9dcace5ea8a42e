/**
 * TypeScript types of generated APIs: contract inputs, and the measured quantity of
 * each constraint's verdict (what `Verdict.measured` holds), derived statically from
 * the check expression with the node rules (src/runtime/nodes.ts):
 * measures and predicates report their value, comparisons the non-constant side,
 * `and`/`or` a tuple of their operands' measures, selectors and literals nothing.
 */
import { getBuiltin } from "../../language/builtins/registry.js";
import type { CompiledConstraint, CompiledInput, Expr, InputType, ValueType } from "../ir.js";

export function valueTypeTs(t: ValueType | InputType): string {
  switch (t) {
    case "text": return "string";
    case "int":
    case "number": return "number";
    case "bool": return "boolean";
    case "text[]": return "readonly string[]";
    case "regex": return "$rt.RegexValue";
  }
}

export function inputTypeTs(input: CompiledInput): string {
  return valueTypeTs(input.type);
}

interface NodeType {
  /** TS type of `Node.measured`, or undefined when the node never has one. */
  readonly measured?: string;
  readonly value: string;
  readonly constant: boolean;
}

function nodeType(e: Expr): NodeType {
  switch (e.kind) {
    case "number":
    case "text":
    case "bool":
    case "regex":
    case "list":
      return { value: valueTypeTs(e.type), constant: true };
    case "input":
      return { value: valueTypeTs(e.type), measured: valueTypeTs(e.type), constant: true };
    case "call": {
      const value = valueTypeTs(e.type);
      const kind = getBuiltin(e.name)?.kind ?? (e.type === "bool" ? "predicate" : e.type === "int" || e.type === "number" ? "measure" : "selector");
      return kind === "selector" ? { value, constant: false } : { value, measured: value, constant: false };
    }
    case "not": {
      const inner = nodeType(e.operand);
      return { value: "boolean", ...(inner.measured !== undefined ? { measured: inner.measured } : {}), constant: false };
    }
    case "and":
    case "or": {
      const parts = e.operands.map((o) => {
        const t = nodeType(o);
        return t.measured ?? t.value;
      });
      return { value: "boolean", measured: `readonly [${parts.join(", ")}]`, constant: false };
    }
    case "compare": {
      const l = nodeType(e.left);
      const r = nodeType(e.right);
      const q = l.constant && !r.constant ? r : l;
      return { value: "boolean", measured: q.measured ?? q.value, constant: false };
    }
    case "inRange": {
      const s = nodeType(e.subject);
      return { value: "boolean", measured: s.measured ?? s.value, constant: false };
    }
    case "arith":
      return { value: "number", measured: "number", constant: nodeType(e.left).constant && nodeType(e.right).constant };
    case "neg":
      return { value: "number", measured: "number", constant: nodeType(e.operand).constant };
  }
}

/** The type of `measured` in the constraint's verdicts (`never`: never set). */
export function measuredTypeTs(c: CompiledConstraint): string {
  if (c.kind === "soft") return '"yes" | "no" | "unknown"';
  return nodeType(c.check).measured ?? "never";
}
