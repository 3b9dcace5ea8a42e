/** Unused inputs and imports, empty contracts, missing prompts, repeated clauses. */
import type * as A from "../ast.js";
import { CATALOG } from "../diagnostics/catalog.js";
import type { ContractModel } from "../model.js";
import { resolveImport } from "../paths.js";
import { walkExpression, type CheckContext } from "./context.js";

export function checkHygiene(ctx: CheckContext): void {
  for (const c of ctx.contracts) {
    // Only inputs can be unused: a contract without any needs no walk of its checks and texts.
    const used = c.inputs.length > 0 ? usedInputs(ctx, c) : undefined;
    for (const i of c.inputs) {
      if (!used?.has(i.name.name)) {
        ctx.report(CATALOG.unusedInput, c.file, i.name.range, `input \`${i.name.name}\` is never used`, {
          hint: `Use it as \`{{${i.name.name}}}\` in the prompt or a clause, or in a check, or remove it.`,
        });
      }
    }
    if (c.constraints.length === 0) {
      ctx.report(CATALOG.emptyContract, c.file, c.decl.name.range, `contract \`${c.name}\` has no constraints`);
    }
    if (!c.prompt) ctx.report(CATALOG.missingPrompt, c.file, c.decl.name.range, `contract \`${c.name}\` has no prompt`);
    const clauses = new Map<string, A.ConstraintDecl>();
    for (let i = 0; i < c.constraints.length; i++) {
      const k = c.constraints[i]!;
      const text = k.decl.clause?.value.trim().toLowerCase();
      if (!text || !k.decl.clause) continue;
      const prev = clauses.get(text);
      if (prev) {
        ctx.report(CATALOG.duplicateClause, k.file, k.decl.clause.range, `\`${k.id}\` has the same clause as \`${prev.id.name}\``, {
          related: [{ file: c.file, range: prev.clause?.range ?? prev.range, message: "the same clause" }],
        });
      } else {
        clauses.set(text, k.decl);
      }
    }
  }
  checkUnusedImports(ctx);
  checkUnusedSets(ctx);
}

/** The inputs a contract's checks, prompt, clauses and rubrics mention. */
function usedInputs(ctx: CheckContext, c: ContractModel): Set<string> {
  const used = new Set<string>();
  const strings: A.StringLiteral[] = [];
  if (c.prompt) strings.push(c.prompt.text);
  for (let i = 0; i < c.constraints.length; i++) {
    const k = c.constraints[i]!;
    if (k.decl.clause) strings.push(k.decl.clause);
    if (k.decl.body?.kind === "Judge") strings.push(k.decl.body.rubric);
    if (k.decl.body?.kind === "Check") {
      walkExpression(k.decl.body.expression, (e) => {
        const r = ctx.typing.resolutionOf(e);
        if (r?.kind === "input") used.add(r.decl.name.name);
      });
    }
  }
  for (const s of strings) for (const p of s.parts) if (p.kind === "interpolation") used.add(p.name);
  return used;
}

/** The names `use` members mention in `sf`: a set (`use Tone`, `use Tone.polite`) or a bare constraint. */
function usedNamesIn(sf: A.SourceFile, into: Set<string>): Set<string> {
  for (const d of sf.declarations) {
    if (d.kind === "Import") continue;
    for (let i = 0; i < d.members.length; i++) {
      const m = d.members[i]!;
      if (m.kind === "Use") for (const q of m.names) into.add(q.qualifier?.name ?? q.name.name);
    }
  }
  return into;
}

/** A constraint set that no `use` in any file of the program mentions (by its name or one of its constraints). */
function checkUnusedSets(ctx: CheckContext): void {
  const used = new Set<string>();
  for (const sf of ctx.files.values()) usedNamesIn(sf, used);
  for (const [file, sf] of ctx.files) {
    for (const d of sf.declarations) {
      if (d.kind !== "ConstraintSet") continue;
      if (used.has(d.name.name) || d.members.some((m) => m.kind === "Constraint" && used.has(m.id.name))) continue;
      ctx.report(CATALOG.unusedConstraintSet, file, d.name.range, `constraint set \`${d.name.name}\` is not used by any contract in the files linted`);
    }
  }
}

/** An import is used when some `use` in the importing file names a set or constraint it declares. */
function checkUnusedImports(ctx: CheckContext): void {
  for (const [file, sf] of ctx.files) {
    const usedNames = usedNamesIn(sf, new Set<string>());
    for (const d of sf.declarations) {
      if (d.kind !== "Import") continue;
      const target = ctx.files.get(resolveImport(file, d.path.value));
      if (!target) continue;
      const provides = target.declarations.some((t) => t.kind === "ConstraintSet" &&
        (usedNames.has(t.name.name) || t.members.some((m) => m.kind === "Constraint" && usedNames.has(m.id.name))));
      if (!provides) {
        ctx.report(CATALOG.unusedImport, file, d.range, `nothing from \`${d.path.value}\` is used here`);
      }
    }
  }
}
