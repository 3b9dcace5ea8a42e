/** Shared phrasing helpers for default clauses. */
import type { ClauseContext } from "./types.js";

export function quantity(c: ClauseContext, singular: string, plural: string): string | undefined {
  const n = c.value;
  if (n === undefined) return undefined;
  const unit = (k: number) => (k === 1 ? singular : plural);
  switch (c.op) {
    case "==": return `exactly ${n} ${unit(n)}`;
    case "!=": return `any number of ${plural} other than ${n}`;
    case "<": return `fewer than ${n} ${unit(n)}`;
    case "<=": return `at most ${n} ${unit(n)}`;
    case ">": return `more than ${n} ${unit(n)}`;
    case ">=": return `at least ${n} ${unit(n)}`;
    case "in": return c.high === undefined ? undefined : `between ${n} and ${c.high} ${plural}`;
    default: return undefined;
  }
}

export function where(c: ClauseContext): string {
  return c.subject ? ` in ${c.subject}` : "";
}

export function quote(v: unknown): string {
  return `"${String(v)}"`;
}

export function sentence(s: string): string {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}
