/**
 * Completion by context: `{{` inputs in strings, files after `import "`, constraint names in
 * `requires`/`couple` lines, sets and their constraints after `use`, built-ins (with
 * signature snippets) and inputs in checks, and the keywords a block allows.
 */
import { readdirSync, statSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from "vscode-languageserver";
import type * as A from "../language/ast.js";
import { BUILTINS, type BuiltinSpec } from "../language/builtins/registry.js";
import { signature } from "../language/typing/expression-typer.js";
import { LAYOUTS, PLACEMENTS, type ContractModel, type ConstraintSetModel } from "../language/model.js";
import type { Program } from "../language/program.js";
import { cursorContext, enclosingDeclaration } from "./context.js";
import type { PathMapper } from "./convert.js";

const TOP_KEYWORDS = ["import", "contract", "constraints"];
const ROLES = ["task", "quality", "safety", "pinned"];
const CONTRACT_MEMBERS = ["input", "prompt", ...ROLES, "use", "couple", "replay"];
const SET_MEMBERS = [...ROLES, "use", "couple"];
const REPLAY_SETTINGS = ["min_kept", "layout", "placement"];
const INPUT_TYPES = ["text", "int", "number", "bool", "text[]"];
const EXPRESSION_KEYWORDS = ["and", "or", "not", "in", "true", "false"];

export interface CompletionRequest {
  readonly program: Program;
  readonly file: string;
  readonly text: string;
  readonly offset: number;
  readonly paths: PathMapper;
  readonly positionAt: (offset: number) => Position;
}

export function complete(req: CompletionRequest): CompletionItem[] {
  const ctx = cursorContext(req.text, req.offset);
  if (ctx.inComment) return [];
  const { contract, set } = enclosingDeclaration(req.program, req.file, req.offset);
  const line = ctx.linePrefix;

  const importMatch = /^\s*import\s+"([^"]*)$/.exec(line);
  if (importMatch) return importPaths(req, importMatch[1] ?? "");
  if (ctx.inString) return /\{\{\s*[A-Za-z_0-9]*$/.test(line) ? inputItems(contract) : [];

  if (ctx.block === "top") return keywords(TOP_KEYWORDS);
  if (ctx.block === "replay") return replayItems(ctx.before);

  const first = ctx.before[0];
  if (first === "use") return useItems(req.program, req.file, set?.name, /([A-Za-z_][A-Za-z0-9_]*)\.[A-Za-z_0-9]*$/.exec(line)?.[1]);
  if (first === "couple" || ctx.before.includes("requires")) return constraintItems(contract, set);
  if (first === "input" && ctx.before.includes(":") && !ctx.before.includes("=")) return INPUT_TYPES.map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter }));
  if (ctx.before.includes("check") || (ctx.before.length > 0 && isExpressionContinuation(ctx.before))) return expressionItems(contract);
  if (first !== undefined && ["task", "quality", "safety", "pinned"].includes(first)) {
    // `task id "clause"` is followed by the body.
    return ctx.before.length >= 2 ? keywords(["check", "judge"]) : [];
  }
  if (ctx.before.length === 0) {
    const members = keywords(set ? SET_MEMBERS : CONTRACT_MEMBERS);
    // A line may also start a dependency: `x requires y`.
    return [...members, ...constraintItems(contract, set)];
  }
  if (ctx.before.length === 1 && first !== undefined && /^[A-Za-z_]/.test(first)) return keywords(["requires"]);
  return [];
}

/** A line that continues a check on its own (`and ...`, `or ...`, an operator left open). */
function isExpressionContinuation(before: readonly string[]): boolean {
  const last = before[before.length - 1] ?? "";
  return ["and", "or", "not", "(", ",", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", ".", "[", "in", ".."].includes(last) && before[0] !== "input";
}

function keywords(words: readonly string[]): CompletionItem[] {
  return words.map((w) => ({ label: w, kind: CompletionItemKind.Keyword }));
}

function inputItems(contract: ContractModel | undefined): CompletionItem[] {
  return (contract?.inputs ?? []).map((i) => ({
    label: i.name.name,
    kind: CompletionItemKind.Variable,
    detail: `input ${i.name.name}: ${i.isList ? `${i.type.name}[]` : i.type.name}`,
    ...(i.doc ? { documentation: i.doc } : {}),
  }));
}

function constraintIds(contract: ContractModel | undefined, set: ConstraintSetModel | undefined): { id: string; decl: A.ConstraintDecl }[] {
  if (contract) return contract.constraints.map((c) => ({ id: c.id, decl: c.decl }));
  if (set) return set.decl.members.filter((m): m is A.ConstraintDecl => m.kind === "Constraint").map((m) => ({ id: m.id.name, decl: m }));
  return [];
}

function constraintItems(contract: ContractModel | undefined, set: ConstraintSetModel | undefined): CompletionItem[] {
  return constraintIds(contract, set).map(({ id, decl }) => ({
    label: id,
    kind: CompletionItemKind.Field,
    detail: `${decl.pinned ? "pinned " : ""}${decl.role}${decl.clause ? ` "${decl.clause.value}"` : ""}`,
  }));
}

function useItems(program: Program, file: string, ownerSet: string | undefined, qualifier: string | undefined): CompletionItem[] {
  const visibleFiles = new Set([file, ...(program.imports.get(file) ?? [])]);
  const sets = program.sets.filter((s) => visibleFiles.has(s.file) && s.name !== ownerSet);
  const members = (s: ConstraintSetModel): CompletionItem[] =>
    s.decl.members.filter((m): m is A.ConstraintDecl => m.kind === "Constraint").map((m) => ({
      label: m.id.name,
      kind: CompletionItemKind.Field,
      detail: `${m.role} in ${s.name}${m.clause ? `: "${m.clause.value}"` : ""}`,
    }));
  if (qualifier !== undefined) {
    const s = sets.find((x) => x.name === qualifier);
    return s ? members(s) : [];
  }
  return [...sets.map((s) => ({ label: s.name, kind: CompletionItemKind.Module, detail: `constraints ${s.name} (${s.file})` })), ...sets.flatMap(members)];
}

function replayItems(before: readonly string[]): CompletionItem[] {
  const last = before[before.length - 1];
  if (last === "layout") return LAYOUTS.map((l) => ({ label: l, kind: CompletionItemKind.EnumMember }));
  if (last === "placement") return PLACEMENTS.map((p) => ({ label: p, kind: CompletionItemKind.EnumMember }));
  return REPLAY_SETTINGS.map((s) => ({ label: s, kind: CompletionItemKind.Property }));
}

function expressionItems(contract: ContractModel | undefined): CompletionItem[] {
  return [...BUILTINS.map(builtinItem), ...inputItems(contract), ...keywords(EXPRESSION_KEYWORDS)];
}

/** A built-in with a snippet for its required parameters: `contains_all(${1:values})`. */
export function builtinItem(b: BuiltinSpec): CompletionItem {
  const required = b.params.filter((p) => p.default === undefined);
  const snippet = required.length === 0 ? b.name : `${b.name}(${required.map((p, i) => `\${${i + 1}:${p.name}}`).join(", ")})`;
  return {
    label: b.name,
    kind: b.kind === "predicate" ? CompletionItemKind.Function : b.kind === "selector" ? CompletionItemKind.Property : CompletionItemKind.Method,
    detail: signature(b).replace(/^Signature: /, "").replace(/\.$/, ""),
    documentation: { kind: "markdown", value: `${b.doc}\n\nExample: \`${b.example}\`` },
    insertText: snippet,
    insertTextFormat: InsertTextFormat.Snippet,
    ...(b.general ? { tags: [1] as const } : {}),
  };
}

/** Directories and `.contract` files under what has been typed, relative to the importing file. */
function importPaths(req: CompletionRequest, typed: string): CompletionItem[] {
  const fileDir = dirname(req.paths.absolute(req.file));
  const typedDir = typed.includes("/") ? typed.slice(0, typed.lastIndexOf("/") + 1) : "";
  const dir = join(fileDir, typedDir);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const self = posix.basename(req.file);
  // Replace everything typed inside the quotes: `/` is not a word character for editors.
  const range = { start: req.positionAt(req.offset - typed.length), end: req.positionAt(req.offset) };
  const item = (label: string, kind: CompletionItemKind): CompletionItem => ({ label, kind, textEdit: { range, newText: label }, filterText: label });
  const out: CompletionItem[] = [];
  for (const name of names) {
    if (name.startsWith(".") || name === "node_modules") continue;
    let isDir = false;
    try {
      isDir = statSync(join(dir, name)).isDirectory();
    } catch {
      continue;
    }
    if (isDir) out.push(item(`${typedDir}${name}/`, CompletionItemKind.Folder));
    else if (name.endsWith(".contract") && !(typedDir === "" && name === self)) out.push(item(`${typedDir}${name}`, CompletionItemKind.File));
  }
  return out;
}
