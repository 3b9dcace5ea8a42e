/**
 * The shape of every user-facing problem the toolchain reports.
 *
 * Positions are 1-based lines and columns (what editors, SARIF and GitHub
 * annotations show) plus a 0-based UTF-16 offset (what code slices with).
 * An end position is exclusive.
 */
export type Severity = "error" | "warning" | "info";

export interface Position {
  /** 0-based UTF-16 code unit offset into the document. */
  readonly offset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units. */
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface RelatedLocation {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/**
 * A mechanical fix a tool may apply on request (an editor's quick fix): replace `range`
 * of the diagnostic's file with `newText`. Only attached when the fix is unambiguous.
 */
export interface DiagnosticFix {
  /** Imperative, shown in a menu: "Change to `sections`". */
  readonly title: string;
  readonly range: Range;
  readonly newText: string;
}

export interface Diagnostic {
  /** Stable code from the catalog, e.g. "HIR2001". */
  readonly code: string;
  /** Stable kebab-case rule id from the catalog, e.g. "unknown-name". */
  readonly rule: string;
  readonly severity: Severity;
  /** Path of the document, as the user named it (relative paths stay relative). */
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  /** How to fix it, in one sentence. */
  readonly hint?: string;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: DiagnosticFix;
}

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Orders diagnostics by file, then position, then code: stable output for goldens and CI logs. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range.start.offset !== b.range.start.offset) return a.range.start.offset - b.range.start.offset;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
