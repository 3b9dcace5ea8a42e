/**
 * Replay hazards: structures that make hindsight replay impossible or that
 * silently bar whole classes of failures from replay.
 */
import { CATALOG } from "../diagnostics/catalog.js";
import { dependencyGraph } from "../dependencies.js";
import type * as A from "../ast.js";
import type { ContractModel, ResolvedConstraint } from "../model.js";
import type { CheckContext } from "./context.js";

export function checkReplayHazards(ctx: CheckContext): void {
  for (const c of ctx.contracts) checkContract(ctx, c);
}

function checkContract(ctx: CheckContext, c: ContractModel): void {
  if (c.constraints.length === 0) return;
  let removable = 0;
  for (let i = 0; i < c.constraints.length; i++) if (c.constraints[i]!.removable) removable++;
  if (removable === 0) {
    ctx.report(CATALOG.noRemovableConstraint, c.file, c.decl.name.range,
      `every constraint of \`${c.name}\` is safety or pinned, so no failed response can ever be replayed`);
    return;
  }
  const graph = dependencyGraph(c);
  const byId = new Map<string, ResolvedConstraint>();
  if (c.couples.length > 0 || c.requires.length > 0) {
    for (let i = 0; i < c.constraints.length; i++) byId.set(c.constraints[i]!.id, c.constraints[i]!);
  }
  for (const set of c.couples) {
    const someRemovable = set.members.some((o) => byId.get(o)?.removable);
    for (const m of set.members) {
      const x = byId.get(m);
      if (x && !x.removable && someRemovable) {
        const at = set.decl.members.find((id) => id.name === m);
        ctx.report(CATALOG.safetyCoupled, set.file, at?.range ?? set.decl.range,
          `\`${m}\` is ${x.role === "safety" ? "a safety" : "a pinned"} constraint coupled with removable ones: any response failing ${set.members.filter((o) => o !== m).map((o) => `\`${o}\``).join(" or ")} becomes ineligible for replay`);
      }
    }
  }
  for (const r of c.requires) {
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    if (from && to && !from.removable && to.removable) {
      ctx.report(CATALOG.safetyRequiredByRemovable, r.file, r.targetRange,
        `\`${r.from}\` (${from.role === "safety" ? "safety" : "pinned"}) requires removable \`${r.to}\`: any response failing \`${r.to}\` becomes ineligible for replay, since dropping it would drop \`${r.from}\``, {
          hint: `Pin \`${r.to}\` too if it must always hold, or reverse the dependency.`,
        });
    }
  }
  // The most a replay can keep: all constraints minus the smallest drop-closure of a removable constraint.
  let unblocked = 0;
  for (let i = 0; i < c.constraints.length; i++) {
    const x = c.constraints[i]!;
    if (x.removable && !graph.blocked.has(x.id)) unblocked++;
  }
  if (unblocked < removable / 2 && removable > 0) {
    ctx.report(CATALOG.allDropClosuresBlocked, c.file, c.decl.name.range,
      `${removable - unblocked} of ${removable} removable constraints of \`${c.name}\` cannot be dropped without dropping a safety or pinned constraint`);
  }
  const smallest = graph.smallestUnblockedClosure;
  const maxKept = Number.isFinite(smallest) ? c.constraints.length - smallest : 0;
  const minKeptDecl = minKeptSetting(c);
  if (minKeptDecl && c.replay.minKept > maxKept) {
    ctx.report(CATALOG.minKeptTooHigh, c.file, minKeptDecl.value.range,
      `\`min_kept ${c.replay.minKept}\` cannot be met: a replay of \`${c.name}\` keeps at most ${maxKept} of its ${c.constraints.length} constraints`, {
        hint: `Lower it to ${Math.max(1, maxKept)} or less${maxKept === 0 ? ", or make some constraints removable without dependencies on safety ones" : ""}.`,
      });
  }
}

/** The first `min_kept` setting in the contract's replay blocks. */
function minKeptSetting(c: ContractModel): A.ReplaySetting | undefined {
  for (let i = 0; i < c.decl.members.length; i++) {
    const m = c.decl.members[i]!;
    if (m.kind !== "Replay") continue;
    for (const s of m.settings) if (s.name.name === "min_kept") return s;
  }
  return undefined;
}
