/** `requires` cycles: a cycle means none of its members can be dropped alone. */
import { CATALOG } from "../diagnostics/catalog.js";
import { requiresCycles } from "../dependencies.js";
import type { CheckContext } from "./context.js";

export function checkDependencyCycles(ctx: CheckContext): void {
  for (const c of ctx.contracts) {
    for (const cycle of requiresCycles(c)) {
      const inCycle = new Set(cycle);
      const edges = c.requires.filter((r) => inCycle.has(r.from) && inCycle.has(r.to));
      const first = edges[0];
      if (!first) continue;
      ctx.report(CATALOG.requiresCycle, first.file, first.subjectRange, `\`requires\` cycle: ${[...cycle, cycle[0]].join(" -> ")}`, {
        hint: `If they stand or fall together, say so: \`couple ${cycle.join(", ")}\`.`,
        related: edges.slice(1).map((r) => ({ file: r.file, range: r.subjectRange, message: `${r.from} requires ${r.to}` })),
      });
    }
  }
}
