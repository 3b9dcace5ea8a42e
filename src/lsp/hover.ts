/**
 * Hover: a built-in's signature and doc, a constraint's role, clause, description and
 * dependencies, an input's type and default, and the explanation of a rule named in a
 * suppression comment. Every text comes from the registry, the catalog or the AST.
 */
import type { Hover } from "vscode-languageserver";
import type * as A from "../language/ast.js";
import type { BuiltinSpec } from "../language/builtins/registry.js";
import { signature } from "../language/typing/expression-typer.js";
import { docsUrl, findCatalogEntry } from "../language/diagnostics/catalog.js";
import { dependencyGraph } from "../language/dependencies.js";
import { parseSuppression } from "../language/lint/index.js";
import type { Program } from "../language/program.js";
import { toLspRange } from "./convert.js";
import type { Occurrence, SymbolIndex } from "./symbol-index.js";

export function hoverAt(index: SymbolIndex, file: string, offset: number): Hover | null {
  const occ = index.at(file, offset);
  if (occ) {
    const value = describe(occ, index.program, file);
    return value ? { contents: { kind: "markdown", value }, range: toLspRange(occ.range) } : null;
  }
  return suppressionHover(index.program, file, offset);
}

function describe(o: Occurrence, program: Program, file: string): string | undefined {
  switch (o.kind) {
    case "builtin":
      return o.builtin ? builtinMarkdown(o.builtin) : undefined;
    case "input":
      return o.input ? inputMarkdown(o.input.decl, program.files.get(o.input.file)?.text ?? "") : undefined;
    case "constraint":
      return o.constraint ? constraintMarkdown(o, program, file) : undefined;
    case "contract": {
      const c = o.contract;
      if (!c) return undefined;
      return [code(`contract ${c.name}`), c.decl.doc, `${c.inputs.length} input(s), ${c.constraints.length} constraint(s); replay keeps at least ${c.replay.minKept}.`]
        .filter(Boolean).join("\n\n");
    }
    case "set": {
      const s = o.set;
      if (!s) return undefined;
      const ids = s.decl.members.filter((m): m is A.ConstraintDecl => m.kind === "Constraint").map((m) => `\`${m.id.name}\``);
      return [code(`constraints ${s.name}`), s.decl.doc, `Declared in \`${s.file}\`: ${ids.join(", ") || "no constraints"}.`].filter(Boolean).join("\n\n");
    }
    case "import":
      return `Imports \`${o.target}\`${program.files.has(o.target ?? "") ? "" : " (not found)"}.`;
    default:
      return undefined;
  }
}

export function builtinMarkdown(b: BuiltinSpec): string {
  const parts = [code(signature(b).replace(/^Signature: /, "").replace(/\.$/, "")), `*${b.kind}* — ${b.doc}`];
  if (b.params.length > 0) parts.push(b.params.map((p) => `- \`${p.name}\`: ${p.doc}`).join("\n"));
  parts.push(`Example: \`${b.example}\``);
  if (b.general) parts.push(`IFEval compatibility built-in. General form: \`${b.general.check.replace(/^check /, "")}\`. ${b.general.differences}`);
  return parts.join("\n\n");
}

function inputMarkdown(d: A.InputDecl, text: string): string {
  const type = d.isList ? `${d.type.name}[]` : d.type.name;
  const dflt = d.default ? ` = ${text.slice(d.default.range.start.offset, d.default.range.end.offset)}` : "";
  return [code(`input ${d.name.name}: ${type}${dflt}`), d.doc, d.default ? undefined : "Required: the caller must supply it."].filter(Boolean).join("\n\n");
}

function constraintMarkdown(o: Occurrence, program: Program, file: string): string {
  const t = o.constraint as NonNullable<Occurrence["constraint"]>;
  const decl = t.decl;
  const head = `${decl.pinned ? "pinned " : ""}${decl.role} ${decl.id.name}`;
  const parts = [code(head)];
  if (decl.clause) parts.push(`> ${decl.clause.value.replace(/\n/g, "\n> ")}`);
  if (decl.doc) parts.push(decl.doc);
  const removable = decl.role !== "safety" && !decl.pinned;
  parts.push(`Role: **${decl.role}**${decl.pinned ? ", pinned" : ""} — ${removable ? "hindsight replay may drop it" : "never dropped in hindsight replay"}. Declared in \`${t.owner}\` (\`${t.file}\`).`);
  // Dependencies are a property of a contract: use the contract of the file the cursor is in.
  const contract = program.contracts.find((c) => c.file === file && c.constraints.some((x) => x.decl === decl))
    ?? program.contracts.find((c) => c.constraints.some((x) => x.decl === decl));
  if (contract) {
    const g = dependencyGraph(contract);
    const id = decl.id.name;
    const pre = g.prerequisites.get(id) ?? [];
    const drops = g.dropClosureOf(id).filter((x) => x !== id);
    const coupled = contract.couples.filter((c) => c.members.includes(id)).flatMap((c) => c.members.filter((m) => m !== id));
    const deps: string[] = [];
    if (pre.length > 0) deps.push(`requires ${pre.map((x) => `\`${x}\``).join(", ")}`);
    if (coupled.length > 0) deps.push(`coupled with ${[...new Set(coupled)].map((x) => `\`${x}\``).join(", ")}`);
    if (drops.length > 0) deps.push(`dropping it also drops ${drops.map((x) => `\`${x}\``).join(", ")}`);
    parts.push(`In \`${contract.name}\`: ${deps.length > 0 ? deps.join("; ") : "no dependencies"}.`);
  }
  return parts.join("\n\n");
}

/** Hover on a rule id or code inside `// hir-ignore ...`: the catalog's explanation. */
function suppressionHover(program: Program, file: string, offset: number): Hover | null {
  const sf = program.files.get(file);
  if (!sf) return null;
  for (const c of sf.comments) {
    if (c.kind === "doc" || offset < c.range.start.offset || offset > c.range.end.offset) continue;
    const parsed = parseSuppression(c.text);
    for (const ref of parsed?.rules ?? []) {
      const start = c.range.start.offset + ref.index;
      if (offset < start || offset > start + ref.length) continue;
      const e = findCatalogEntry(ref.name) ?? findCatalogEntry(ref.name.toUpperCase());
      if (!e) return null;
      return { contents: { kind: "markdown", value: diagnosticMarkdown(e.code) ?? "" } };
    }
  }
  return null;
}

export function diagnosticMarkdown(codeOrRule: string): string | undefined {
  const e = findCatalogEntry(codeOrRule);
  if (!e) return undefined;
  return [`**${e.code} ${e.rule}** (${e.severity}) — ${e.title}`, e.doc, e.example ? code(e.example) : undefined, `See \`${docsUrl(e)}\` in the hindsight package.`]
    .filter(Boolean).join("\n\n");
}

function code(s: string): string {
  return "```contract\n" + s + "\n```";
}
