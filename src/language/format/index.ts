/**
 * Formatting of contract files: the canonical layout (docs/formatting.md), produced by the
 * prettier plugin in ./plugin.ts.
 */
import * as prettier from "prettier";
import { parseDocument } from "../ast-builder.js";
import { CATALOG } from "../diagnostics/catalog.js";
import { makeDiagnostic } from "../diagnostics/builder.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { LineIndex } from "../line-index.js";
import { withPrimedParse } from "./parser.js";
import { contractPlugin } from "./plugin.js";
import { formattingProblem } from "./verify.js";

export { contractPlugin } from "./plugin.js";
export { printSingleString, printTripleStringLines, printStringSource } from "./strings.js";
export { astDifference, formattingProblem } from "./verify.js";

export interface FormatResult {
  /** The formatted text; absent when the file has syntax errors (see `diagnostics`). */
  readonly formatted?: string;
  readonly diagnostics: Diagnostic[];
  /** True when formatting failed for a reason other than the file's syntax (a formatter bug). */
  readonly internalError?: boolean;
}

/** Prettier options that make the output canonical whatever the caller's prettier config says. */
export const CANONICAL_OPTIONS = {
  parser: "contract",
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  endOfLine: "lf",
} as const;

function internalError(text: string, path: string, message: string): Diagnostic {
  const range = new LineIndex(text).range(0, 0);
  return makeDiagnostic(CATALOG.syntaxError, path, range, `the formatter failed, the file was left unchanged: ${message}`, {
    hint: "This is a bug in `hir fmt`; please report it with the file.",
  });
}

/**
 * Formats one contract document. Returns the diagnostics and no text when the file has
 * syntax errors. Never throws: an internal failure, or output that would not mean
 * exactly what the input means (checked by re-parsing), is reported as a diagnostic.
 */
export async function formatContract(text: string, path: string): Promise<FormatResult> {
  try {
    const parsed = parseDocument(text, path);
    const diagnostics = [...parsed.diagnostics];
    if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
    // Prettier reads the text without a byte order mark and with \n line ends (and puts the
    // mark back); compare on the same terms.
    const normalized = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
    const format = () => prettier.format(text, { ...CANONICAL_OPTIONS, filepath: path, plugins: [contractPlugin] });
    // The parse above is prettier's input only when prettier reads the same text.
    const formatted = normalized === text ? await withPrimedParse(text, path, parsed, format) : await format();
    const problem = formattingProblem(normalized, formatted.replace(/^\ufeff/, ""), path, normalized === text ? parsed.file : undefined);
    if (problem) return { diagnostics: [internalError(text, path, problem)], internalError: true };
    return { formatted, diagnostics };
  } catch (err) {
    return { diagnostics: [internalError(text, path, err instanceof Error ? err.message : String(err))], internalError: true };
  }
}
