/**
 * Replay invariants, checked on every ledger the tests produce: a replay never
 * keeps a constraint its response failed, never drops a safety (or otherwise
 * non-removable) constraint, never splits a coupled set, and passes
 * re-verification of everything it keeps.
 */
import { expect } from "vitest";
import type { TaskEnv } from "../../../src/trainer/env.js";
import type { LedgerEntry } from "../../../src/trainer/records.js";

export interface InvariantCount {
  readonly replays: number;
  readonly eligible: number;
}

export function checkLedgerInvariants(ledger: readonly LedgerEntry[], envs: readonly TaskEnv[]): InvariantCount {
  const byId = new Map(envs.map((e) => [e.id, e]));
  let replays = 0;
  let eligible = 0;
  for (const e of ledger) {
    const env = byId.get(e.prompt);
    expect(env, `ledger entry for unknown task ${e.prompt}`).toBeDefined();
    if (!env) continue;
    if (e.selected) {
      expect(e.eligible).toBe(true);
      replays++;
    }
    if (!e.eligible) {
      expect(e.rewrite).toBeNull();
      expect(e.refusal).not.toBeNull();
      continue;
    }
    eligible++;
    const rw = e.rewrite;
    expect(rw).not.toBeNull();
    if (!rw) continue;
    expect(e.cla).toBeGreaterThan(0);
    expect(e.cla).toBeLessThan(1);
    for (const id of rw.kept) {
      expect(e.verdicts[id], `${e.prompt}: kept ${id}, which did not pass`).toBe("pass");
      expect(rw.reverified[id], `${e.prompt}: kept ${id} not re-verified as pass`).toBe("pass");
    }
    expect(Object.keys(rw.reverified).sort()).toEqual([...rw.kept].sort());
    const kept = new Set(rw.kept);
    for (const c of env.constraints) {
      if (c.role === "safety" || !c.removable) expect(kept.has(c.id), `${e.prompt}: dropped non-removable ${c.id}`).toBe(true);
      if (kept.has(c.id)) for (const r of c.requires) expect(kept.has(r), `${e.prompt}: kept ${c.id} without its prerequisite ${r}`).toBe(true);
    }
    for (const set of env.couples) {
      const n = set.filter((id) => kept.has(id)).length;
      expect(n === 0 || n === set.length, `${e.prompt}: split coupled set ${set.join(",")}`).toBe(true);
    }
    expect(new Set([...rw.kept, ...rw.dropped.map((d) => d.id)]).size).toBe(env.constraintIds.length);
  }
  return { replays, eligible };
}
