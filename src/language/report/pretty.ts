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

/** Line breaks and other control characters (tab included: it takes the general path). */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;

/** Multi-line text is continued on indented lines; control characters are made visible. */
function flowText(text: string, indent: string): string {
  if (!CONTROLS.test(text)) return text;
  return sanitizeControls(text.replace(/\r\n|\r/g, "\n")).replace(/\n/g, `\n${indent}`);
}

function position(file: string, range: Range): string {
  return `${file}:${range.start.line}:${range.start.column}`;
}

/** Appends the code frame of `range` to `out` (nothing when the file's text is not known). */
function pushFrame(
  out: string[],
  sources: ReadonlyMap<string, string>,
  file: string,
  range: Range,
  indent: string,
  style: FrameStyle,
): void {
  const source = sources.get(file);
  if (source === undefined) return;
  // A loop, not push(...spread): a frame is a handful of lines, but a report holds thousands.
  for (const line of renderCodeFrame(source, range, { indent, style })) out.push(line);
}

export function renderPretty(input: ReportInput, options: RenderOptions): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  for (const d of sortDiagnostics(input.diagnostics)) {
    renderDiagnostic(out, d, input.sources, c);
    out.push("");
  }
  const counts = countDiagnostics(input.diagnostics, input.filesChecked);
  const line = summaryLine(counts);
  out.push(counts.errors > 0 ? c.bold(c.red(line)) : counts.warnings > 0 ? c.bold(c.yellow(line)) : c.bold(c.green(line)));
  return `${out.join("\n")}\n`;
}

function renderDiagnostic(out: string[], d: Diagnostic, sources: ReadonlyMap<string, string>, c: Colors): void {
  const sev = severityColor(c, d.severity);
  const style: FrameStyle = { gutter: c.blue, marker: (s) => c.bold(sev(s)) };
  out.push(
    `${c.bold(sanitizeControls(position(d.file, d.range)))}  ${c.bold(sev(d.severity))}  ${flowText(d.message, "  ")}  ${c.dim(`[${d.rule} ${d.code}]`)}`,
  );
  pushFrame(out, sources, d.file, d.range, "  ", style);
  if (d.hint) out.push(`  ${c.cyan("hint:")} ${flowText(d.hint, "        ")}`);
  if (d.related === undefined) return;
  const relatedStyle: FrameStyle = { gutter: c.blue, marker: c.cyan };
  for (const r of d.related) {
    out.push(`  ${c.cyan("related:")} ${sanitizeControls(position(r.file, r.range))}: ${flowText(r.message, "    ")}`);
    pushFrame(out, sources, r.file, r.range, "    ", relatedStyle);
  }
}

export const prettyReporter: Reporter = {
  name: "pretty",
  render(input: ReportInput, options: RenderOptions): ReportOutput {
    return { stdout: renderPretty(input, options) };
  },
};
