/**
 * Default clause wording: when a constraint has no clause, the sentence the model
 * reads is derived from its check through the built-ins' `clause` templates.
 */
import type * as A from "./ast.js";
import type { ClauseContext } from "./builtins/types.js";
import type { Typing } from "./typing/table.js";

type CmpOp = NonNullable<ClauseContext["op"]>;

const FLIP: Readonly<Record<string, CmpOp>> = { "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

function unwrap(e: A.Expression): A.Expression {
  return e.kind === "Paren" ? unwrap(e.inner) : e;
}

function subjectPhrase(e: A.Expression | undefined, typing: Typing): string | undefined {
  if (!e) return undefined;
  const r = typing.resolutionOf(unwrap(e));
  if (r?.kind !== "builtin" || r.spec.kind !== "selector") return undefined;
  const n = r.args.get("n");
  const nv = n ? typing.constOf(n, true) : undefined;
  const phrase = r.spec.units?.[0] ?? r.spec.name;
  return typeof nv === "number" ? `${phrase.replace(/^the /, "")} ${nv}` : phrase;
}

function constArgs(r: Extract<ReturnType<Typing["resolutionOf"]>, { kind: "builtin" }>, typing: Typing): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of r.args) {
    const c = typing.constOf(v, true);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

function subjectOf(e: A.Expression): A.Expression | undefined {
  return e.kind === "Call" ? e.subject : undefined;
}

/** A sentence for the check, or undefined when no template covers it. */
export function deriveClause(expr: A.Expression, typing: Typing, negated = false): string | undefined {
  const e = unwrap(expr);
  if (e.kind === "Unary" && e.op === "not") return deriveClause(e.operand, typing, !negated);
  if (e.kind === "Binary" && e.op === "and" && !negated) {
    const l = deriveClause(e.left, typing);
    const r = deriveClause(e.right, typing);
    return l && r ? `${l} ${r}` : undefined;
  }
  if (e.kind === "Binary" && FLIP[e.op] && !negated) {
    const leftConst = typing.constOf(e.left, true);
    const rightConst = typing.constOf(e.right, true);
    const [measure, value, op] = typeof rightConst === "number" ? [e.left, rightConst, e.op as CmpOp] : typeof leftConst === "number" ? [e.right, leftConst, FLIP[e.op] as CmpOp] : [undefined, undefined, undefined];
    if (!measure || value === undefined) return undefined;
    const r = typing.resolutionOf(unwrap(measure));
    if (r?.kind !== "builtin") return undefined;
    const subject = subjectPhrase(subjectOf(unwrap(measure)), typing);
    return r.spec.clause?.({ args: constArgs(r, typing), op, value, negated: false, ...(subject ? { subject } : {}) });
  }
  if (e.kind === "InRange" && !negated) {
    const lo = typing.constOf(e.low, true);
    const hi = typing.constOf(e.high, true);
    const r = typing.resolutionOf(unwrap(e.subject));
    if (typeof lo !== "number" || typeof hi !== "number" || r?.kind !== "builtin") return undefined;
    const subject = subjectPhrase(subjectOf(unwrap(e.subject)), typing);
    return r.spec.clause?.({ args: constArgs(r, typing), op: "in", value: lo, high: hi, negated: false, ...(subject ? { subject } : {}) });
  }
  if (e.kind === "Call" || e.kind === "Name") {
    const r = typing.resolutionOf(e);
    if (r?.kind !== "builtin" || r.spec.kind !== "predicate") return undefined;
    const subject = subjectPhrase(subjectOf(e), typing);
    return r.spec.clause?.({ args: constArgs(r, typing), negated, ...(subject ? { subject } : {}) });
  }
  return undefined;
}
