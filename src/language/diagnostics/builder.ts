import type { CatalogEntry } from "./catalog.js";
import type { Diagnostic, DiagnosticFix, Range, RelatedLocation, Severity } from "./types.js";

export interface DiagnosticDetails {
  readonly hint?: string;
  readonly related?: readonly RelatedLocation[];
  /** Overrides the catalog's default severity (used by checks whose severity depends on context). */
  readonly severity?: Severity;
  readonly fix?: DiagnosticFix;
}

/** Builds a diagnostic from a catalog entry; the catalog is the only source of codes. */
export function makeDiagnostic(
  entry: CatalogEntry,
  file: string,
  range: Range,
  message: string,
  details: DiagnosticDetails = {},
): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    code: entry.code,
    rule: entry.rule,
    severity: details.severity ?? entry.severity,
    file,
    range,
    message,
  };
  const hint = details.hint ?? (entry.category === "syntax" ? undefined : firstSentence(entry.doc));
  if (hint) d.hint = hint;
  if (details.related && details.related.length > 0) d.related = details.related;
  if (details.fix) d.fix = details.fix;
  return d;
}

/** How a pass reports a problem in any file (the checker's and typing's `report`); built on makeDiagnostic. */
export type ReportFn = (entry: CatalogEntry, file: string, range: Range, message: string, details?: DiagnosticDetails) => void;

/** "Did you mean `guess`?" details: the hint, and the fix that writes `replacement` (default `guess`) over `range`. */
export function suggestion(guess: string, range: Range, replacement: string = guess): Pick<DiagnosticDetails, "hint" | "fix"> {
  return { hint: `Did you mean \`${replacement}\`?`, fix: { title: `Change to \`${replacement}\``, range, newText: replacement } };
}

function firstSentence(doc: string): string {
  const m = /^(.*?[.!?])(\s|$)/s.exec(doc);
  return (m ? m[1] : doc) ?? "";
}

/** A collector passed through a pipeline stage; stages push, never throw. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}
  report(entry: CatalogEntry, range: Range, message: string, details?: DiagnosticDetails): void {
    this.items.push(makeDiagnostic(entry, this.file, range, message, details));
  }
}
