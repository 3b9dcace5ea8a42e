/**
 * Quick fixes from diagnostics: the fix a diagnostic carries ("did you mean"), declaring the
 * missing target of a `requires`, adding the missing reason to a suppression, and
 * suppressing a configurable rule on its line with a reason to fill in.
 */
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { CATALOG, findCatalogEntry } from "../language/diagnostics/catalog.js";

const REASON_PLACEHOLDER = "explain why this is fine";
/** Diagnostics about suppressions and config: suppressing them would hide the fix. */
const NOT_SUPPRESSIBLE = new Set<string>([CATALOG.suppressionWithoutReason.code, CATALOG.unusedSuppression.code, CATALOG.unknownSuppressedRule.code, CATALOG.configError.code]);

interface DiagnosticData {
  readonly rule?: string;
  readonly fix?: { readonly title: string; readonly range: LspDiagnostic["range"]; readonly newText: string };
}

export function codeActions(doc: TextDocument, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== "hir") continue;
    const data = (d.data ?? {}) as DiagnosticData;
    const action = (title: string, edits: TextEdit[], preferred = false): void => {
      out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred, edit: { changes: { [doc.uri]: edits } } });
    };
    if (data.fix) action(data.fix.title, [{ range: data.fix.range, newText: data.fix.newText }], true);
    const line = doc.getText({ start: { line: d.range.start.line, character: 0 }, end: { line: d.range.start.line + 1, character: 0 } });
    const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
    const lineStart = { line: d.range.start.line, character: 0 };
    if (d.code === CATALOG.unknownConstraint.code && !data.fix && /^\s*(\w+\s+requires\b|couple\b)/.test(line)) {
      const name = doc.getText(d.range);
      action(`Declare constraint \`${name}\``, [{ range: { start: lineStart, end: lineStart }, newText: `${indent}task ${name} "TODO: what ${name} asks for."\n${indent}  check words >= 1\n` }]);
    }
    if (d.code === CATALOG.suppressionWithoutReason.code) {
      const end = { line: d.range.end.line, character: d.range.end.character };
      const comment = doc.getText(d.range);
      const closing = comment.endsWith("*/") ? 2 : 0;
      const at = closing ? { line: end.line, character: end.character - closing } : end;
      action("Add a reason to this suppression", [{ range: { start: at, end: at }, newText: `${/--\s*$/.test(comment) ? "" : " --"} ${REASON_PLACEHOLDER}${closing ? " " : ""}` }], true);
    }
    const entry = typeof d.code === "string" ? findCatalogEntry(d.code) : undefined;
    if (entry?.configurable && !NOT_SUPPRESSIBLE.has(entry.code)) {
      action(`Suppress \`${entry.rule}\` on this line (with a reason)`, [{ range: { start: lineStart, end: lineStart }, newText: `${indent}// hir-ignore ${entry.rule} -- ${REASON_PLACEHOLDER}\n` }]);
    }
  }
  return out;
}
