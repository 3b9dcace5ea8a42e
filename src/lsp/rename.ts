/**
 * Rename of a constraint or an input, in every file of the workspace that refers to it.
 * Refuses names the grammar would not read as one identifier (keywords included) and names
 * that would collide with another constraint or input of the same contract.
 */
import { ResponseError, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import { KEYWORDS } from "../../grammar/tokens.js";
import { getBuiltin } from "../language/builtins/registry.js";
import { toLspRange, type PathMapper } from "./convert.js";
import { constraintKey, inputKey, type SymbolIndex } from "./symbol-index.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** LSP's RequestFailed: the client shows the message. */
const REQUEST_FAILED = -32803;

export function prepareRename(index: SymbolIndex, file: string, offset: number): { range: ReturnType<typeof toLspRange>; placeholder: string } | null {
  const occ = index.at(file, offset);
  if (!occ?.key || (occ.kind !== "constraint" && occ.kind !== "input")) return null;
  return { range: toLspRange(occ.range), placeholder: occ.name };
}

export function renameAt(index: SymbolIndex, file: string, offset: number, newName: string, paths: PathMapper): WorkspaceEdit {
  const occ = index.at(file, offset);
  if (!occ?.key || (occ.kind !== "constraint" && occ.kind !== "input")) {
    throw new ResponseError(REQUEST_FAILED, "Only constraints and inputs can be renamed.");
  }
  const problem = invalidName(newName, occ.kind);
  if (problem) throw new ResponseError(REQUEST_FAILED, problem);
  const clash = collision(index, occ.key, occ.kind, newName);
  if (clash) throw new ResponseError(REQUEST_FAILED, clash);
  const changes: Record<string, TextEdit[]> = {};
  for (const o of index.occurrencesOf(occ.key)) {
    (changes[paths.toUri(o.file)] ??= []).push({ range: toLspRange(o.range), newText: newName });
  }
  return { changes };
}

export function invalidName(name: string, kind: "constraint" | "input"): string | undefined {
  if (!IDENTIFIER.test(name)) return `\`${name}\` is not a valid name: use letters, digits and _, not starting with a digit.`;
  if (KEYWORDS.includes(name)) return `\`${name}\` is a keyword.`;
  if (kind === "input" && getBuiltin(name)) return `\`${name}\` is a built-in; an input with that name would hide it.`;
  return undefined;
}

/** Another constraint (or input) with the new name where the renamed one is visible. */
function collision(index: SymbolIndex, key: string, kind: "constraint" | "input", newName: string): string | undefined {
  const program = index.program;
  if (kind === "input") {
    const c = program.contracts.find((x) => x.inputs.some((i) => inputKey(x.file, i) === key));
    if (c?.inputs.some((i) => i.name.name === newName)) return `\`${c.name}\` already has an input \`${newName}\`.`;
    return undefined;
  }
  for (const c of program.contracts) {
    if (!c.constraints.some((x) => constraintKey(x.file, x.decl) === key)) continue;
    if (c.constraints.some((x) => x.id === newName)) return `\`${c.name}\` already has a constraint \`${newName}\`.`;
  }
  for (const s of program.sets) {
    const ids = s.decl.members.flatMap((m) => (m.kind === "Constraint" ? [m] : []));
    if (!ids.some((m) => constraintKey(s.file, m) === key)) continue;
    if (ids.some((m) => m.id.name === newName)) return `\`${s.name}\` already has a constraint \`${newName}\`.`;
  }
  return undefined;
}
