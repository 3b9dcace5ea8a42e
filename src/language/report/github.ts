/**
 * GitHub Actions output: one workflow command per diagnostic, which GitHub turns into an
 * annotation on the pull request diff, plus a Markdown job summary.
 *
 *     ::error file=specs/a.contract,line=3,endLine=3,col=22,endColumn=27,title=HIR2002 unknown-input::Unknown input `polcy`.%0Ahint: ...
 *
 * Escaping follows the runner's rules (as implemented by @actions/core): in the message
 * (data) `%`, CR and LF become `%25`, `%0D`, `%0A`; property values additionally escape
 * `:` and `,` as `%3A` and `%2C`. With that, no diagnostic text can end the command early or
 * start a new command on its own line.
 *
 * `col` and `endColumn` are only sent for single-line ranges: GitHub rejects columns on
 * annotations whose start and end lines differ. `endColumn` is the exclusive end column of
 * the diagnostic's range, as for SARIF.
 */
import { docsUrl, findCatalogEntry } from "../diagnostics/catalog.js";
import type { Diagnostic, Range, Severity } from "../diagnostics/types.js";
import { splitLines } from "./codeframe.js";
import { codeSpan, escapeMarkdownText, markdownMessage } from "./markdown.js";
import { countDiagnostics, sortDiagnostics, summaryLine, type SummaryCounts } from "./summary.js";
import type { RenderOptions, ReportInput, ReportOutput, Reporter } from "./types.js";

/** Escapes a workflow command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a workflow command's property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Inverse of `escapeData` (what the runner does). */
export function unescapeData(s: string): string {
  return s.replace(/%(25|0D|0A)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Inverse of `escapeProperty`. */
export function unescapeProperty(s: string): string {
  return s.replace(/%(25|0D|0A|3A|2C)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export type AnnotationLevel = "error" | "warning" | "notice";

export function annotationLevel(s: Severity): AnnotationLevel {
  return s === "error" ? "error" : s === "warning" ? "warning" : "notice";
}

/** Paths in annotations are repository-relative with forward slashes. */
export function annotationPath(file: string): string {
  return file.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
}

export interface AnnotationProperties {
  readonly file?: string;
  readonly line?: number;
  readonly endLine?: number;
  readonly col?: number;
  readonly endColumn?: number;
  readonly title?: string;
}

/** Formats `::level props::message`; properties are written in a fixed order and undefined ones left out. */
export function formatCommand(level: AnnotationLevel, props: AnnotationProperties, message: string): string {
  const order = ["file", "line", "endLine", "col", "endColumn", "title"] as const;
  const parts: string[] = [];
  for (const key of order) {
    const v = props[key];
    if (v !== undefined) parts.push(`${key}=${escapeProperty(String(v))}`);
  }
  const head = parts.length > 0 ? `::${level} ${parts.join(",")}` : `::${level}`;
  return `${head}::${escapeData(message)}`;
}

/**
 * Line/column properties for a range. A range that ends at column 1 of a later line (it
 * includes the line break) is reported as ending at the end of the previous line.
 */
function locationProperties(range: Range, source: string | undefined): AnnotationProperties {
  let endLine = Math.max(range.end.line, range.start.line);
  let endColumn: number | undefined = range.end.column;
  if (endLine > range.start.line && range.end.column <= 1) {
    endLine -= 1;
    const text = source === undefined ? undefined : splitLines(source)[endLine - 1];
    endColumn = text === undefined ? undefined : text.length + 1;
  }
  if (endLine !== range.start.line) return { line: range.start.line, endLine };
  return {
    line: range.start.line,
    endLine,
    col: range.start.column,
    endColumn: endColumn === undefined ? undefined : Math.max(endColumn, range.start.column),
  };
}

function annotationMessage(d: Diagnostic): string {
  let m = d.message;
  if (d.hint) m += `\nhint: ${d.hint}`;
  for (const r of d.related ?? []) {
    m += `\nrelated: ${annotationPath(r.file)}:${r.range.start.line}:${r.range.start.column}: ${r.message}`;
  }
  return m;
}

export function formatAnnotation(d: Diagnostic, source?: string): string {
  return formatCommand(
    annotationLevel(d.severity),
    { file: annotationPath(d.file), ...locationProperties(d.range, source), title: `${d.code} ${d.rule}` },
    annotationMessage(d),
  );
}

/** GitHub shows at most this many annotations of each level per step; the summary lists everything. */
export const GITHUB_ANNOTATION_LIMIT = 10;
/** Findings listed in the job summary before it says "and N more" (the summary is capped at 1 MiB). */
export const SUMMARY_FINDINGS_LIMIT = 500;

export function renderStepSummary(diagnostics: readonly Diagnostic[], counts: SummaryCounts): string {
  const out: string[] = [];
  out.push(`### hir lint: ${summaryLine(counts)}`, "");
  out.push("| | Count |", "| --- | ---: |");
  out.push(`| Errors | ${counts.errors} |`);
  out.push(`| Warnings | ${counts.warnings} |`);
  out.push(`| Info | ${counts.infos} |`);
  out.push(`| Files checked | ${counts.filesChecked} |`);
  out.push(`| Files with problems | ${counts.filesWithProblems} |`);
  if (diagnostics.length > 0) {
    out.push("", "#### Findings", "");
    if (counts.errors > GITHUB_ANNOTATION_LIMIT || counts.warnings > GITHUB_ANNOTATION_LIMIT || counts.infos > GITHUB_ANNOTATION_LIMIT) {
      out.push(
        `> [!NOTE]`,
        `> GitHub shows at most ${GITHUB_ANNOTATION_LIMIT} annotations of each severity per step; every finding is listed here.`,
        "",
      );
    }
    for (const d of diagnostics.slice(0, SUMMARY_FINDINGS_LIMIT)) {
      const entry = findCatalogEntry(d.code);
      const label = `${d.code} ${d.rule}`;
      const rule = entry ? `${escapeMarkdownText(label)} (${docsUrl(entry)})` : escapeMarkdownText(label);
      const where = codeSpan(`${annotationPath(d.file)}:${d.range.start.line}:${d.range.start.column}`);
      let item = `- **${d.severity}** ${where} ${rule}: ${markdownMessage(d.message)}`;
      if (d.hint) item += `<br>hint: ${markdownMessage(d.hint)}`;
      for (const r of d.related ?? []) {
        const rWhere = codeSpan(`${annotationPath(r.file)}:${r.range.start.line}:${r.range.start.column}`);
        item += `<br>related: ${rWhere} ${markdownMessage(r.message)}`;
      }
      out.push(item);
    }
    if (diagnostics.length > SUMMARY_FINDINGS_LIMIT) {
      out.push(`- … and ${diagnostics.length - SUMMARY_FINDINGS_LIMIT} more (run \`hir lint\` locally for the full list)`);
    }
  }
  return `${out.join("\n")}\n`;
}

export const githubReporter: Reporter = {
  name: "github",
  render(input: ReportInput, _options: RenderOptions): ReportOutput {
    const sorted = sortDiagnostics(input.diagnostics);
    const counts = countDiagnostics(sorted, input.filesChecked);
    const lines = sorted.map((d) => formatAnnotation(d, input.sources.get(d.file)));
    lines.push(summaryLine(counts));
    return { stdout: `${lines.join("\n")}\n`, stepSummary: renderStepSummary(sorted, counts) };
  },
};
