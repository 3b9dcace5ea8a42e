/**
 * Human-readable output in the style of modern compilers:
 *
 *     specs/a.contract:3:22  error  Unknown input `polcy`.  [unknown-input HIR2002]
 *       3 |   prompt "Summarise {{polcy}}"
 *         |                       ^^^^^
 *       hint: Declare the input with `input name: type` or fix the spelling.
 *       related: specs/a.contract:1:7: an input with a similar name
 *         1 | input policy: text
 *           |       ^^^^^^
 *
 *     1 error in 3 files
 *
 * Colors (picocolors) are used only when `options.color` is true; the uncolored text is
 * otherwise identical.
 */
import pc from "picocolors";
import type { Diagnostic, Range, Severity } from "../diagnostics/types.js";
import { renderCodeFrame, sanitizeControls, type FrameStyle } from "./codeframe.js";
import { countDiagnostics, sortDiagnostics, summaryLine } from "./summary.js";
import type { RenderOptions, ReportInput, ReportOutput, Reporter } from "./types.js";

type Colors = ReturnType<typeof pc.createColors>;

function severityColor(c: Colors, s: Severity): (t: string) => string {
  return s === "error" ? c.red : s === "warning" ? c.yellow : c.cyan;
}

/** Multi-line text is continued on indented lines; control characters are made visible. */
function flowText(text: string, indent: string): string {
  return sanitizeControls(text.replace(/\r\n|\r/g, "\n")).replace(/\n/g, `\n${indent}`);
}

function position(file: string, range: Range): string {
  return `${file}:${range.start.line}:${range.start.column}`;
}

function frame(
  sources: ReadonlyMap<string, string>,
  file: string,
  range: Range,
  indent: string,
  style: FrameStyle,
): string[] {
  const source = sources.get(file);
  return source === undefined ? [] : renderCodeFrame(source, range, { indent, style });
}

export function renderPretty(input: ReportInput, options: RenderOptions): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  for (const d of sortDiagnostics(input.diagnostics)) {
    out.push(...renderDiagnostic(d, input.sources, c), "");
  }
  const counts = countDiagnostics(input.diagnostics, input.filesChecked);
  const line = summaryLine(counts);
  out.push(counts.errors > 0 ? c.bold(c.red(line)) : counts.warnings > 0 ? c.bold(c.yellow(line)) : c.bold(c.green(line)));
  return `${out.join("\n")}\n`;
}

function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>, c: Colors): string[] {
  const sev = severityColor(c, d.severity);
  const style: FrameStyle = { gutter: c.blue, marker: (s) => c.bold(sev(s)) };
  const relatedStyle: FrameStyle = { gutter: c.blue, marker: c.cyan };
  const lines: string[] = [];
  lines.push(
    `${c.bold(sanitizeControls(position(d.file, d.range)))}  ${c.bold(sev(d.severity))}  ${flowText(d.message, "  ")}  ${c.dim(`[${d.rule} ${d.code}]`)}`,
  );
  lines.push(...frame(sources, d.file, d.range, "  ", style));
  if (d.hint) lines.push(`  ${c.cyan("hint:")} ${flowText(d.hint, "        ")}`);
  for (const r of d.related ?? []) {
    lines.push(`  ${c.cyan("related:")} ${sanitizeControls(position(r.file, r.range))}: ${flowText(r.message, "    ")}`);
    lines.push(...frame(sources, r.file, r.range, "    ", relatedStyle));
  }
  return lines;
}

export const prettyReporter: Reporter = {
  name: "pretty",
  render(input: ReportInput, options: RenderOptions): ReportOutput {
    return { stdout: renderPretty(input, options) };
  },
};
