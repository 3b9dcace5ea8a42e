/** Document symbols (the outline) and folding ranges, from the parsed file. */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from "vscode-languageserver";
import type * as A from "../language/ast.js";
import { toLspRange } from "./convert.js";

export function documentSymbols(sf: A.SourceFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const d of sf.declarations) {
    if (d.kind === "Import") continue;
    out.push({
      name: d.name.name,
      detail: d.kind === "Contract" ? "contract" : "constraints",
      kind: d.kind === "Contract" ? SymbolKind.Class : SymbolKind.Namespace,
      range: toLspRange(d.range),
      selectionRange: toLspRange(d.name.range),
      children: d.members.flatMap(memberSymbol),
    });
  }
  return out;
}

function memberSymbol(m: A.Member): DocumentSymbol[] {
  const sym = (name: string, detail: string, kind: SymbolKind, sel: A.NodeBase["range"]): DocumentSymbol[] =>
    [{ name, detail, kind, range: toLspRange(m.range), selectionRange: toLspRange(sel) }];
  switch (m.kind) {
    case "Input": return sym(m.name.name, `input: ${m.type.name}${m.isList ? "[]" : ""}`, SymbolKind.Variable, m.name.range);
    case "Constraint": return sym(m.id.name, `${m.pinned ? "pinned " : ""}${m.role}`, SymbolKind.Field, m.id.range);
    case "Prompt": return sym("prompt", "", SymbolKind.String, m.range);
    case "Replay": return sym("replay", "", SymbolKind.Object, m.range);
    default: return [];
  }
}

/** Blocks, multi-line members and strings, runs of comments. */
export function foldingRanges(sf: A.SourceFile): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (r: A.NodeBase["range"], kind?: FoldingRangeKind): void => {
    if (r.end.line > r.start.line) out.push({ startLine: r.start.line - 1, endLine: r.end.line - 1, ...(kind ? { kind } : {}) });
  };
  const imports = sf.declarations.filter((d) => d.kind === "Import");
  if (imports.length > 1) out.push({ startLine: (imports[0] as A.ImportDecl).range.start.line - 1, endLine: (imports[imports.length - 1] as A.ImportDecl).range.end.line - 1, kind: FoldingRangeKind.Imports });
  for (const d of sf.declarations) {
    if (d.kind === "Import") continue;
    add(d.range);
    for (const m of d.members) add(m.range);
  }
  let run: A.Comment[] = [];
  const flush = (): void => {
    const first = run[0];
    const last = run[run.length - 1];
    if (first && last && (run.length > 1 || last.range.end.line > first.range.start.line)) {
      out.push({ startLine: first.range.start.line - 1, endLine: last.range.end.line - 1, kind: FoldingRangeKind.Comment });
    }
    run = [];
  };
  for (const c of sf.comments) {
    const last = run[run.length - 1];
    if (c.trailing || (last && c.range.start.line !== last.range.end.line + 1)) flush();
    if (!c.trailing) run.push(c);
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
