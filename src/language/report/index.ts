/**
 * Reporters turn a lint run's diagnostics into output: `pretty` for terminals, `json` for
 * scripts, `github` for GitHub Actions annotations and job summaries, `sarif` for code
 * scanning. All of them sort with `compareDiagnostics`, so output is deterministic.
 */
import { githubReporter } from "./github.js";
import { jsonReporter } from "./json.js";
import { prettyReporter } from "./pretty.js";
import { sarifReporter } from "./sarif.js";
import { REPORT_FORMATS, type ReportFormat, type Reporter } from "./types.js";

export * from "./types.js";
export { countDiagnostics, sortDiagnostics, summaryLine, type SummaryCounts } from "./summary.js";
export { renderCodeFrame, type FrameOptions, type FrameStyle } from "./codeframe.js";
export { prettyReporter, renderPretty } from "./pretty.js";
export { jsonReporter, buildJsonReport, JSON_REPORT_VERSION, type JsonReport, type JsonDiagnostic } from "./json.js";
export {
  githubReporter,
  escapeData,
  escapeProperty,
  unescapeData,
  unescapeProperty,
  formatAnnotation,
  formatCommand,
  renderStepSummary,
} from "./github.js";
export { sarifReporter, buildSarifLog, artifactLocation, sarifRegion, type SarifLog } from "./sarif.js";
export { renderDiagnosticsDoc } from "./diagnostics-doc.js";

const REPORTERS: Readonly<Record<ReportFormat, Reporter>> = {
  pretty: prettyReporter,
  json: jsonReporter,
  github: githubReporter,
  sarif: sarifReporter,
};

export function isReportFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}

/** The reporter for a format name; throws on an unknown name (validate CLI input with `isReportFormat`). */
export function getReporter(name: ReportFormat): Reporter;
export function getReporter(name: string): Reporter;
export function getReporter(name: string): Reporter {
  if (!isReportFormat(name)) {
    throw new Error(`unknown report format "${name}" (expected one of: ${REPORT_FORMATS.join(", ")})`);
  }
  return REPORTERS[name];
}

/** "github" inside GitHub Actions, "pretty" elsewhere. */
export function chooseDefaultFormat(env: Readonly<Record<string, string | undefined>>): ReportFormat {
  return env.GITHUB_ACTIONS === "true" ? "github" : "pretty";
}
