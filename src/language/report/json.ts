/**
 * Machine-readable output. The shape is stable: fields are only ever added, and a breaking
 * change bumps `version`. Every field is always present (absent values are `null` or `[]`),
 * keys appear in the documented order, and diagnostics are sorted by file, position, code.
 *
 * ```jsonc
 * {
 *   "version": 1,
 *   "tool": { "name": "hir", "version": "0.1.0" },
 *   "summary": { "errors": 1, "warnings": 0, "infos": 0, "filesChecked": 3, "filesWithProblems": 1 },
 *   "diagnostics": [
 *     {
 *       "code": "HIR2002",                    // stable code from docs/diagnostics.md
 *       "rule": "unknown-input",              // stable rule id (config files and suppressions accept either)
 *       "severity": "error",                  // "error" | "warning" | "info", after config is applied
 *       "file": "specs/a.contract",           // as named on the command line
 *       "range": {                            // end is exclusive
 *         "start": { "line": 3, "column": 22, "offset": 40 },   // line/column 1-based, UTF-16 columns
 *         "end":   { "line": 3, "column": 27, "offset": 45 }    // offset 0-based, UTF-16 code units
 *       },
 *       "message": "Unknown input `polcy`.",
 *       "hint": "Declare the input ...",      // string | null
 *       "related": [ { "file": "...", "range": { ... }, "message": "..." } ],
 *       "docsUrl": "docs/diagnostics.md#hir2002-unknown-input"   // string | null (unknown code); relative to the package
 *     }
 *   ]
 * }
 * ```
 */
import { docsUrl, findCatalogEntry } from "../diagnostics/catalog.js";
import type { Diagnostic, Position, Range, Severity } from "../diagnostics/types.js";
import { countDiagnostics, sortDiagnostics } from "./summary.js";
import { TOOL_NAME, type RenderOptions, type ReportInput, type ReportOutput, type Reporter } from "./types.js";

export const JSON_REPORT_VERSION = 1;

export interface JsonPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface JsonRange {
  readonly start: JsonPosition;
  readonly end: JsonPosition;
}

export interface JsonRelated {
  readonly file: string;
  readonly range: JsonRange;
  readonly message: string;
}

export interface JsonDiagnostic {
  readonly code: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly file: string;
  readonly range: JsonRange;
  readonly message: string;
  readonly hint: string | null;
  readonly related: readonly JsonRelated[];
  readonly docsUrl: string | null;
}

export interface JsonReport {
  readonly version: typeof JSON_REPORT_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    readonly filesChecked: number;
    readonly filesWithProblems: number;
  };
  readonly diagnostics: readonly JsonDiagnostic[];
}

function pos(p: Position): JsonPosition {
  return { line: p.line, column: p.column, offset: p.offset };
}

function range(r: Range): JsonRange {
  return { start: pos(r.start), end: pos(r.end) };
}

/** Each rule's docs reference, built once per report rather than once per diagnostic. */
function docsUrlOf(code: string, known: Map<string, string | null>): string | null {
  let url = known.get(code);
  if (url === undefined) {
    const entry = findCatalogEntry(code);
    url = entry ? docsUrl(entry) : null;
    known.set(code, url);
  }
  return url;
}

function toJson(d: Diagnostic, urls: Map<string, string | null>): JsonDiagnostic {
  return {
    code: d.code,
    rule: d.rule,
    severity: d.severity,
    file: d.file,
    range: range(d.range),
    message: d.message,
    hint: d.hint ?? null,
    related: (d.related ?? []).map((r) => ({ file: r.file, range: range(r.range), message: r.message })),
    docsUrl: docsUrlOf(d.code, urls),
  };
}

export function buildJsonReport(input: ReportInput): JsonReport {
  const c = countDiagnostics(input.diagnostics, input.filesChecked);
  const urls = new Map<string, string | null>();
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: input.toolVersion },
    summary: {
      errors: c.errors,
      warnings: c.warnings,
      infos: c.infos,
      filesChecked: c.filesChecked,
      filesWithProblems: c.filesWithProblems,
    },
    diagnostics: sortDiagnostics(input.diagnostics).map((d) => toJson(d, urls)),
  };
}

export const jsonReporter: Reporter = {
  name: "json",
  render(input: ReportInput, _options: RenderOptions): ReportOutput {
    return { stdout: `${JSON.stringify(buildJsonReport(input), null, 2)}\n` };
  },
};
