/**
 * The report page: one self-contained HTML file (inline CSS, inline SVG charts,
 * one small inline script that only marks which plots were laid out). It loads
 * nothing: a Content-Security-Policy meta tag forbids every external resource
 * and allows only that script, by hash. Every string taken from the runs (paths,
 * contract and constraint ids, refusal reasons, config values) is escaped.
 * The output is a pure function of the runs and the options: no clock, no
 * randomness, fixed ordering.
 */
import { createHash } from "node:crypto";
import { armReplays, type Arm } from "../config.js";
import {
  band,
  byCode,
  constraintMatrix,
  finalHeldOut,
  groupByArm,
  METRICS,
  refusalStacks,
  replayComposition,
  summarizeArm,
  type ArmGroup,
  type ArmSummary,
  type MetricGetter,
  type Stat,
} from "./aggregate.js";
import { armComparisons } from "./comparisons.js";
import type { Compatibility, LoadedRun } from "./load.js";
import { barChart, esc, fmt, heatmap, lineChart, paletteColor, stackedBars, type LineSeries } from "./svg.js";

export interface ReportOptions {
  /** Train-ILA threshold for "steps to threshold" (default 0.3, as bench/trainer.ts). */
  readonly threshold?: number;
  /** Moving-average window for the threshold (default 5). */
  readonly window?: number;
  /** Trailing moving average applied to each run's per-step train curves before aggregating (default 1: raw). */
  readonly smooth?: number;
  /** Maximum step bins in heatmaps and stacked bars (default 50). */
  readonly bins?: number;
  readonly title?: string;
}

export interface Report {
  readonly html: string;
  /** The ids of the plots (one `<svg class="plot">` each), in page order. */
  readonly plots: readonly string[];
}

/** Fixed colours per arm. */
export const ARM_COLORS: Readonly<Record<Arm, string>> = {
  hir: "#1f77b4",
  "random-replay": "#ff7f0e",
  binary: "#2ca02c",
  fraction: "#d62728",
  "no-relabel": "#9467bd",
};

export const armLabel = (g: ArmGroup): string => `${g.arm} (${g.runs.length} seed${g.runs.length === 1 ? "" : "s"})`;

/** Marks every plot with data-drawn="yes|no" (a data mark with a non-empty bounding box) and counts them on <body>. */
export const DRAW_CHECK_SCRIPT =
  '(function(){var p=document.querySelectorAll("svg.plot"),n=0;for(var i=0;i<p.length;i++){var m=p[i].querySelectorAll(".data"),ok=false;' +
  'for(var j=0;j<m.length&&!ok;j++){var b=m[j].getBBox();ok=b.width>0||b.height>0;}p[i].setAttribute("data-drawn",ok?"yes":"no");if(ok)n++;}' +
  'document.body.setAttribute("data-plots",String(p.length));document.body.setAttribute("data-plots-drawn",String(n));})();';

const scriptHash = (): string => createHash("sha256").update(DRAW_CHECK_SCRIPT, "utf8").digest("base64");

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1400px;padding:0 20px 40px;color:#222;background:#fff}
h1{font-size:22px;margin:18px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}
td.num{text-align:right;font-variant-numeric:tabular-nums}td:first-child{white-space:nowrap}
.plots{display:flex;flex-wrap:wrap;gap:12px}
svg.plot{background:#fff;border:1px solid #e4e4e4;max-width:100%;height:auto}
svg.plot text{font-size:11px;fill:#333}svg.plot .plot-title{font-size:13px;font-weight:600}
svg.plot .grid{stroke:#eee}svg.plot .frame{stroke:#bbb}svg.plot .tick-mark{stroke:#999}
svg.plot .no-data{fill:#999;font-style:italic}
.note{color:#555;font-size:13px}.warn{background:#fff6e0;border:1px solid #f0d9a0;padding:6px 10px}
nav a{margin-right:12px}code{font-size:12px}
`;

const statText = (s: Stat | null, digits = 3): string => (s === null ? "-" : s.n > 1 ? `${fmt(s.mean, digits)} ± ${fmt(s.sd, digits)}` : fmt(s.mean, digits));
const rangeText = (s: Stat | null, digits = 3): string => (s === null || s.n < 2 ? "" : ` [${fmt(s.min, digits)}, ${fmt(s.max, digits)}]`);

function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: (col: number) => boolean = () => false): string {
  const th = head.map((h) => `<th>${h}</th>`).join("");
  const trs = rows.map((r) => `<tr>${r.map((cell, i) => `<td${numeric(i) ? ' class="num"' : ""}>${cell}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

/** The id of a plot, safe as an HTML id (arm names are from a fixed enum). */
const plotId = (...parts: string[]): string => `plot-${parts.join("-").replace(/[^a-z0-9-]/gi, "_")}`;

export function renderReport(runs: readonly LoadedRun[], compat: Compatibility, options: ReportOptions = {}): Report {
  const threshold = options.threshold ?? 0.3;
  const window = options.window ?? 5;
  const smooth = options.smooth ?? 1;
  const maxBins = options.bins ?? 50;
  const title = options.title ?? "HiR training report";
  const groups = groupByArm(runs);
  const plots: string[] = [];
  const svg = (markup: string, id: string): string => {
    plots.push(id);
    return markup;
  };
  const maxStep = Math.max(0, ...runs.map((r) => r.metrics[r.metrics.length - 1]?.step ?? 0));
  const body: string[] = [];

  // ---------------------------------------------------------------- header
  const armsText = groups.map((g) => `${g.arm} × ${g.runs.length}`).join(", ");
  body.push(`<h1>${esc(title)}</h1>`);
  body.push(`<p class="note">${runs.length} run${runs.length === 1 ? "" : "s"} (${esc(armsText)}), data <code>${esc(runs[0]?.config.data ?? "")}</code>, up to step ${maxStep}. Bands: min–max over seeds; lines: mean over seeds.${smooth > 1 ? ` Train curves: ${smooth}-step trailing moving average per run.` : ""}</p>`);
  body.push('<nav><a href="#summary">Summary</a><a href="#comparisons">Comparisons</a><a href="#curves">Learning curves</a><a href="#constraints">Constraints</a><a href="#replays">Replays</a><a href="#refusals">Refusals</a><a href="#diagnostics">Diagnostics</a><a href="#runs">Runs</a></nav>');
  if (compat.differences.length > 0) {
    body.push(`<div class="warn"><p>The runs' configs differ in ${compat.differences.length} field${compat.differences.length === 1 ? "" : "s"} other than arm, seed, name and steps (runs of one arm are averaged together):</p>`);
    body.push(table(["field", ...runs.map((r) => esc(r.label))], compat.differences.map((d) => [`<code>${esc(d.field)}</code>`, ...d.values.map((v) => `<code>${esc(v)}</code>`)])));
    body.push("</div>");
  }

  // ---------------------------------------------------------------- summary
  const summaries: ArmSummary[] = groups.map((g) => summarizeArm(g, threshold, window));
  body.push('<h2 id="summary">Summary per arm</h2>');
  body.push(
    table(
      ["arm", "seeds", "last step", "held-out ILA start", "final held-out ILA (mean ± sd) [min, max]", "final held-out CLA", "train ILA (last 10 steps)", `steps to train ILA ${esc(fmt(threshold, 2))} (${window}-step mean)`, "replays / step", "entropy end", "KL end"],
      summaries.map((s) => [
        `<span style="color:${ARM_COLORS[s.arm]}">■</span> ${esc(s.arm)}`,
        esc(s.seeds.join(", ")),
        s.lastStep.min === s.lastStep.max ? String(s.lastStep.max) : `${s.lastStep.min}–${s.lastStep.max}`,
        statText(s.startHeldOutIla),
        `${statText(s.finalHeldOutIla)}${rangeText(s.finalHeldOutIla)}`,
        statText(s.finalHeldOutCla),
        statText(s.trainIlaLast10),
        s.threshold.steps === null ? `not reached (0/${s.threshold.total})` : `${fmt(s.threshold.steps.mean, 1)} (${s.threshold.reached}/${s.threshold.total})`,
        s.replaysPerStep === null ? "-" : fmt(s.replaysPerStep.mean, 1),
        statText(s.entropyEnd, 2),
        statText(s.klEnd, 3),
      ]),
      (i) => i >= 2,
    ),
  );
  body.push(`<p class="note">Final held-out: each run's last held-out evaluation (summary.json when the run completed, else the last metrics line with a held-out result). Steps to threshold: the first step at which the ${window}-step trailing mean of train ILA reaches ${esc(fmt(threshold, 2))}, mean over the seeds that reached it (reached/total), as <code>bench/trainer.ts</code>.</p>`);

  // ---------------------------------------------------------------- comparisons
  const cmp = armComparisons(groups);
  body.push('<h2 id="comparisons">Comparisons</h2>');
  const metricName = (m: string) => (m === "auc" ? "held-out ILA AUC" : m === "final" ? "final held-out ILA" : m);
  body.push(
    table(
      ["arm", "metric", "seeds", "mean", "95% confidence interval"],
      cmp.intervals.map((x) => [esc(x.arm), esc(metricName(x.metric)), String(x.n), fmt(x.mean, 3), x.n < 2 ? "- (one seed)" : `[${fmt(x.low, 3)}, ${fmt(x.high, 3)}]`]),
      (i) => i >= 2,
    ),
  );
  if (cmp.comparisons.length > 0) {
    body.push(
      table(
        ["a", "b", "metric", "diff (a − b)", "95% interval of the diff", "Cohen's d", "Welch p", "verdict"],
        cmp.comparisons.map((c) => [
          esc(c.a),
          esc(c.b),
          esc(metricName(c.metric)),
          fmt(c.diff, 3),
          Number.isFinite(c.ci_low) ? `[${fmt(c.ci_low, 3)}, ${fmt(c.ci_high, 3)}]` : "-",
          Number.isFinite(c.cohen_d) ? fmt(c.cohen_d, 2) : "-",
          Number.isFinite(c.welch_p) ? fmt(c.welch_p, 3) : "-",
          c.within_noise ? (Number.isFinite(c.welch_p) ? "within noise (p ≥ 0.05)" : "within noise (too few seeds)") : c.diff > 0 ? `${esc(c.a)} better` : `${esc(c.b)} better`,
        ]),
        (i) => i >= 3 && i <= 6,
      ),
    );
  }
  body.push('<p class="note">AUC: area under the held-out ILA curve over the evaluated steps divided by their span (the curve\'s mean height), as <code>bench/trainer.ts</code>. Intervals: Student\'s t over seeds; differences: Welch\'s t-test. A difference whose p is at least 0.05 is reported as within noise: the seeds do not separate the arms.</p>');

  // ---------------------------------------------------------------- learning curves
  const armSeries = (get: MetricGetter, sm = 1): LineSeries[] => groups.map((g) => ({ label: armLabel(g), color: ARM_COLORS[g.arm], points: band(g.runs, get, sm) }));
  body.push('<h2 id="curves">Learning curves</h2><div class="plots">');
  const curves: [string, string, MetricGetter, number][] = [
    ["train-ila", "Train ILA (instruction-level accuracy)", METRICS.trainIla, smooth],
    ["heldout-ila", "Held-out ILA", METRICS.heldOutIla, 1],
    ["train-cla", "Train CLA (constraint-level accuracy)", METRICS.trainCla, smooth],
    ["heldout-cla", "Held-out CLA", METRICS.heldOutCla, 1],
  ];
  for (const [key, t, get, sm] of curves) {
    const id = plotId(key);
    body.push(svg(lineChart({ id, title: t, xLabel: "step", yLabel: key.endsWith("ila") ? "ILA" : "CLA", series: armSeries(get, sm), yDomain: [0, 1] }), id));
  }
  body.push("</div>");

  // ---------------------------------------------------------------- per-constraint satisfaction
  body.push('<h2 id="constraints">Per-constraint satisfaction</h2>');
  body.push('<p class="note">Pass rate of each constraint (<code>Contract.constraint</code>) over the step\'s original rollouts (<code>constraintPassRates</code> in metrics.jsonl), averaged over the seeds and the steps of each bin where the constraint\'s contract was sampled.</p><div class="plots">');
  const matrices = groups.map((g) => ({ g, m: constraintMatrix(g.runs, maxBins, maxStep) }));
  for (const { g, m } of matrices) {
    const id = plotId("constraints", g.arm);
    body.push(svg(heatmap({ id, title: `Constraint pass rate: ${armLabel(g)}`, rows: m.constraints, bins: m.bins, values: m.values, valueName: "pass rate" }), id));
  }
  body.push("</div>");
  const allConstraints = [...new Set(matrices.flatMap(({ m }) => m.constraints))].sort(byCode);
  if (allConstraints.length > 0) {
    body.push("<h3>First and last bin</h3>");
    body.push(
      table(
        ["constraint", ...groups.map((g) => `${esc(g.arm)}: first → last`)],
        allConstraints.map((id) => [
          `<code>${esc(id)}</code>`,
          ...matrices.map(({ m }) => {
            const i = m.constraints.indexOf(id);
            const fl = i < 0 ? undefined : m.firstLast[i];
            return fl && fl.first !== null && fl.last !== null ? `${fmt(fl.first, 2)} → ${fmt(fl.last, 2)}` : "-";
          }),
        ]),
        (i) => i > 0,
      ),
    );
  }

  // ---------------------------------------------------------------- replays
  const replayGroups = groups.filter((g) => armReplays(g.arm));
  body.push('<h2 id="replays">Replay composition</h2>');
  if (replayGroups.length === 0) {
    body.push('<p class="note">No replay arm (hir, random-replay, no-relabel) among the runs.</p>');
  } else {
    body.push('<div class="plots">');
    const replaySeries: LineSeries[] = replayGroups.flatMap((g) => [
      { label: `${armLabel(g)}: replays`, color: ARM_COLORS[g.arm], points: band(g.runs, METRICS.replays) },
      { label: `${g.arm}: candidates`, color: ARM_COLORS[g.arm], points: band(g.runs, METRICS.candidates), dashed: true, band: false },
    ]);
    const rid = plotId("replays");
    body.push(svg(lineChart({ id: rid, title: "Replays and eligible candidates per step", xLabel: "step", yLabel: "samples", series: replaySeries, digits: 1 }), rid));
    const comps = replayGroups.map((g) => ({ g, c: replayComposition(g.runs) }));
    const droppedIds = [...new Set(comps.flatMap(({ c }) => c.dropped.map((d) => d.id)))];
    const totalDrop = new Map(droppedIds.map((id) => [id, comps.reduce((a, { c }) => a + (c.dropped.find((d) => d.id === id)?.count ?? 0), 0)]));
    const topDropped = droppedIds.sort((a, b) => (totalDrop.get(b) as number) - (totalDrop.get(a) as number) || byCode(a, b)).slice(0, 20);
    const did = plotId("dropped");
    body.push(
      svg(
        barChart({
          id: did,
          title: `Most dropped constraints (share of replays${droppedIds.length > 20 ? ", top 20" : ""})`,
          categories: topDropped,
          groups: comps.map(({ g, c }) => ({ label: armLabel(g), color: ARM_COLORS[g.arm], values: topDropped.map((id) => c.dropped.find((d) => d.id === id)?.share ?? 0) })),
          valueLabel: "share of replays that dropped it",
          note: (gi, ci) => ` (${comps[gi]?.c.dropped.find((d) => d.id === topDropped[ci])?.count ?? 0} of ${comps[gi]?.c.replays ?? 0} replays)`,
        }),
        did,
      ),
    );
    const keptCounts = [...new Set(comps.flatMap(({ c }) => c.kept.map((k) => k.kept)))].sort((a, b) => a - b);
    const kid = plotId("kept");
    body.push(
      svg(
        barChart({
          id: kid,
          title: "Constraints kept per replay",
          categories: keptCounts.map((k) => `${k} kept`),
          groups: comps.map(({ g, c }) => ({ label: armLabel(g), color: ARM_COLORS[g.arm], values: keptCounts.map((k) => (c.replays > 0 ? (c.kept.find((x) => x.kept === k)?.count ?? 0) / c.replays : 0)) })),
          valueLabel: "share of replays",
          note: (gi, ci) => ` (${comps[gi]?.c.kept.find((x) => x.kept === keptCounts[ci])?.count ?? 0} of ${comps[gi]?.c.replays ?? 0} replays)`,
        }),
        kid,
      ),
    );
    body.push("</div>");
    body.push(
      table(
        ["arm", "replays (ledger)", "eligible, not selected", "dropped because (count)"],
        comps.map(({ g, c }) => [esc(g.arm), String(c.replays), String(c.notSelected), c.causes.length === 0 ? "-" : c.causes.map((x) => `${esc(x.cause)}: ${x.count}`).join(", ")]),
        (i) => i === 1 || i === 2,
      ),
    );
    body.push('<p class="note">From ledger.jsonl: every selected failure with its hindsight rewrite. A drop cause is <code>failed</code> (the response failed it), <code>requires</code> (its prerequisite was dropped) or <code>coupled</code> (a coupled partner was dropped).</p>');
  }

  // ---------------------------------------------------------------- refusals
  body.push('<h2 id="refusals">Refusals by reason</h2>');
  const refusalGroups = groups.filter((g) => armReplays(g.arm) || g.runs.some((r) => r.metrics.some((m) => Object.keys(m.refusals).length > 0)));
  if (refusalGroups.length === 0) {
    body.push('<p class="note">No replay arm among the runs: the binary and fraction arms consider no failures for replay.</p>');
  } else {
    const stacks = refusalGroups.map((g) => ({ g, s: refusalStacks(g.runs, maxBins, maxStep) }));
    const reasons = [...new Set(stacks.flatMap(({ s }) => s.reasons))].sort(byCode);
    const color = new Map(reasons.map((r, i) => [r, paletteColor(i)]));
    const yMax = Math.max(0, ...stacks.flatMap(({ s }) => s.bins.map((_, b) => s.counts.reduce((a, row) => a + (row[b] ?? 0), 0))));
    body.push('<p class="note">Failures not eligible for replay per step (metrics <code>refusals</code>), mean over seeds and the steps of each bin, stacked by reason code; one colour per reason across arms.</p><div class="plots">');
    for (const { g, s } of stacks) {
      const id = plotId("refusals", g.arm);
      body.push(
        svg(
          stackedBars({ id, title: `Refusals per step: ${armLabel(g)}`, bins: s.bins, stacks: s.reasons.map((r, i) => ({ label: r, color: color.get(r) as string, values: s.counts[i] ?? [] })), yLabel: "refusals per step", yMax }),
          id,
        ),
      );
    }
    body.push("</div>");
    body.push(table(["reason", ...stacks.map(({ g }) => `${esc(g.arm)} (total)`)], reasons.map((r) => [`<code>${esc(r)}</code>`, ...stacks.map(({ s }) => String(s.totals[s.reasons.indexOf(r)] ?? 0))]), (i) => i > 0));
  }

  // ---------------------------------------------------------------- diagnostics
  body.push('<h2 id="diagnostics">Diagnostics</h2><p class="note">Mean token entropy of the rollouts, mean per-token KL estimate to the reference policy (in the reward), PPO clip fraction. A falling entropy with a rising KL is the collapse described in docs/trainer.md (klBeta).</p><div class="plots">');
  const diag: [string, string, MetricGetter, number][] = [
    ["entropy", "Mean token entropy", METRICS.entropy, 2],
    ["kl", "KL to the reference (per token)", METRICS.kl, 4],
    ["clip", "PPO clip fraction", METRICS.clipFraction, 3],
  ];
  for (const [key, t, get, digits] of diag) {
    const id = plotId(key);
    body.push(svg(lineChart({ id, title: t, xLabel: "step", yLabel: key, series: armSeries(get), digits }), id));
  }
  body.push("</div>");

  // ---------------------------------------------------------------- runs
  body.push('<h2 id="runs">Runs</h2>');
  body.push(
    table(
      ["run", "arm", "seed", "steps (done / configured)", "final held-out ILA (step)", "klBeta", "ledger lines", "summary.json"],
      [...runs]
        .sort((a, b) => byCode(a.label, b.label))
        .map((r) => {
          const f = finalHeldOut(r);
          return [
            `<code>${esc(r.label)}</code>`,
            esc(r.config.arm),
            String(r.config.seed),
            `${r.metrics[r.metrics.length - 1]?.step ?? 0} / ${r.config.steps}`,
            f ? `${fmt(f.ila, 3)} (${f.step})` : "-",
            esc(String(r.config.advantage.klBeta)),
            String(r.ledger.length),
            r.summary ? "yes" : "no",
          ];
        }),
      (i) => i >= 2 && i <= 6,
    ),
  );

  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash()}'`;
  const html =
    "<!DOCTYPE html>\n" +
    '<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="generator" content="hir report">\n' +
    `<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n` +
    body.join("\n") +
    `\n<script>${DRAW_CHECK_SCRIPT}</script>\n</body>\n</html>\n`;
  return { html, plots };
}
