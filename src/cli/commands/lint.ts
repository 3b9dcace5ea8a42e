/**
 * `hir lint [paths]`: check contracts and report every problem. The files are
 * linted in src/language/lint/files.ts (expand paths, config, load and check,
 * suppressions, severities); this command picks the reporter and the exit code.
 */
import { Option, type Command } from "commander";
import { appendWhole } from "../../fs/atomic.js";
import type { Severity } from "../../language/diagnostics/types.js";
import { lintFiles } from "../../language/lint/files.js";
import { chooseDefaultFormat, getReporter, isReportFormat, REPORT_FORMATS } from "../../language/report/index.js";
import { VERSION } from "../../version.js";
import { FOLLOW_SYMLINKS_FLAG, skippedLinksNote } from "../files.js";
import { rebaseOnWorkspace } from "../workspace-paths.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";

export interface LintOptions {
  readonly format?: string;
  readonly config?: string;
  readonly color?: boolean;
  /** The lowest severity that makes the exit code 1. */
  readonly failOn?: Severity;
  /** Report errors only. */
  readonly quiet?: boolean;
  /** Follow links that lead outside the named folders. */
  readonly followSymlinks?: boolean;
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export async function lintCommand(io: CliIO, paths: readonly string[], opts: LintOptions): Promise<number> {
  const format = opts.format ?? chooseDefaultFormat(io.env);
  if (!isReportFormat(format)) {
    io.stderr(`hir lint: unknown format "${format}"; use one of ${REPORT_FORMATS.join(", ")}\n`);
    return EXIT_USAGE;
  }
  const run = lintFiles(io.cwd, paths, opts);
  if ("usageError" in run) {
    io.stderr(`hir lint: ${run.usageError}\n`);
    return EXIT_USAGE;
  }
  if (run.skippedLinks.length > 0) io.stderr(skippedLinksNote("lint", run.skippedLinks));
  const kept = opts.quiet ? run.diagnostics.filter((d) => d.severity === "error") : run.diagnostics;
  // GitHub places annotations and code-scanning results by repository-relative path.
  const forGithub = format === "github" || format === "sarif";
  const { diagnostics: shown, sources } = forGithub
    ? rebaseOnWorkspace(kept, run.sources, io.cwd, io.env["GITHUB_WORKSPACE"])
    : { diagnostics: kept, sources: run.sources };
  const out = getReporter(format).render(
    { diagnostics: shown, sources, filesChecked: run.filesChecked, toolVersion: VERSION },
    { color: opts.color ?? (io.isTTY && !io.env["NO_COLOR"]) },
  );
  io.stdout(out.stdout);
  const summaryFile = io.env["GITHUB_STEP_SUMMARY"];
  if (out.stepSummary && summaryFile) {
    try {
      appendWhole(summaryFile, out.stepSummary);
    } catch (e) {
      io.stderr(`hir lint: cannot write the step summary to ${summaryFile}: ${String(e)}\n`);
    }
  }
  const failOn = RANK[opts.failOn ?? "warning"];
  return run.diagnostics.some((d) => RANK[d.severity] <= failOn) ? EXIT_FINDINGS : EXIT_OK;
}

export function registerLintCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("lint")
    .description("check contract files and report problems (exit 1 on findings)")
    .argument("[paths...]", "files or directories (default: .)")
    .addOption(new Option("-f, --format <format>", "output format (default: github under GitHub Actions, else pretty)").choices(["pretty", "json", "github", "sarif"]))
    .option("-c, --config <file>", "lint config file (default: nearest hir.config.json)")
    .option("--no-color", "disable colors")
    .addOption(new Option("--fail-on <severity>", "lowest severity that fails the run").choices(["error", "warning", "info"]).default("warning"))
    .option("-q, --quiet", "report errors only")
    .option(...FOLLOW_SYMLINKS_FLAG)
    .action(async (paths: string[], o: { format?: string; config?: string; color?: boolean; failOn: "error" | "warning" | "info"; quiet?: boolean; followSymlinks?: boolean }) => {
      // commander defaults a `--no-x` flag to true; only an explicit --no-color may override the TTY check.
      const { color, ...rest } = o;
      setExit(await lintCommand(io, paths, { ...rest, ...(color === false ? { color: false } : {}) }));
    });
}
