/** Shared helpers for the meaning and regex check tests: load in-memory specs, pick diagnostics, print ranges. */
import type { Diagnostic } from "../../../src/language/diagnostics/types.js";
import { memoryHost } from "../../../src/language/node-host.js";
import { loadProgram } from "../../../src/language/program.js";

/** Diagnostics of a program made of `files` (the first one is the entry). */
export function diagnoseFiles(files: Readonly<Record<string, string>>): readonly Diagnostic[] {
  return loadProgram([Object.keys(files)[0] as string], memoryHost(files)).diagnostics;
}

/** Diagnostics of one file `spec.contract`. */
export function diagnose(text: string): readonly Diagnostic[] {
  return diagnoseFiles({ "spec.contract": text });
}

/** Diagnostics with one of the given codes. */
export function withCode(diags: readonly Diagnostic[], ...codes: string[]): Diagnostic[] {
  return diags.filter((d) => codes.includes(d.code));
}

/** `line:col-line:col`, 1-based, end exclusive. */
export function at(d: { range: Diagnostic["range"] }): string {
  const r = d.range;
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}

/** A contract around `body` (constraint lines), with a prompt and the given inputs. */
export function contract(body: string, inputs = ""): string {
  return `contract C {\n${inputs ? `${inputs}\n` : ""}  prompt "Write."\n${body}\n}\n`;
}

/** The text a diagnostic's range covers. */
export function covered(text: string, d: { range: Diagnostic["range"] }): string {
  return text.slice(d.range.start.offset, d.range.end.offset);
}
