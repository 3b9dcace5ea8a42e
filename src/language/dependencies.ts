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
 * A directed graph on 0..n-1 in compressed form: the successors of `v` are
 * `targets[offsets[v] .. offsets[v + 1])`, in the order the edges were added.
 * One pair of typed arrays instead of an array per node (a 12,000-long chain).
 */
interface Csr {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

/** Builds the compressed graph of the edges `src[k] -> dst[k]` (skipping `src[k] < 0`), keeping each node's edges in order k. */
function csr(n: number, src: Int32Array, dst: Int32Array): Csr {
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < src.length; k++) if (src[k]! >= 0) offsets[src[k]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]!);
  for (let k = 0; k < src.length; k++) if (src[k]! >= 0) targets[fill[src[k]!]!++] = dst[k]!;
  return { offsets, targets };
}

/**
 * A contract's constraints by position and its `requires` as pairs of positions (-1
 * when an end names no constraint). The checker asks for the cycles and for the graph
 * of the same contract: both read this, computed once per contract.
 */
interface RequiresIndex {
  readonly requires: Deps["requires"];
  readonly ids: readonly string[];
  readonly pos: ReadonlyMap<string, number>;
  readonly from: Int32Array;
  readonly to: Int32Array;
}

const INDEXES = new WeakMap<Deps["constraints"], RequiresIndex>();

function requiresIndex(c: Pick<Deps, "constraints" | "requires">): RequiresIndex {
  const known = INDEXES.get(c.constraints);
  if (known && known.requires === c.requires) return known;
  const ids = c.constraints.map((x) => x.id);
  // The first position of each id (ids may repeat in erroneous files).
  const pos = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) if (!pos.has(ids[i]!)) pos.set(ids[i]!, i);
  const from = new Int32Array(c.requires.length);
  const to = new Int32Array(c.requires.length);
  for (let k = 0; k < c.requires.length; k++) {
    const r = c.requires[k]!;
    const f = pos.get(r.from);
    const t = pos.get(r.to);
    const ok = f !== undefined && t !== undefined;
    from[k] = ok ? f : -1;
    to[k] = ok ? t : -1;
  }
  const index: RequiresIndex = { requires: c.requires, ids, pos, from, to };
  INDEXES.set(c.constraints, index);
  return index;
}

/** Strongly connected components: the component of each node, numbered in the order Tarjan's algorithm completes them. */
interface Components {
  readonly count: number;
  readonly of: Int32Array;
}

/**
 * Tarjan's algorithm, iteratively (no recursion, so a 12,000-long chain cannot overflow
 * the stack) and on typed arrays. Components are numbered in reverse topological order:
 * every edge leads to the same or an earlier component.
 */
function components(n: number, g: Csr): Components {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const of = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  let sp = 0;
  let wp = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    workNode[wp] = root;
    workEdge[wp++] = g.offsets[root]!;
    while (wp > 0) {
      const v = workNode[wp - 1]!;
      const e = workEdge[wp - 1]!;
      if (e < g.offsets[v + 1]!) {
        workEdge[wp - 1] = e + 1;
        const w = g.targets[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          workNode[wp] = w;
          workEdge[wp++] = g.offsets[w]!;
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      wp--;
      if (wp > 0) {
        const parent = workNode[wp - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          of[w] = count;
        } while (w !== v);
        count++;
      }
    }
  }
  return { count, of };
}

/** The members of each component, each list in ascending order. */
function membersOf(n: number, comps: Components): number[][] {
  const members: number[][] = [];
  for (let k = 0; k < comps.count; k++) members.push([]);
  for (let i = 0; i < n; i++) members[comps.of[i]!]!.push(i);
  return members;
}

/**
 * Strongly connected components of a directed graph on 0..n-1, each sorted, in reverse
 * topological order: every edge leads to the same or an earlier component.
 */
export function stronglyConnected(n: number, edges: readonly (readonly number[])[]): number[][] {
  const from: number[] = [];
  const to: number[] = [];
  for (let v = 0; v < n; v++) for (const w of edges[v] ?? []) { from.push(v); to.push(w); }
  return membersOf(n, components(n, csr(n, Int32Array.from(from), Int32Array.from(to))));
}

/** For each id, its direct `requires` targets (built on demand: only the language server's hover reads it). */
function prerequisitesOf(c: Deps, ids: readonly string[], pos: ReadonlyMap<string, number>): Map<string, string[]> {
  const prerequisites = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const r of c.requires) if (pos.has(r.from) && pos.has(r.to)) prerequisites.get(r.from)?.push(r.to);
  return prerequisites;
}

export function dependencyGraph(c: Deps): DependencyGraph {
  const { ids, pos, from: reqFrom, to: reqTo } = requiresIndex(c);
  const n = ids.length;
  if (c.requires.length === 0 && c.couples.length === 0) return independentGraph(c, ids, pos);
  // Couples: every member drops every other, so each couple set is one node (a group).
  const groupOf = new Int32Array(n);
  let groups = n;
  if (c.couples.length === 0) {
    for (let i = 0; i < n; i++) groupOf[i] = i;
  } else {
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
    const groupOfRoot = new Int32Array(n).fill(-1);
    groups = 0;
    for (let i = 0; i < n; i++) {
      const root = uf.find(i);
      if (groupOfRoot[root] === -1) groupOfRoot[root] = groups++;
      groupOf[i] = groupOfRoot[root]!;
    }
  }
  // Condense couple groups, then `requires` cycles, into a DAG of components.
  // Dropping `to` drops `from`: edges point from a constraint to its dependents.
  const dependents = csr(n, reqTo, reqFrom);
  const edgeSrc = new Int32Array(dependents.targets.length).fill(-1);
  const edgeDst = new Int32Array(dependents.targets.length);
  for (let to = 0, k = 0; to < n; to++) {
    for (let e = dependents.offsets[to]!; e < dependents.offsets[to + 1]!; e++) {
      const from = dependents.targets[e]!;
      if (groupOf[to] !== groupOf[from]) { edgeSrc[k] = groupOf[to]!; edgeDst[k++] = groupOf[from]!; }
    }
  }
  const groupEdges = csr(groups, edgeSrc, edgeDst);
  const comps = components(groups, groupEdges);
  const compCount = comps.count;
  const compOf = (i: number): number => comps.of[groupOf[i]!]!;
  // Component -> its groups, and each component's size in constraints.
  const identity = new Int32Array(groups);
  for (let g = 0; g < groups; g++) identity[g] = g;
  const groupsOfComp = csr(compCount, comps.of, identity);
  const size = new Int32Array(compCount);
  for (let i = 0; i < n; i++) size[compOf(i)]!++;
  /** Calls `visit` with each component an edge leaves `k` for (repeats included). */
  const eachSuccessor = (k: number, visit: (s: number) => void): void => {
    for (let x = groupsOfComp.offsets[k]!; x < groupsOfComp.offsets[k + 1]!; x++) {
      const g = groupsOfComp.targets[x]!;
      for (let e = groupEdges.offsets[g]!; e < groupEdges.offsets[g + 1]!; e++) {
        const s = comps.of[groupEdges.targets[e]!]!;
        if (s !== k) visit(s);
      }
    }
  };

  const nonRemovable = new Set<string>();
  for (const x of c.constraints) if (!x.removable) nonRemovable.add(x.id);
  // Components come in reverse topological order (successors first), so one pass settles
  // "reaches a non-removable constraint" for every component.
  const blockedComp = new Uint8Array(compCount);
  const hasSuccessor = new Uint8Array(compCount);
  for (let i = 0; i < n; i++) if (nonRemovable.has(ids[i]!)) blockedComp[compOf(i)] = 1;
  for (let k = 0; k < compCount; k++) {
    eachSuccessor(k, (s) => {
      hasSuccessor[k] = 1;
      if (blockedComp[s]) blockedComp[k] = 1;
    });
  }
  const blocked = new Set<string>();
  for (let i = 0; i < n; i++) if (blockedComp[compOf(i)]) blocked.add(ids[i]!);
  // Every closure contains the closure of a sink component it reaches, and a sink's
  // closure is the sink itself; every member of an unblocked component is removable.
  // So the smallest unblocked closure is the smallest unblocked sink.
  let smallestUnblockedClosure = Infinity;
  for (let k = 0; k < compCount; k++) {
    if (!hasSuccessor[k] && !blockedComp[k]) smallestUnblockedClosure = Math.min(smallestUnblockedClosure, size[k]!);
  }

  let closures: Uint32Array[] | undefined;
  const words = Math.ceil(n / 32);
  const closureBits = (): Uint32Array[] => {
    if (closures) return closures;
    const all: Uint32Array[] = [];
    for (let k = 0; k < compCount; k++) all.push(new Uint32Array(words));
    for (let i = 0; i < n; i++) all[compOf(i)]![i >>> 5]! |= 1 << (i & 31);
    for (let k = 0; k < compCount; k++) {
      const bits = all[k]!;
      eachSuccessor(k, (s) => {
        const other = all[s]!;
        for (let w = 0; w < words; w++) bits[w]! |= other[w]!;
      });
    }
    closures = all;
    return all;
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
  let prerequisites: Map<string, string[]> | undefined;
  return {
    ids, dropClosureOf, nonRemovable, blocked, smallestUnblockedClosure,
    get prerequisites() { return (prerequisites ??= prerequisitesOf(c, ids, pos)); },
  };
}

/**
 * The graph of a contract without `requires` and `couple`: each constraint drops alone,
 * so the components, closures and their bitsets are skipped; the answers are the ones
 * the general construction gives.
 */
function independentGraph(c: Deps, ids: readonly string[], pos: ReadonlyMap<string, number>): DependencyGraph {
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
  let prerequisites: Map<string, string[]> | undefined;
  return {
    ids, dropClosureOf, nonRemovable, blocked, smallestUnblockedClosure,
    get prerequisites() { return (prerequisites ??= prerequisitesOf(c, ids, pos)); },
  };
}

/** Strongly connected components of the `requires` graph with more than one member (cycles), in declaration order. */
export function requiresCycles(c: Pick<ContractModel, "constraints" | "requires">): string[][] {
  if (c.requires.length === 0) return [];
  const { ids, from, to } = requiresIndex(c);
  const comps = components(ids.length, csr(ids.length, from, to));
  // A chain or any other acyclic graph has one component per constraint: nothing to list.
  if (comps.count === ids.length) return [];
  return membersOf(ids.length, comps)
    .filter((comp) => comp.length > 1)
    .map((comp) => comp.map((i) => ids[i]!));
}
