/**
 * Semantic tokens: what each name *means* (a constraint, an input, a built-in, a contract,
 * a set), which a grammar cannot know. Keywords, strings and comments are left to the
 * TextMate grammar. IFEval compatibility built-ins carry `deprecated`: a general built-in
 * says the same thing more clearly.
 */
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { SymbolIndex, SymbolKind } from "./symbol-index.js";

const TYPES = ["property", "variable", "class", "namespace", "function", "string"] as const;
const MODIFIERS = ["declaration", "deprecated", "defaultLibrary"] as const;

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

const TYPE_OF: Readonly<Record<SymbolKind, (typeof TYPES)[number]>> = {
  constraint: "property",
  input: "variable",
  contract: "class",
  set: "namespace",
  builtin: "function",
  import: "string",
};

export function semanticTokens(index: SymbolIndex, file: string): SemanticTokens {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  for (const o of index.inFile(file)) {
    if (o.kind === "import" || o.range.start.line !== o.range.end.line || o.range.start.offset < lastEnd) continue;
    const line = o.range.start.line - 1;
    const char = o.range.start.column - 1;
    let mods = 0;
    if (o.definition) mods |= 1 << MODIFIERS.indexOf("declaration");
    if (o.builtin?.general) mods |= 1 << MODIFIERS.indexOf("deprecated");
    if (o.kind === "builtin") mods |= 1 << MODIFIERS.indexOf("defaultLibrary");
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, o.range.end.offset - o.range.start.offset, TYPES.indexOf(TYPE_OF[o.kind]), mods);
    prevLine = line;
    prevChar = char;
    lastEnd = o.range.end.offset;
  }
  return { data };
}
