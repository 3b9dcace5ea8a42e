/**
 * Formatting through the formatter `hir fmt` uses. Prettier is loaded on the first request
 * only, so starting the server stays fast. A range request formats the whole document (the
 * canonical layout is not local) and returns the edit only when the range touches a change.
 */
import type { Range as LspRange, TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";

export async function formatDocument(doc: TextDocument, path: string, range?: LspRange): Promise<TextEdit[]> {
  const { formatContract } = await import("../language/format/index.js");
  const text = doc.getText();
  const result = await formatContract(text, path);
  if (result.formatted === undefined || result.formatted === text) return [];
  const edit = minimalEdit(doc, text, result.formatted);
  if (range && (edit.range.end.line < range.start.line || edit.range.start.line > range.end.line)) return [];
  return [edit];
}

/** One edit covering only the changed middle, so the cursor and folds outside it stay put. */
function minimalEdit(doc: TextDocument, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return { range: { start: doc.positionAt(start), end: doc.positionAt(endB) }, newText: after.slice(start, endA) };
}
