/**
 * What a hindsight rewrite drops, and why, computed from the IR's own edges
 * (`constraints[].requires` and `couples`): the IR stores no closures, so its size
 * stays linear in the contract (issue 8: a 12,000-long `requires` chain stored
 * 72 million closure entries).
 *
 * - `A requires B`: dropping B drops A (A may have failed only because of B).
 * - `couple A, B, ...`: dropping any member drops all.
 *
 * One breadth-first traversal from the failed constraints, in contract order; the
 * first edge that reaches a constraint names its cause. Linear: every constraint is
 * queued once, every `requires` edge followed once, every coupled set expanded once
 * (when its first member is reached, all its members are).
 */
import type { CompiledContract } from "../compiler/ir.js";

/**
 * Why a constraint is dropped. `failed`: it failed on its own; `requires`: it
 * requires a dropped constraint (it may have failed only because of that
 * prerequisite); `coupled`: it is coupled with one.
 */
export type DropCause = "failed" | "requires" | "coupled";

export interface DroppedConstraint {
  readonly id: string;
  readonly cause: DropCause;
  /** For `requires` and `coupled`: the dropped constraint that pulled it in. */
  readonly via?: string;
}

/** The IR's edges, reversed for the traversal: who depends on a constraint, which coupled sets hold it. */
interface DropEdges {
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  readonly setsOf: ReadonlyMap<string, readonly number[]>;
}

const edgesByContract = new WeakMap<CompiledContract, DropEdges>();

/** The reversed edges of a contract object, built once (a trainer asks for every failed rollout). */
function dropEdges(contract: CompiledContract): DropEdges {
  let edges = edgesByContract.get(contract);
  if (!edges) {
    edges = buildDropEdges(contract);
    edgesByContract.set(contract, edges);
  }
  return edges;
}

function buildDropEdges(contract: CompiledContract): DropEdges {
  // Only constraints with dependents or coupled sets get an entry (a lookup that misses
  // means none): a 12,000-long chain needs no 24,000 empty lists.
  const ids = new Set<string>();
  for (const c of contract.constraints) ids.add(c.id);
  const dependents = new Map<string, string[]>();
  for (const c of contract.constraints) {
    for (const p of c.requires) {
      if (!ids.has(p)) continue;
      const list = dependents.get(p);
      if (list === undefined) dependents.set(p, [c.id]);
      else list.push(c.id);
    }
  }
  const setsOf = new Map<string, number[]>();
  contract.couples.forEach((set, k) => {
    for (const m of set) {
      if (!ids.has(m)) continue;
      const list = setsOf.get(m);
      if (list === undefined) setsOf.set(m, [k]);
      else list.push(k);
    }
  });
  return { dependents, setsOf };
}

/**
 * Everything dropped when `failed` go, each with its cause, in traversal order.
 * Causes are traced from `ownFailures` (the failures not explained by a failed
 * prerequisite); what only the other failed constraints reach (inconsistent
 * verdicts) is dropped too, with the cause `failed`.
 */
export function dropsOf(contract: CompiledContract, failed: readonly string[], ownFailures: readonly string[]): Map<string, DroppedConstraint> {
  const { dependents, setsOf } = dropEdges(contract);
  const expanded = new Uint8Array(contract.couples.length);
  const drops = new Map<string, DroppedConstraint>();
  const queue: string[] = [];
  let traced = true;
  const reach = (id: string, cause: DropCause, via: string): void => {
    if (drops.has(id)) return;
    drops.set(id, traced ? { id, cause, via } : { id, cause: "failed" });
    queue.push(id);
  };
  const drain = (): void => {
    for (let i = 0; i < queue.length; i++) {
      const cur = queue[i]!;
      const deps = dependents.get(cur);
      if (deps !== undefined) for (let j = 0; j < deps.length; j++) reach(deps[j]!, "requires", cur);
      const sets = setsOf.get(cur);
      if (sets === undefined) continue;
      for (const k of sets) {
        if (expanded[k]) continue;
        expanded[k] = 1;
        for (const m of contract.couples[k]!) reach(m, "coupled", cur);
      }
    }
    queue.length = 0;
  };
  for (const f of ownFailures) {
    drops.set(f, { id: f, cause: "failed" });
    queue.push(f);
  }
  drain();
  traced = false;
  for (const f of failed) {
    if (drops.has(f)) continue;
    drops.set(f, { id: f, cause: "failed" });
    queue.push(f);
  }
  drain();
  return drops;
}
