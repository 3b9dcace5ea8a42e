/**
 * Shared timing for the benches: every subject runs the same number of times,
 * interleaved (A B A B ...) after a warm-up, so a change in heap state, CPU
 * frequency or load from other processes hits all subjects alike. One run of a
 * single baseline swings several-fold on a loaded machine; min and median over
 * interleaved rounds, and the per-round ratio, do not.
 */

export interface Subject {
  readonly name: string;
  /** One timed unit of work. Return something derived from the work so it cannot be optimized away. */
  readonly run: () => unknown;
}

export interface Summary {
  readonly min: number;
  readonly median: number;
}

export interface Comparison {
  readonly rounds: number;
  /** Runs of each subject per sample. */
  readonly repeat: number;
  /** Milliseconds per run of each subject. */
  readonly times: ReadonlyMap<string, Summary>;
  /** Per-round ratio of each subject to the baseline (the first subject). */
  readonly ratios: ReadonlyMap<string, Summary>;
  readonly baseline: string;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0] ?? NaN, median };
}

let sink = 0;
/** Keeps results alive so the JIT cannot drop the timed work. */
export function consume(value: unknown): void {
  if (typeof value === "number") sink += value;
  else if (value !== undefined && value !== null) sink += 1;
}
export function sinkValue(): number {
  return sink;
}

/**
 * `--cpu`: samples are process CPU time (user + system, every thread: the garbage
 * collector's helpers count) instead of wall-clock time. On a machine shared with
 * other jobs, time spent waiting for a core then does not count; a tight loop and
 * an allocating subject are no longer hit differently by preemption.
 */
export const cpuClock = process.argv.includes("--cpu");
export const clockName = cpuClock ? "CPU time" : "wall clock";

function nowMs(): number {
  if (cpuClock) {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  }
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Milliseconds for `repeat` back-to-back runs, divided by `repeat` (one sample). */
function timeOnce(run: () => unknown, repeat: number): number {
  const start = nowMs();
  for (let i = 0; i < repeat; i++) consume(run());
  return (nowMs() - start) / repeat;
}

/**
 * Times `subjects` for `rounds` interleaved rounds after `warmup` untimed rounds.
 * The order inside a round alternates (A B, then B A) so neither side always runs
 * right after the other's garbage. Ratios are to `subjects[0]`.
 *
 * A sample is `repeat` back-to-back runs of its subject (the same number for every
 * subject), reported per run: a short baseline (a few ms) measured once per round is
 * at the mercy of one GC pause or scheduler hiccup, a longer sample averages them out.
 * `minSampleMs` raises `repeat` until the baseline's warm-up run would take that long.
 */
export function compare(subjects: readonly Subject[], options: { rounds: number; warmup?: number; repeat?: number; minSampleMs?: number }): Comparison {
  const warmup = options.warmup ?? 1;
  let repeat = Math.max(1, Math.floor(options.repeat ?? 1));
  if (options.minSampleMs !== undefined) {
    const one = timeOnce(subjects[0]!.run, 1);
    repeat = Math.max(repeat, Math.ceil(options.minSampleMs / Math.max(one, 0.01)));
  }
  for (let w = 0; w < warmup; w++) for (const s of subjects) consume(s.run());
  const samples = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  for (let r = 0; r < options.rounds; r++) {
    const order = r % 2 === 0 ? subjects : [...subjects].reverse();
    for (const s of order) samples.get(s.name)!.push(timeOnce(s.run, repeat));
  }
  const base = subjects[0]!.name;
  const baseSamples = samples.get(base)!;
  const times = new Map<string, Summary>();
  const ratios = new Map<string, Summary>();
  for (const s of subjects) {
    const xs = samples.get(s.name)!;
    times.set(s.name, summarize(xs));
    ratios.set(s.name, summarize(xs.map((x, i) => x / baseSamples[i]!)));
  }
  return { rounds: options.rounds, repeat, times, ratios, baseline: base };
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** A fixed-width table: per subject, min/median ms and min/median ratio to the baseline. */
export function formatComparison(c: Comparison, title: string): string {
  const width = Math.max(...[...c.times.keys()].map((k) => k.length), 8);
  const lines = [
    `${title} (${c.rounds} interleaved rounds${c.repeat > 1 ? ` of ${c.repeat} runs per subject` : ""}; times per run; ratio = subject / ${c.baseline}, per round)`,
    `  ${"subject".padEnd(width)}  ${"min ms".padStart(9)}  ${"median ms".padStart(9)}  ${"min ratio".padStart(9)}  ${"med ratio".padStart(9)}`,
  ];
  for (const [name, t] of c.times) {
    const r = c.ratios.get(name)!;
    lines.push(
      `  ${name.padEnd(width)}  ${ms(t.min).padStart(9)}  ${ms(t.median).padStart(9)}  ${`${r.min.toFixed(2)}x`.padStart(9)}  ${`${r.median.toFixed(2)}x`.padStart(9)}`,
    );
  }
  return lines.join("\n");
}

/** Value of `--name N` on the command line, or `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i > 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export const quick = process.argv.includes("--quick");

/** Peak resident set size (bytes) as reported by the OS; heap used now. */
export function memoryFigures(): { maxRss: number; heapUsed: number; rss: number } {
  const m = process.memoryUsage();
  return { maxRss: process.resourceUsage().maxRSS * 1024, heapUsed: m.heapUsed, rss: m.rss };
}
