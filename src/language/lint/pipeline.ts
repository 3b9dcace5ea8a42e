/**
 * The lint pipeline after checking, shared by `hir lint` and the language server so both
 * report exactly the same diagnostics: per-file inline suppressions, then config severities.
 */
import { compareDiagnostics, type Diagnostic } from "../diagnostics/types.js";
import type { Program } from "../program.js";
import { applyConfig, type LintConfig } from "./config.js";
import { applySuppressions } from "./suppress.js";

export interface LintProgramOptions {
  /** Diagnostics about the config file itself (HIR9009), reported alongside. */
  readonly configDiagnostics?: readonly Diagnostic[];
  /** Report only these files (an editor asks for one document); default: every file of the program. */
  readonly files?: ReadonlySet<string>;
}

/** Applies suppressions and config to a checked program's diagnostics; sorted. */
export function lintProgram(program: Program, config: LintConfig, options: LintProgramOptions = {}): Diagnostic[] {
  const wanted = (file: string): boolean => options.files === undefined || options.files.has(file);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of program.diagnostics) {
    if (!wanted(d.file)) continue;
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const out: Diagnostic[] = [...(options.configDiagnostics ?? [])];
  for (const [path, sf] of program.files) {
    if (!wanted(path)) continue;
    const r = applySuppressions(byFile.get(path) ?? [], sf.comments.filter((c) => c.kind !== "doc"), { file: path, source: sf.text });
    // No spread: a file can carry more diagnostics than a call may take arguments.
    for (const d of r.kept) out.push(d);
    for (const d of r.diagnostics) out.push(d);
    byFile.delete(path);
  }
  for (const rest of byFile.values()) for (const d of rest) out.push(d);
  return applyConfig(out, config).sort(compareDiagnostics);
}
