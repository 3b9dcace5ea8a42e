/**
 * Reads run directories written by `hir train` (src/trainer/run.ts) for the
 * report: config.json, metrics.jsonl, ledger.jsonl (optional), summary.json
 * (optional) and the task-set digest of the newest checkpoint (optional).
 *
 * Problems that make a run unusable (a missing directory, no config.json, no
 * usable metrics line) throw `ReportInputError`; problems that only lose data
 * (a malformed line, a duplicated step) become warnings naming `file:line`, and
 * the line is skipped.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { readTextFile } from "../../fs/text.js";
import { resolveConfig, type TrainConfig } from "../config.js";
import type { Accuracy, LedgerEntry, StepMetrics } from "../records.js";
import { listCheckpoints, paths, type RunSummary } from "../run.js";
import { isRecord } from "../../common/records.js";

export class ReportInputError extends Error {
  override readonly name = "ReportInputError";
}

/** One run, as read from disk. Metrics are sorted by step; step 0 is the held-out baseline. */
export interface LoadedRun {
  /** The directory as given on the command line (used as the run's label). */
  readonly label: string;
  readonly dir: string;
  readonly config: TrainConfig;
  readonly metrics: readonly StepMetrics[];
  readonly ledger: readonly LedgerEntry[];
  readonly summary: RunSummary | null;
  /** SHA-256 of the task sets from the newest checkpoint (null when the run has none). */
  readonly tasksDigest: string | null;
}

export interface LoadResult {
  readonly run: LoadedRun;
  readonly warnings: readonly string[];
}

const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

function accuracy(x: unknown): Accuracy | null | undefined {
  if (x === null || x === undefined) return null;
  if (!isRecord(x) || !isNum(x.ila) || !isNum(x.cla)) return undefined;
  return { ila: x.ila, cla: x.cla, n: isNum(x.n) ? x.n : 0 };
}

function numRecord(x: unknown): Record<string, number> | undefined {
  if (x === undefined || x === null) return {};
  if (!isRecord(x)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(x)) {
    if (!isNum(v)) return undefined;
    out[k] = v;
  }
  return out;
}

/**
 * Validates one metrics record. Fields the report does not need default to 0 so
 * that runs written before a field existed still load; a wrong type is an error.
 * Returns a reason string when the record is unusable.
 */
export function parseMetricsRecord(x: unknown, arm: TrainConfig["arm"], seed: number): StepMetrics | string {
  if (!isRecord(x)) return "not a JSON object";
  if (typeof x.step !== "number" || !Number.isSafeInteger(x.step) || x.step < 0) return "no valid `step`";
  const train = accuracy(x.train);
  const heldOut = accuracy(x.heldOut);
  if (train === undefined) return "`train` is not {ila, cla, n}";
  if (heldOut === undefined) return "`heldOut` is not {ila, cla, n}";
  const refusals = numRecord(x.refusals);
  if (refusals === undefined) return "`refusals` is not an object of numbers";
  const constraintPassRates = numRecord(x.constraintPassRates);
  if (constraintPassRates === undefined) return "`constraintPassRates` is not an object of numbers";
  const n = (k: string): number => (isNum(x[k]) ? x[k] : 0);
  return {
    step: x.step,
    arm,
    seed,
    train,
    heldOut,
    rollouts: n("rollouts"),
    extraRollouts: n("extraRollouts"),
    failures: n("failures"),
    candidates: n("candidates"),
    replays: n("replays"),
    replayTarget: n("replayTarget"),
    refusals,
    lambda: n("lambda"),
    entropy: n("entropy"),
    kl: n("kl"),
    clipFraction: n("clipFraction"),
    loss: n("loss"),
    ppoKl: n("ppoKl"),
    gradNorm: n("gradNorm"),
    meanTokens: n("meanTokens"),
    constraintPassRates,
    timeMs: n("timeMs"),
  };
}

function parseLedgerRecord(x: unknown): LedgerEntry | string {
  if (!isRecord(x)) return "not a JSON object";
  if (typeof x.step !== "number" || !Number.isSafeInteger(x.step)) return "no valid `step`";
  if (typeof x.contract !== "string") return "no `contract`";
  if (typeof x.selected !== "boolean" || typeof x.eligible !== "boolean") return "no `selected`/`eligible`";
  const rw = x.rewrite;
  if (rw !== null && rw !== undefined) {
    if (!isRecord(rw) || !Array.isArray(rw.kept) || !Array.isArray(rw.dropped)) return "`rewrite` lacks kept/dropped";
    if (!rw.kept.every((k) => typeof k === "string")) return "`rewrite.kept` is not a list of ids";
    if (!rw.dropped.every((d) => isRecord(d) && typeof d.id === "string" && typeof d.cause === "string")) return "`rewrite.dropped` is not a list of {id, cause}";
  }
  const rf = x.refusal;
  if (rf !== null && rf !== undefined && (!isRecord(rf) || typeof rf.reason !== "string")) return "`refusal` lacks a reason";
  return { ...(x as unknown as LedgerEntry), rewrite: (rw ?? null) as LedgerEntry["rewrite"], refusal: (rf ?? null) as LedgerEntry["refusal"] };
}

/** Splits a JSONL file into parsed records, warning (`file:line: ...`) about and skipping bad lines. */
function readJsonl<T>(file: string, parse: (x: unknown) => T | string, warnings: string[]): { line: number; value: T }[] {
  const text = readTextFile(file).text;
  const out: { line: number; value: T }[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    if (raw.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      const partial = i === lines.length - 1 && !text.endsWith("\n");
      warnings.push(`${file}:${i + 1}: malformed JSON${partial ? " (a partial last line)" : ""}; line skipped`);
      return;
    }
    const v = parse(json);
    if (typeof v === "string") {
      warnings.push(`${file}:${i + 1}: ${v}; line skipped`);
      return;
    }
    out.push({ line: i + 1, value: v });
  });
  return out;
}

/** The task-set digest recorded in the newest checkpoint (it precedes the policy in the file, so only the head is read). */
function checkpointDigest(dir: string): string | null {
  const all = listCheckpoints(dir);
  const newest = all[all.length - 1];
  if (!newest) return null;
  const fd = openSync(newest.file, "r");
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const m = /"tasks":"([0-9a-f]{64})"/.exec(buf.subarray(0, n).toString("utf8"));
    return m ? (m[1] as string) : null;
  } finally {
    closeSync(fd);
  }
}

/** Loads one run directory. `label` is how the run is named in messages and in the report. */
export function loadRun(dir: string, label: string = dir): LoadResult {
  const warnings: string[] = [];
  if (!existsSync(dir)) throw new ReportInputError(`${label}: no such directory`);
  if (!statSync(dir).isDirectory()) throw new ReportInputError(`${label}: not a directory (expected a run directory written by \`hir train\`)`);
  const p = paths(dir);
  if (!existsSync(p.config)) throw new ReportInputError(`${label}: not a training run (no config.json)`);
  let config: TrainConfig;
  try {
    config = resolveConfig(JSON.parse(readFileSync(p.config, "utf8")));
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new ReportInputError(`${p.config}: invalid run config: ${msg}`);
  }
  if (!existsSync(p.metrics)) throw new ReportInputError(`${label}: no metrics.jsonl (has the run started?)`);
  const rows = readJsonl(p.metrics, (x) => parseMetricsRecord(x, config.arm, config.seed), warnings);
  if (rows.length === 0) throw new ReportInputError(`${p.metrics}: no usable metrics lines (the file is empty or every line is malformed)`);
  const byStep = new Map<number, StepMetrics>();
  for (const r of rows) {
    if (byStep.has(r.value.step)) {
      warnings.push(`${p.metrics}:${r.line}: step ${r.value.step} appears again; the first line is kept`);
      continue;
    }
    byStep.set(r.value.step, r.value);
  }
  const metrics = [...byStep.values()].sort((a, b) => a.step - b.step);
  if (!metrics.some((m) => m.step > 0)) warnings.push(`${p.metrics}: no training steps yet (only the step-0 baseline)`);
  const ledger = existsSync(p.ledger) ? readJsonl(p.ledger, parseLedgerRecord, warnings).map((r) => r.value) : [];
  let summary: RunSummary | null = null;
  if (existsSync(p.summary)) {
    try {
      const s = JSON.parse(readFileSync(p.summary, "utf8")) as unknown;
      const heldOut = isRecord(s) ? accuracy(s.heldOut) : undefined;
      const train = isRecord(s) ? accuracy(s.train) : undefined;
      if (!isRecord(s) || !isNum(s.step) || heldOut === undefined || train === undefined) warnings.push(`${p.summary}: not a run summary; ignored`);
      else summary = { step: s.step, arm: config.arm, seed: config.seed, train, heldOut };
    } catch {
      warnings.push(`${p.summary}: malformed JSON; ignored`);
    }
  }
  return { run: { label, dir, config, metrics, ledger, summary, tasksDigest: checkpointDigest(dir) }, warnings };
}

/** Config fields that may differ between the runs of one report (they identify the run, not the experiment). */
const RUN_IDENTITY = new Set(["arm", "seed", "name", "steps"]);

/** Flattens a config into `a.b.c` -> JSON value, for comparison. */
export function flattenConfig(x: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (isRecord(x)) {
    for (const k of Object.keys(x).sort()) for (const [kk, v] of flattenConfig(x[k], prefix === "" ? k : `${prefix}.${k}`)) out.set(kk, v);
  } else out.set(prefix, JSON.stringify(x));
  return out;
}

export interface Compatibility {
  /** Set when the runs cannot be compared (different training data or task sets). */
  readonly error: string | null;
  /** Config fields (other than arm, seed, name, steps) whose values differ between runs: field -> values, in run order. */
  readonly differences: readonly { readonly field: string; readonly values: readonly string[] }[];
}

/**
 * Runs are comparable when they train on the same data: the same `data` file and,
 * when both have a checkpoint, the same task-set digest (ids and rendered
 * instructions, so an edited contract spec is caught too). Other config
 * differences are reported, not refused.
 */
export function checkCompatibility(runs: readonly LoadedRun[]): Compatibility {
  const first = runs[0];
  if (!first) return { error: null, differences: [] };
  for (const r of runs.slice(1)) {
    if (r.config.data !== first.config.data) {
      return { error: `runs train on different data: ${first.label} uses ${JSON.stringify(first.config.data)}, ${r.label} uses ${JSON.stringify(r.config.data)}`, differences: [] };
    }
  }
  const withDigest = runs.filter((r) => r.tasksDigest !== null);
  const ref = withDigest[0];
  for (const r of withDigest.slice(1)) {
    if (ref && r.tasksDigest !== ref.tasksDigest) {
      return {
        error: `runs train on different task sets (the contract specs or the data changed between runs): ${ref.label} and ${r.label} record different task digests in their checkpoints`,
        differences: [],
      };
    }
  }
  const flat = runs.map((r) => flattenConfig(r.config));
  const fields = [...new Set(flat.flatMap((f) => [...f.keys()]))].filter((f) => !RUN_IDENTITY.has(f)).sort();
  const differences = fields
    .map((field) => ({ field, values: flat.map((f) => f.get(field) ?? "(unset)") }))
    .filter((d) => new Set(d.values).size > 1);
  return { error: null, differences };
}
