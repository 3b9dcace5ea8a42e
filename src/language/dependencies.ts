/**
 * Dependency structure of a contract: what must be dropped with what. Shared by
 * the checker (replay hazards) and the compiler (rewrite rules), so both agree.
 *
 * - `A requires B`: if B is dropped, A is dropped too (A's meaning depends on B).
 * - `couple A, B, ...`: dropping any member drops all.
 */
import type { ContractModel } from "./model.js";

export interface DependencyGraph {
  readonly ids: readonly string[];
  /** For each id, the ids that must also be dropped when it is dropped (including itself). */
  readonly dropClosure: ReadonlyMap<string, readonly string[]>;
  /** For each id, its prerequisites (direct `requires` targets). */
  readonly prerequisites: ReadonlyMap<string, readonly string[]>;
  readonly nonRemovable: ReadonlySet<string>;
}

export function dependencyGraph(c: Pick<ContractModel, "constraints" | "requires" | "couples">): DependencyGraph {
  const ids = c.constraints.map((x) => x.id);
  const known = new Set(ids);
  const dependents = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  const prerequisites = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const r of c.requires) {
    if (!known.has(r.from) || !known.has(r.to)) continue;
    dependents.get(r.to)?.add(r.from);
    prerequisites.get(r.from)?.push(r.to);
  }
  const coupledWith = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  for (const set of c.couples) {
    const members = set.members.filter((m) => known.has(m));
    for (const m of members) for (const o of members) if (o !== m) coupledWith.get(m)?.add(o);
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  const dropClosure = new Map<string, string[]>();
  for (const id of ids) {
    const seen = new Set<string>([id]);
    const stack = [id];
    while (stack.length > 0) {
      const cur = stack.pop() as string;
      for (const next of [...(dependents.get(cur) ?? []), ...(coupledWith.get(cur) ?? [])]) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    dropClosure.set(id, [...seen].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
  }
  const nonRemovable = new Set(c.constraints.filter((x) => !x.removable).map((x) => x.id));
  return { ids, dropClosure, prerequisites, nonRemovable };
}

/** Strongly connected components of the `requires` graph with more than one member (cycles). */
export function requiresCycles(c: Pick<ContractModel, "constraints" | "requires">): string[][] {
  const ids = c.constraints.map((x) => x.id);
  const edges = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const r of c.requires) edges.get(r.from)?.push(r.to);
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort((a, b) => ids.indexOf(a) - ids.indexOf(b)));
    }
  };
  for (const id of ids) if (!idx.has(id)) strong(id);
  return out;
}
