/**
 * `hir report RUN_DIR... [--out FILE]`: one self-contained HTML report (learning
 * curves per arm with seed bands, per-constraint satisfaction, replay
 * composition, refusals, a summary table) from run directories written by
 * `hir train`. The work is in src/trainer/report/; this file parses options,
 * prints messages and picks the exit code.
 *
 * Exit codes: 0 report written (skipped input lines and other problems are
 * printed as warnings: a warning is not a failure); 2 usage error or unusable
 * input (a missing run directory, no config.json, no usable metrics.jsonl, runs
 * trained on different data), nothing written.
 *
 * The report goes next to the runs by default: report.html in the folder that
 * holds them (their closest common parent), so `hir report runs/demo/*` writes
 * runs/demo/report.html whatever the working directory.
 */
import { dirname, join, relative, resolve, sep } from "node:path";
import { writeFileAtomic } from "../../fs/atomic.js";
import type { Command } from "commander";
import { buildReport, ReportInputError } from "../../trainer/report/index.js";
import { EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";

export interface ReportCommandOptions {
  /** Output file; `-` for stdout. Default: report.html next to the runs (their closest common parent folder). */
  out?: string;
  threshold?: number;
  smooth?: number;
  title?: string;
}

export const DEFAULT_REPORT_FILE = "report.html";

/** The closest folder that holds every run directory. */
export function commonParent(dirs: readonly string[]): string {
  const parts = dirs.map((d) => dirname(d).split(sep));
  const shared: string[] = [];
  for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0]![i]); i++) shared.push(parts[0]![i]!);
  return shared.join(sep) || sep;
}

export async function reportCommand(io: CliIO, dirs: readonly string[], opts: ReportCommandOptions = {}): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`hir report: ${message}\n`);
    return EXIT_USAGE;
  };
  if (dirs.length === 0) return fail("give at least one run directory (written by `hir train`)");
  if (opts.threshold !== undefined && !(Number.isFinite(opts.threshold) && opts.threshold >= 0 && opts.threshold <= 1)) return fail("--threshold must be a number in [0, 1]");
  if (opts.smooth !== undefined && !(Number.isSafeInteger(opts.smooth) && opts.smooth >= 1)) return fail("--smooth must be a whole number >= 1");
  let built;
  try {
    built = buildReport(
      dirs.map((d) => ({ dir: resolve(io.cwd, d), label: d })),
      { threshold: opts.threshold, smooth: opts.smooth, title: opts.title },
    );
  } catch (e) {
    if (e instanceof ReportInputError) return fail(e.message);
    return fail(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  for (const w of built.warnings) io.stderr(`hir report: warning: ${w}\n`);
  const runDirs = dirs.map((d) => resolve(io.cwd, d));
  const out = opts.out ?? (relative(io.cwd, join(commonParent(runDirs), DEFAULT_REPORT_FILE)) || DEFAULT_REPORT_FILE);
  if (out === "-") {
    io.stdout(built.html);
  } else {
    const file = resolve(io.cwd, out);
    try {
      writeFileAtomic(file, built.html, { mkdir: true });
    } catch (e) {
      return fail(`cannot write ${out}: ${e instanceof Error ? e.message : String(e)}`);
    }
    io.stdout(`wrote ${out} (${built.runs.length} run${built.runs.length === 1 ? "" : "s"}, ${built.plots.length} plots)\n`);
  }
  return EXIT_OK;
}

/** Adds `hir report` to the program (called from src/cli/registry.ts). */
export function registerReportCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const num = (v: string) => {
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n)) throw new Error(`not a number: ${v}`);
    return n;
  };
  program
    .command("report")
    .description("write one self-contained HTML report (curves per arm with seed bands, constraints, replays, refusals) from training runs")
    .argument("<runs...>", "run directories written by `hir train`")
    .option("-o, --out <file>", `output HTML file, - for stdout (default: ${DEFAULT_REPORT_FILE} in the folder that holds the runs)`)
    .option("--threshold <x>", "train-ILA threshold for 'steps to threshold' (default 0.3)", num)
    .option("--smooth <n>", "trailing moving average (steps) applied to train curves (default 1: raw)", num)
    .option("--title <text>", "page title")
    .action(async (runs: string[], o: ReportCommandOptions) => setExit(await reportCommand(io, runs, o)));
}
