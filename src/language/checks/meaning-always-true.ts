/**
 * HIR7005: checks (or top-level parts of checks) that hold for every response.
 * Deliberately narrow: bounds every count satisfies (`words >= 0`, `chars != -1`),
 * `x or not x`, two bounds on one measure that together cover every count
 * (`words < 10 or words >= 10`), and the constant `true`.
 */
import type * as A from "../ast.js";
import { CATALOG } from "../diagnostics/catalog.js";
import { constraintDecls } from "../model.js";
import type { CheckContext } from "./context.js";
import {
  asComparison, contains, inInterval, intervalOf, isCmpOp, measureRef, printExpression, sourceText, tighten, unwrap,
  type CmpOp, type Interval,
} from "./meaning-atoms.js";
import type { Typing } from "../typing/table.js";

interface Witness {
  readonly expr: A.Expression;
  readonly reason: string;
}

const NEGATE: Readonly<Record<CmpOp, CmpOp>> = { "==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<" };
const NEVER_NEGATIVE = "counts are never negative";

export function checkAlwaysTrue(ctx: CheckContext): void {
  const decls = constraintDecls(ctx);
  for (let i = 0; i < decls.length; i++) {
    const { decl, file } = decls[i]!;
    if (decl.body?.kind !== "Check") continue;
    const check = decl.body.expression;
    const whole = always(check, true, ctx.typing);
    if (whole) {
      const part = sourceText(ctx.files, file, whole.expr.range);
      const full = sourceText(ctx.files, file, check.range);
      ctx.report(CATALOG.tautology, file, check.range,
        part === full
          ? `the check of \`${decl.id.name}\` always holds: \`${part}\` is true for every response (${whole.reason})`
          : `the check of \`${decl.id.name}\` always holds, because \`${part}\` is true for every response (${whole.reason})`,
        { hint: "Remove the constraint, or write the bound you meant (for example `words >= 1`)." });
      continue;
    }
    // A check that is not a conjunction is its only conjunct, and `always` just found nothing in it.
    const top = unwrap(check);
    if (top.kind !== "Binary" || top.op !== "and") continue;
    for (const part of conjuncts(check)) {
      const w = always(part, true, ctx.typing);
      if (!w) continue;
      ctx.report(CATALOG.tautology, file, part.range,
        `\`${sourceText(ctx.files, file, part.range)}\` is true for every response (${w.reason}), so it adds nothing to the check of \`${decl.id.name}\``,
        { hint: "Remove this condition, or write the bound you meant (for example `words >= 1`)." });
    }
  }
}

function conjuncts(e: A.Expression): A.Expression[] {
  const x = unwrap(e);
  return x.kind === "Binary" && x.op === "and" ? [...conjuncts(x.left), ...conjuncts(x.right)] : [e];
}

/** A reason why `e` always evaluates to `want`, or undefined when it may not. */
function always(e: A.Expression, want: boolean, typing: Typing): Witness | undefined {
  const x = unwrap(e);
  switch (x.kind) {
    case "Boolean":
      return x.value === want ? { expr: x, reason: `it is the constant \`${x.value}\`` } : undefined;
    case "Unary": {
      if (x.op !== "not") return undefined;
      const w = always(x.operand, !want, typing);
      return w && { expr: e, reason: w.reason };
    }
    case "Binary": {
      if (x.op === "and" || x.op === "or") {
        const l = always(x.left, want, typing);
        const r = always(x.right, want, typing);
        // `and` is always true when both sides are; `or` when either is (and dually for false).
        if ((x.op === "and") === want) return l && r ? { expr: e, reason: l.reason } : undefined;
        if (l ?? r) return l ?? r;
        if (x.op === "or" && want) {
          if (complementary(x.left, x.right, typing)) return { expr: e, reason: "one side is the negation of the other" };
          return coveringBounds(x, typing);
        }
        return undefined;
      }
      const c = asComparison(x, typing);
      const m = c ? measureRef(c.measure, typing) : undefined;
      if (!c || !m || typeof c.value !== "number" || m.spec.result === "text") return undefined;
      const op = want ? c.op : NEGATE[c.op];
      const natural = tighten(m.natural, m.integer);
      if (op === "!=") {
        if (inInterval(natural, c.value) && (!m.integer || Number.isInteger(c.value))) return undefined;
        return { expr: e, reason: Number.isInteger(c.value) || !m.integer ? NEVER_NEGATIVE : "counts are whole numbers" };
      }
      return contains(tighten(intervalOf(op, c.value), m.integer), natural) ? { expr: e, reason: NEVER_NEGATIVE } : undefined;
    }
    case "InRange": {
      if (want) return undefined;
      const m = measureRef(x.subject, typing);
      const lo = typing.constOf(x.low, true);
      const hi = typing.constOf(x.high, true);
      if (!m || typeof lo !== "number" || typeof hi !== "number" || lo > hi || m.spec.result === "text") return undefined;
      const iv = tighten({ lo, loOpen: false, hi, hiOpen: false }, m.integer);
      return hi < 0 || iv.lo > iv.hi ? { expr: e, reason: NEVER_NEGATIVE } : undefined;
    }
    default:
      return undefined;
  }
}

/** `x or not x`. */
function complementary(l: A.Expression, r: A.Expression, typing: Typing): boolean {
  const strip = (e: A.Expression): [string, boolean] => {
    const x = unwrap(e);
    if (x.kind === "Unary" && x.op === "not") {
      const [s, neg] = strip(x.operand);
      return [s, !neg];
    }
    return [printExpression(x), false];
  };
  const [ls, ln] = strip(l);
  const [rs, rn] = strip(r);
  return ls === rs && ln !== rn && typing.typeOf(unwrap(l)) !== "unknown";
}

/** `words < 10 or words >= 10`: two bounds on the same measure that leave no count out. */
function coveringBounds(x: A.BinaryExpression, typing: Typing): Witness | undefined {
  const side = (e: A.Expression): { key: string; iv: Interval; natural: Interval } | undefined => {
    const u = unwrap(e);
    if (u.kind !== "Binary" || !isCmpOp(u.op)) return undefined;
    const c = asComparison(u, typing);
    const m = c ? measureRef(c.measure, typing) : undefined;
    if (!c || !m || !m.integer || typeof c.value !== "number" || c.op === "!=") return undefined;
    return { key: m.key, iv: tighten(intervalOf(c.op, c.value), true), natural: tighten(m.natural, true) };
  };
  const a = side(x.left);
  const b = side(x.right);
  if (!a || !b || a.key !== b.key) return undefined;
  let reach = a.natural.lo;
  for (const iv of [a.iv, b.iv].sort((p, q) => p.lo - q.lo)) {
    if (iv.lo > reach) return undefined;
    reach = Math.max(reach, iv.hi + 1);
  }
  return reach === Infinity ? { expr: x, reason: "the two bounds together cover every count" } : undefined;
}
