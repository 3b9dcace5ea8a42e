/**
 * Replay hazards: structures that make hindsight replay impossible or that
 * silently bar whole classes of failures from replay.
 */
import { CATALOG } from "../diagnostics/catalog.js";
import { dependencyGraph } from "../dependencies.js";
import type { ContractModel } from "../model.js";
import type { CheckContext } from "./context.js";

export function checkReplayHazards(ctx: CheckContext): void {
  for (const c of ctx.contracts) checkContract(ctx, c);
}

function checkContract(ctx: CheckContext, c: ContractModel): void {
  if (c.constraints.length === 0) return;
  const graph = dependencyGraph(c);
  const removable = c.constraints.filter((x) => x.removable);
  const byId = new Map(c.constraints.map((x) => [x.id, x]));
  if (removable.length === 0) {
    ctx.report(CATALOG.noRemovableConstraint, c.file, c.decl.name.range,
      `every constraint of \`${c.name}\` is safety or pinned, so no failed response can ever be replayed`);
    return;
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
  const unblocked = removable.filter((x) => !graph.blocked.has(x.id));
  if (unblocked.length < removable.length / 2 && removable.length > 0) {
    ctx.report(CATALOG.allDropClosuresBlocked, c.file, c.decl.name.range,
      `${removable.length - unblocked.length} of ${removable.length} removable constraints of \`${c.name}\` cannot be dropped without dropping a safety or pinned constraint`);
  }
  const smallest = graph.smallestUnblockedClosure;
  const maxKept = Number.isFinite(smallest) ? c.constraints.length - smallest : 0;
  const minKeptDecl = c.decl.members.flatMap((m) => (m.kind === "Replay" ? m.settings : [])).find((s) => s.name.name === "min_kept");
  if (minKeptDecl && c.replay.minKept > maxKept) {
    ctx.report(CATALOG.minKeptTooHigh, c.file, minKeptDecl.value.range,
      `\`min_kept ${c.replay.minKept}\` cannot be met: a replay of \`${c.name}\` keeps at most ${maxKept} of its ${c.constraints.length} constraints`, {
        hint: `Lower it to ${Math.max(1, maxKept)} or less${maxKept === 0 ? ", or make some constraints removable without dependencies on safety ones" : ""}.`,
      });
  }
}
