/** Go to definition and find references, over the symbol index of the whole workspace. */
import type { Location } from "vscode-languageserver";
import { toLspRange, type PathMapper } from "./convert.js";
import type { Occurrence, SymbolIndex } from "./symbol-index.js";

export function definitionAt(index: SymbolIndex, file: string, offset: number, paths: PathMapper): Location | null {
  const occ = index.at(file, offset);
  if (!occ?.key) return null;
  if (occ.kind === "import" && occ.target !== undefined) {
    if (!index.program.files.has(occ.target)) return null;
    const start = { line: 0, character: 0 };
    return { uri: paths.toUri(occ.target), range: { start, end: start } };
  }
  const def = index.definitionOf(occ.key);
  return def ? toLocation(def, paths) : null;
}

export function referencesAt(index: SymbolIndex, file: string, offset: number, includeDeclaration: boolean, paths: PathMapper): Location[] {
  const occ = index.at(file, offset);
  if (!occ?.key || occ.kind === "builtin" || occ.kind === "import") return [];
  return index.occurrencesOf(occ.key).filter((o) => includeDeclaration || !o.definition).map((o) => toLocation(o, paths));
}

export function toLocation(o: Occurrence, paths: PathMapper): Location {
  return { uri: paths.toUri(o.file), range: toLspRange(o.range) };
}
