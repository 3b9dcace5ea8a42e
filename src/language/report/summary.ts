import { compareDiagnostics, type Diagnostic } from "../diagnostics/types.js";

export interface SummaryCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Distinct files with at least one diagnostic. */
  readonly filesWithProblems: number;
  readonly filesChecked: number;
}

/** A sorted copy: every reporter renders diagnostics in `compareDiagnostics` order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

export function countDiagnostics(diagnostics: readonly Diagnostic[], filesChecked: number): SummaryCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  const files = new Set<string>();
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else infos++;
    files.add(d.file);
  }
  return { errors, warnings, infos, filesWithProblems: files.size, filesChecked };
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** "2 errors, 1 warning, 2 info in 3 files", "1 info in 1 file", "no problems in 3 files". */
export function summaryLine(c: SummaryCounts): string {
  const parts: string[] = [];
  if (c.errors > 0) parts.push(plural(c.errors, "error"));
  if (c.warnings > 0) parts.push(plural(c.warnings, "warning"));
  if (c.infos > 0) parts.push(plural(c.infos, "info", "info"));
  const problems = parts.length > 0 ? parts.join(", ") : "no problems";
  return `${problems} in ${plural(c.filesChecked, "file")}`;
}
