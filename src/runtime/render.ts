/**
 * Rendering of instructions: the task text (the prompt) plus constraint clauses in
 * the contract's layout and placement. The same function renders the original
 * instruction q and the hindsight instruction q' (a subset of clauses), so both
 * read alike.
 */
import type { CompiledContract, Template } from "../compiler/ir.js";
import { inputText, resolveInputsOrThrow, type ResolvedInputs } from "./inputs.js";

export function renderTemplate(t: Template, values: ResolvedInputs): string {
  let out = "";
  for (const p of t) {
    if (p.kind === "text") {
      out += p.value;
    } else {
      const v = values[p.name];
      if (v === undefined) throw new Error(`internal: no value for input \`${p.name}\``);
      out += inputText(v);
    }
  }
  return out;
}

/** The clauses block alone, laid out per the contract (no task text). */
export function renderClauses(contract: CompiledContract, values: ResolvedInputs, ids?: readonly string[]): string {
  const chosen = selectConstraints(contract, ids);
  const clauses = chosen.map((c) => renderTemplate(c.clause, values).trim()).filter((c) => c !== "");
  switch (contract.rewrite.layout) {
    case "inline": return clauses.join(" ");
    case "lines": return clauses.join("\n");
    case "numbered": return clauses.map((c, i) => `${i + 1}. ${c}`).join("\n");
    case "bullets": return clauses.map((c) => `- ${c}`).join("\n");
  }
}

function selectConstraints(contract: CompiledContract, ids?: readonly string[]): CompiledContract["constraints"] {
  if (!ids) return contract.constraints;
  const known = new Set(contract.constraints.map((c) => c.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`\`${contract.id}\` has no constraint ${unknown.map((u) => `\`${u}\``).join(", ")}`);
  const wanted = new Set(ids);
  return contract.constraints.filter((c) => wanted.has(c.id));
}

/** Renders with already-validated inputs (the runtime's internal entry point). */
export function renderInstruction(contract: CompiledContract, values: ResolvedInputs, ids?: readonly string[]): string {
  const task = renderTemplate(contract.prompt, values).trim();
  const clauses = renderClauses(contract, values, ids);
  if (clauses === "") return task;
  if (task === "") return clauses;
  const sep = contract.rewrite.layout === "inline" ? " " : "\n\n";
  return contract.rewrite.placement === "before" ? `${clauses}${sep}${task}` : `${task}${sep}${clauses}`;
}

/**
 * The instruction text: the prompt plus the clauses of `constraintIds` (default: all,
 * in contract order) laid out per the contract's `layout` and `placement`. Inline
 * layout joins clauses (and the task) with spaces; the other layouts put the clause
 * block in its own paragraph. Throws InputError for invalid inputs and Error for
 * unknown constraint ids.
 */
export function render(contract: CompiledContract, inputs: Readonly<Record<string, unknown>>, constraintIds?: readonly string[]): string {
  return renderInstruction(contract, resolveInputsOrThrow(contract, inputs), constraintIds);
}
