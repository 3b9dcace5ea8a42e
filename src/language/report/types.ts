import type { Diagnostic } from "../diagnostics/types.js";

/** Everything a reporter needs to render one lint run. */
export interface ReportInput {
  readonly diagnostics: readonly Diagnostic[];
  /** file -> full text, used for code frames. Files missing here are rendered without a frame. */
  readonly sources: ReadonlyMap<string, string>;
  /** How many files the run looked at (including files without problems). */
  readonly filesChecked: number;
  /** Version of the tool, e.g. "0.1.0"; shown in JSON and SARIF output. */
  readonly toolVersion: string;
}

export interface ReportOutput {
  /** Text to write to stdout, ending with a newline (or empty). */
  readonly stdout: string;
  /** Markdown to append to the file named by $GITHUB_STEP_SUMMARY (github format only). */
  readonly stepSummary?: string;
}

export interface RenderOptions {
  /** Use ANSI colors (only the pretty reporter has any). */
  readonly color: boolean;
}

export const REPORT_FORMATS = ["pretty", "json", "github", "sarif"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface Reporter {
  readonly name: ReportFormat;
  render(input: ReportInput, options: RenderOptions): ReportOutput;
}

/** The tool name used in machine-readable output. */
export const TOOL_NAME = "hir";
