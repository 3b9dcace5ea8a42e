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
  // The Tarjan stack and the DFS stack (node, next edge) as typed arrays: a 12,000-node
  // graph would otherwise allocate a frame per node for the collector to copy.
  const stack = new Int32Array(n);
  let sp = 0;
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  let depth = 0;
  const out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    workNode[0] = root;
    workEdge[0] = 0;
    depth = 1;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth > 0) {
      const top = depth - 1;
      const v = workNode[top]!;
      const next = edges[v];
      const e = workEdge[top]!;
      if (next !== undefined && e < next.length) {
        workEdge[top] = e + 1;
        const w = next[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          workNode[depth] = w;
          workEdge[depth] = 0;
          depth++;
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = workNode[depth - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        out.push(comp.length > 1 ? comp.sort((x, y) => x - y) : comp);
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
  const prerequisitesOf = (): Map<string, string[]> => {
    const pre = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const r of c.requires) {
      if (pos.has(r.from) && pos.has(r.to)) pre.get(r.from)?.push(r.to);
    }
    return pre;
  };
  if (c.requires.length === 0 && c.couples.length === 0) return independentGraph(c, ids, pos, prerequisitesOf);
  // Dropping `to` drops `from`: edges point from a constraint to its dependents.
  const dependents: number[][] = new Array<number[]>(n);
  for (const r of c.requires) {
    const from = pos.get(r.from);
    const to = pos.get(r.to);
    if (from === undefined || to === undefined) continue;
    const list = dependents[to];
    if (list) list.push(from);
    else dependents[to] = [from];
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
  const groupOfRoot = new Int32Array(n).fill(-1);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    if (groupOfRoot[root] === -1) groupOfRoot[root] = groups++;
    groupOf[i] = groupOfRoot[root]!;
  }
  const groupEdges: number[][] = new Array<number[]>(groups);
  for (let to = 0; to < n; to++) {
    const list = dependents[to];
    if (!list) continue;
    const g = groupOf[to]!;
    for (const from of list) {
      const h = groupOf[from]!;
      if (g === h) continue;
      const out = groupEdges[g];
      if (out) out.push(h);
      else groupEdges[g] = [h];
    }
  }
  const sccs = stronglyConnected(groups, groupEdges);
  const compOfGroup = new Int32Array(groups);
  sccs.forEach((members, k) => {
    for (const g of members) compOfGroup[g] = k;
  });
  const compOf = (i: number): number => compOfGroup[groupOf[i]!]!;
  const members: number[][] = new Array<number[]>(sccs.length);
  for (let i = 0; i < n; i++) {
    const k = compOf(i);
    const list = members[k];
    if (list) list.push(i);
    else members[k] = [i];
  }
  // Successor components without repeats (order is irrelevant to every use below).
  const succ: number[][] = new Array<number[]>(sccs.length);
  const seenBy = new Int32Array(sccs.length).fill(-1);
  for (let k = 0; k < sccs.length; k++) {
    const list: number[] = [];
    for (const g of sccs[k]!) {
      for (const h of groupEdges[g] ?? []) {
        const kh = compOfGroup[h]!;
        if (kh === k || seenBy[kh] === k) continue;
        seenBy[kh] = k;
        list.push(kh);
      }
    }
    succ[k] = list;
  }

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
    if (succ[k]!.length === 0 && !blockedComp[k]) smallestUnblockedClosure = Math.min(smallestUnblockedClosure, members[k]!.length);
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
  return withLazyPrerequisites({ ids, dropClosureOf, nonRemovable, blocked, smallestUnblockedClosure }, prerequisitesOf);
}

/** The prerequisites map is built on first read: the checker never reads it, a hover does. */
function withLazyPrerequisites(graph: Omit<DependencyGraph, "prerequisites">, build: () => ReadonlyMap<string, readonly string[]>): DependencyGraph {
  let built: ReadonlyMap<string, readonly string[]> | undefined;
  return {
    ...graph,
    get prerequisites(): ReadonlyMap<string, readonly string[]> {
      built ??= build();
      return built;
    },
  };
}

/**
 * The graph of a contract without `requires` and `couple` (most contracts): each
 * constraint drops alone, so the general construction's typed arrays and components
 * are skipped; the answers are the ones it would give.
 */
function independentGraph(c: Deps, ids: readonly string[], pos: ReadonlyMap<string, number>, prerequisites: () => ReadonlyMap<string, readonly string[]>): DependencyGraph {
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
  return withLazyPrerequisites({ ids, dropClosureOf, nonRemovable, blocked, smallestUnblockedClosure }, prerequisites);
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
