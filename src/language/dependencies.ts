/**
 * Dependency structure of a contract: what must be dropped with what. Shared by
 * the checker (replay hazards) and the compiler (rewrite rules), so both agree.
 *
 * - `A requires B`: if B is dropped, A is dropped too (A's meaning depends on B).
 * - `couple A, B, ...`: dropping any member drops all.
 *
 * Everything here is near-linear in the size of the contract (issue 8: `couple` of
 * 1,000 members took 52 s, a 12,000-long `requires` chain 59 s): couples are merged
 * with union-find, `requires` cycles found by an iterative Tarjan pass, and the
 * drop closures computed once over the condensed DAG as bitsets indexed by
 * declaration order (so each closure comes out sorted). The checker needs only
 * summaries of the closures (which are blocked, the smallest size), computed in one
 * traversal without materializing them; the language server materializes one
 * closure for a hover. The IR stores no closures: the runtime walks the same edges
 * (src/runtime/drops.ts; test/runtime/drops.test.ts holds the two to agreement).
 */
import type { ContractModel } from "./model.js";

type Deps = Pick<ContractModel, "constraints" | "requires" | "couples">;

export interface DependencyGraph {
  readonly ids: readonly string[];
  /** For each id, the ids that must also be dropped when it is dropped (including itself), in declaration order. */
  dropClosureOf(id: string): readonly string[];
  /** For each id, its prerequisites (direct `requires` targets). */
  readonly prerequisites: ReadonlyMap<string, readonly string[]>;
  readonly nonRemovable: ReadonlySet<string>;
  /** Ids whose drop closure contains a non-removable constraint. */
  readonly blocked: ReadonlySet<string>;
  /** The size of the smallest drop closure of a removable, unblocked constraint (Infinity when there is none). */
  readonly smallestUnblockedClosure: number;
}

/** Union-find over 0..n-1 with path halving and union by size. */
class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }
}

/**
 * Strongly connected components of a directed graph on 0..n-1, iteratively (no
 * recursion, so a 12,000-long chain cannot overflow the stack). Components come out
 * in reverse topological order: every edge leads to the same or an earlier component.
 */
export function stronglyConnected(n: number, edges: readonly (readonly number[])[]): number[][] {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const work: Array<[number, number]> = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    work.push([root, 0]);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const v = frame[0];
      const next = edges[v] ?? [];
      if (frame[1] < next.length) {
        const w = next[frame[1]++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        out.push(comp.sort((a, b) => a - b));
      }
    }
  }
  return out;
}

export function dependencyGraph(c: Deps): DependencyGraph {
  const ids = c.constraints.map((x) => x.id);
  const n = ids.length;
  const pos = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!pos.has(id)) pos.set(id, i);
  });
  const prerequisites = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (c.requires.length === 0 && c.couples.length === 0) return independentGraph(c, ids, pos, prerequisites);
  // Dropping `to` drops `from`: edges point from a constraint to its dependents.
  const dependents: number[][] = Array.from({ length: n }, () => []);
  for (const r of c.requires) {
    const from = pos.get(r.from);
    const to = pos.get(r.to);
    if (from === undefined || to === undefined) continue;
    dependents[to]!.push(from);
    prerequisites.get(r.from)?.push(r.to);
  }
  // Couples: every member drops every other, so each couple set is one node.
  const uf = new UnionFind(n);
  for (const set of c.couples) {
    let first = -1;
    for (const m of set.members) {
      const i = pos.get(m);
      if (i === undefined) continue;
      if (first < 0) first = i;
      else uf.union(first, i);
    }
  }
  // Condense couple groups, then `requires` cycles, into a DAG of components.
  const groupOf = new Int32Array(n);
  const groupIndex = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    let g = groupIndex.get(root);
    if (g === undefined) {
      g = groupIndex.size;
      groupIndex.set(root, g);
    }
    groupOf[i] = g;
  }
  const groupEdges: number[][] = Array.from({ length: groupIndex.size }, () => []);
  for (let to = 0; to < n; to++) for (const from of dependents[to]!) if (groupOf[to] !== groupOf[from]) groupEdges[groupOf[to]!]!.push(groupOf[from]!);
  const sccs = stronglyConnected(groupIndex.size, groupEdges);
  const compOfGroup = new Int32Array(groupIndex.size);
  sccs.forEach((groups, k) => {
    for (const g of groups) compOfGroup[g] = k;
  });
  const compOf = (i: number): number => compOfGroup[groupOf[i]!]!;
  const members: number[][] = sccs.map(() => []);
  for (let i = 0; i < n; i++) members[compOf(i)]!.push(i);
  const succ: Set<number>[] = sccs.map(() => new Set<number>());
  for (let g = 0; g < groupEdges.length; g++) for (const h of groupEdges[g]!) if (compOfGroup[g] !== compOfGroup[h]) succ[compOfGroup[g]!]!.add(compOfGroup[h]!);

  const nonRemovable = new Set(c.constraints.filter((x) => !x.removable).map((x) => x.id));
  // Components come in reverse topological order (successors first), so one pass settles
  // "reaches a non-removable constraint" for every component.
  const blockedComp = new Uint8Array(sccs.length);
  for (let k = 0; k < sccs.length; k++) {
    if (members[k]!.some((i) => nonRemovable.has(ids[i]!))) blockedComp[k] = 1;
    else for (const s of succ[k]!) if (blockedComp[s]) blockedComp[k] = 1;
  }
  const blocked = new Set<string>();
  for (let i = 0; i < n; i++) if (blockedComp[compOf(i)]) blocked.add(ids[i]!);
  // Every closure contains the closure of a sink component it reaches, and a sink's
  // closure is the sink itself; every member of an unblocked component is removable.
  // So the smallest unblocked closure is the smallest unblocked sink.
  let smallestUnblockedClosure = Infinity;
  for (let k = 0; k < sccs.length; k++) {
    if (succ[k]!.size === 0 && !blockedComp[k]) smallestUnblockedClosure = Math.min(smallestUnblockedClosure, members[k]!.length);
  }

  let closures: Uint32Array[] | undefined;
  const words = Math.ceil(n / 32);
  const closureBits = (): Uint32Array[] => {
    if (closures) return closures;
    closures = sccs.map(() => new Uint32Array(words));
    for (let k = 0; k < sccs.length; k++) {
      const bits = closures[k]!;
      for (const i of members[k]!) bits[i >>> 5]! |= 1 << (i & 31);
      for (const s of succ[k]!) {
        const other = closures[s]!;
        for (let w = 0; w < words; w++) bits[w]! |= other[w]!;
      }
    }
    return closures;
  };
  const dropClosureOf = (id: string): readonly string[] => {
    const i = pos.get(id);
    if (i === undefined) return [id];
    const bits = closureBits()[compOf(i)]!;
    const out: string[] = [];
    for (let w = 0; w < words; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const low = word & -word;
        out.push(ids[w * 32 + 31 - Math.clz32(low)]!);
        word ^= low;
      }
    }
    return out;
  };
  return { ids, dropClosureOf, prerequisites, nonRemovable, blocked, smallestUnblockedClosure };
}

/**
 * The graph of a contract without `requires` and `couple`: each constraint drops alone,
 * so the components, closures and their bitsets are skipped; the answers are the ones
 * the general construction gives.
 */
function independentGraph(c: Deps, ids: readonly string[], pos: ReadonlyMap<string, number>, prerequisites: ReadonlyMap<string, readonly string[]>): DependencyGraph {
  const nonRemovable = new Set<string>();
  for (const x of c.constraints) if (!x.removable) nonRemovable.add(x.id);
  // A constraint is blocked when its id names a non-removable one (ids may repeat in erroneous files).
  const blocked = new Set<string>();
  let smallestUnblockedClosure = Infinity;
  for (const id of ids) {
    if (nonRemovable.has(id)) blocked.add(id);
    else smallestUnblockedClosure = 1;
  }
  const dropClosureOf = (id: string): readonly string[] => {
    const i = pos.get(id);
    return [i === undefined ? id : ids[i]!];
  };
  return { ids, dropClosureOf, prerequisites, nonRemovable, blocked, smallestUnblockedClosure };
}

/** Strongly connected components of the `requires` graph with more than one member (cycles), in declaration order. */
export function requiresCycles(c: Pick<ContractModel, "constraints" | "requires">): string[][] {
  if (c.requires.length === 0) return [];
  const ids = c.constraints.map((x) => x.id);
  const pos = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!pos.has(id)) pos.set(id, i);
  });
  const edges: number[][] = Array.from({ length: ids.length }, () => []);
  for (const r of c.requires) {
    const from = pos.get(r.from);
    const to = pos.get(r.to);
    if (from !== undefined && to !== undefined) edges[from]!.push(to);
  }
  return stronglyConnected(ids.length, edges)
    .filter((comp) => comp.length > 1)
    .map((comp) => comp.map((i) => ids[i]!));
}
