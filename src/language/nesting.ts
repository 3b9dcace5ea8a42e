/**
 * The expression depth limit (HIR1007). The checker, lowering, formatter and code
 * generator walk expressions recursively; 2,000 `and` terms or chained `.first_line`
 * accesses overflowed the stack in every command. Right after parsing, each
 * expression deeper than `MAX_EXPRESSION_DEPTH` is reported once and replaced by an
 * error expression (which every later pass skips), so all commands agree and none
 * can overflow. The measuring walk itself is iterative.
 */
import type * as A from "./ast.js";
import type { Range } from "./diagnostics/types.js";

/** Deepest expression nesting accepted: operators, calls, `.` accesses and parentheses each add one. */
export const MAX_EXPRESSION_DEPTH = 100;

const EXPRESSION_KINDS: ReadonlySet<string> = new Set(["Number", "String", "Boolean", "Regex", "List", "Name", "Call", "Unary", "Binary", "Range", "Paren", "Error"]);

function isNode(v: unknown): v is { kind?: string; range?: Range } {
  return typeof v === "object" && v !== null;
}

/** Depth of an expression tree, counting expression nodes only, without recursion (stops early past the limit). */
function depthOf(root: object, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, d] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const x of node) stack.push([x, d]);
      continue;
    }
    if (!isNode(node)) continue;
    const here = typeof node.kind === "string" && EXPRESSION_KINDS.has(node.kind) ? d + 1 : d;
    if (here > max) max = here;
    if (max > limit) return max;
    for (const [k, v] of Object.entries(node)) if (k !== "range" && typeof v === "object") stack.push([v, here]);
  }
  return max;
}

/**
 * Replaces every too-deep top-level expression under `root` (declarations) by an error
 * expression with the same range, calling `report` for each. Mutates in place: the AST
 * is being built.
 */
export function limitExpressionDepth(root: unknown, report: (range: Range) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        if (!visitSlot(node, i, node[i], report)) stack.push(node[i]);
      }
      continue;
    }
    if (!isNode(node)) continue;
    for (const [k, v] of Object.entries(node)) {
      if (k === "range" || typeof v !== "object" || v === null) continue;
      if (!visitSlot(node as Record<string, unknown>, k, v, report)) stack.push(v);
    }
  }
}

/** True when `value` is an expression (checked and possibly replaced here), false when the walk should go inside it. */
function visitSlot(holder: Record<string | number, unknown> | unknown[], key: string | number, value: unknown, report: (range: Range) => void): boolean {
  if (!isNode(value) || Array.isArray(value) || typeof value.kind !== "string" || !EXPRESSION_KINDS.has(value.kind)) return false;
  const depth = depthOf(value, MAX_EXPRESSION_DEPTH);
  if (depth > MAX_EXPRESSION_DEPTH && value.range) {
    report(value.range);
    (holder as Record<string | number, unknown>)[key] = { kind: "Error", range: value.range } satisfies A.ErrorExpression;
  }
  return true;
}
