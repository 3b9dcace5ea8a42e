/**
 * `hir report` as a library: load run directories, check they are comparable,
 * aggregate and render one self-contained HTML page. See docs/trainer.md
 * (section "Reports") and src/cli/commands/report.ts.
 *
 *   load.ts       run directories -> LoadedRun (+ warnings naming file:line)
 *   aggregate.ts  grouping by arm, seed bands, per-constraint and replay/refusal tables
 *   svg.ts        hand-written SVG charts
 *   html.ts       the page
 */
import { resolve } from "node:path";
import { renderReport, type ReportOptions } from "./html.js";
import { checkCompatibility, loadRun, ReportInputError, type Compatibility, type LoadedRun } from "./load.js";

export { ReportInputError, loadRun, checkCompatibility, type LoadedRun, type Compatibility } from "./load.js";
export { renderReport, type Report, type ReportOptions } from "./html.js";

export interface RunInput {
  /** Absolute (or cwd-relative) directory. */
  readonly dir: string;
  /** How the run is named in messages and in the page (the argument as typed). */
  readonly label: string;
}

export interface LoadedRuns {
  readonly runs: readonly LoadedRun[];
  readonly compatibility: Compatibility;
  readonly warnings: readonly string[];
}

/**
 * Loads every run and checks they can share a report. Throws ReportInputError
 * (the message is for the user) when a run is unusable or the runs train on
 * different data; returns warnings for what was skipped or differs.
 */
export function loadRuns(inputs: readonly RunInput[]): LoadedRuns {
  if (inputs.length === 0) throw new ReportInputError("no run directories given");
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  const runs: LoadedRun[] = [];
  for (const input of inputs) {
    const key = resolve(input.dir);
    const prev = seen.get(key);
    if (prev !== undefined) {
      warnings.push(`${input.label}: the same run as ${prev}; counted once`);
      continue;
    }
    seen.set(key, input.label);
    const r = loadRun(input.dir, input.label);
    runs.push(r.run);
    warnings.push(...r.warnings);
  }
  const compatibility = checkCompatibility(runs);
  if (compatibility.error !== null) throw new ReportInputError(compatibility.error);
  const byArmSeed = new Map<string, string>();
  for (const r of runs) {
    const k = `${r.config.arm}\u0000${r.config.seed}`;
    const other = byArmSeed.get(k);
    if (other !== undefined) warnings.push(`${r.label} and ${other} are both ${r.config.arm} seed ${r.config.seed}; both are averaged into the arm`);
    else byArmSeed.set(k, r.label);
  }
  return { runs, compatibility, warnings };
}

export interface BuiltReport {
  readonly html: string;
  readonly plots: readonly string[];
  readonly runs: readonly LoadedRun[];
  readonly warnings: readonly string[];
}

/** Loads, checks and renders. Throws ReportInputError for unusable inputs. */
export function buildReport(inputs: readonly RunInput[], options: ReportOptions = {}): BuiltReport {
  const loaded = loadRuns(inputs);
  const report = renderReport(loaded.runs, loaded.compatibility, options);
  return { html: report.html, plots: report.plots, runs: loaded.runs, warnings: loaded.warnings };
}
