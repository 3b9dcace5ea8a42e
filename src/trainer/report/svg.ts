/**
 * Hand-written SVG charts for the report: line charts with bands, heatmaps,
 * grouped horizontal bars and stacked vertical bars. Output is plain markup
 * (no script), deterministic (fixed number formatting, no ids from counters
 * shared between calls), and every string from the runs goes through `esc`.
 *
 * Each chart is one `<svg class="plot" id="plot-...">`; the marks that carry
 * data have class `data`, legend entries are `<g class="legend-entry">`, and
 * every mark has a `<title>` tooltip.
 */
import type { BandPoint } from "./aggregate.js";


/** Escapes text for HTML/SVG text content and double- or single-quoted attributes. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

/** Fixed-decimal formatting without `-0`. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "-";
  const s = x.toFixed(digits);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** Coordinates: 2 decimals are plenty for a screen. */
const c = (x: number): string => fmt(x, 2);

/** Categorical palette (Tableau 10), used in sorted order of the labels it colours. */
export const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"] as const;
export const paletteColor = (i: number): string => PALETTE[i % PALETTE.length] as string;

/** Round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, target = 5, integer = false): number[] {
  if (!(hi > lo)) return [lo];
  const raw = integer ? Math.max(1, (hi - lo) / target) : (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = (integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]).map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

const tickLabel = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

function open(id: string, title: string, f: Frame, desc?: string): string {
  const tid = `${id}-title`;
  return (
    `<svg class="plot" id="${esc(id)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-labelledby="${esc(tid)}">` +
    `<title id="${esc(tid)}">${esc(title)}</title>` +
    (desc ? `<desc>${esc(desc)}</desc>` : "") +
    `<text class="plot-title" x="${f.left}" y="16">${esc(title)}</text>`
  );
}

function legend(entries: readonly { label: string; color: string; dashed?: boolean; swatch?: "line" | "box" }[], x: number, y: number): string {
  const rows = entries.map((e, i) => {
    const yy = y + i * 18;
    const mark =
      e.swatch === "box"
        ? `<rect x="${x}" y="${yy - 9}" width="14" height="10" fill="${e.color}"/>`
        : `<line x1="${x}" y1="${yy - 4}" x2="${x + 14}" y2="${yy - 4}" stroke="${e.color}" stroke-width="2.5"${e.dashed ? ' stroke-dasharray="4 3"' : ""}/>`;
    return `<g class="legend-entry" data-label="${esc(e.label)}">${mark}<text x="${x + 19}" y="${yy}">${esc(e.label)}</text></g>`;
  });
  return `<g class="legend">${rows.join("")}</g>`;
}

function noData(f: Frame, message: string): string {
  return `<text class="no-data" x="${c((f.left + f.width - f.right) / 2)}" y="${c((f.top + f.height - f.bottom) / 2)}" text-anchor="middle">${esc(message)}</text>`;
}

/** The plot area's size: the frame less its margins. */
function plotSize(f: Frame): { readonly pw: number; readonly ph: number } {
  return { pw: f.width - f.left - f.right, ph: f.height - f.top - f.bottom };
}

/** Horizontal grid lines across the plot area, each with its tick label on the left. */
function yGrid(f: Frame, ticks: readonly number[], Y: (v: number) => number): string {
  const { pw } = plotSize(f);
  return ticks.map((t) => `<line class="grid" x1="${f.left}" y1="${c(Y(t))}" x2="${f.left + pw}" y2="${c(Y(t))}"/><text class="tick" x="${f.left - 6}" y="${c(Y(t) + 4)}" text-anchor="end">${tickLabel(t)}</text>`).join("");
}

/** The plot area's outline and the axis titles below it and (rotated) left of it. */
function frameAndTitles(f: Frame, xTitle: string, yTitle: string): string {
  const { pw, ph } = plotSize(f);
  return (
    `<rect class="frame" x="${f.left}" y="${f.top}" width="${pw}" height="${ph}" fill="none"/>` +
    `<text class="axis-label" x="${c(f.left + pw / 2)}" y="${f.height - 6}" text-anchor="middle">${esc(xTitle)}</text>` +
    `<text class="axis-label" transform="translate(13 ${c(f.top + ph / 2)}) rotate(-90)" text-anchor="middle">${esc(yTitle)}</text>`
  );
}

/** Consecutive step ranges, one per bar or heatmap column. */
export type StepBins = readonly { readonly from: number; readonly to: number }[];

/** Round steps to label along a binned step axis, each with the index of the bin that holds it. */
function binTicks(bins: StepBins, target: number): { readonly step: number; readonly bin: number }[] {
  const maxStep = bins[bins.length - 1]?.to ?? 1;
  return niceTicks(1, maxStep, target, true)
    .map((step) => ({ step, bin: bins.findIndex((b) => step >= b.from && step <= b.to) }))
    .filter((t) => t.bin >= 0);
}

/** A binned step axis's title: `step`, or `step (bins of N)`. */
function stepAxisTitle(bins: StepBins): string {
  const width = bins[0] ? bins[0].to - bins[0].from + 1 : 1;
  return `step${width > 1 ? ` (bins of ${width})` : ""}`;
}

// ---------------------------------------------------------------- line charts

/** A point of a line with its seed band (see aggregate.ts). */
export type LinePoint = BandPoint;

export interface LineSeries {
  readonly label: string;
  readonly color: string;
  readonly points: readonly LinePoint[];
  readonly dashed?: boolean;
  /** Draw the min-max band (default true). */
  readonly band?: boolean;
}

export interface LineChartOptions {
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** Fixed y range (e.g. [0, 1] for accuracies); otherwise from the data, including 0. */
  readonly yDomain?: readonly [number, number];
  readonly digits?: number;
  readonly desc?: string;
}

/** Mean line per series over a shaded min-max band; markers (with tooltips: mean, sd, min, max, n) when points are sparse. */
export function lineChart(o: LineChartOptions): string {
  const f: Frame = { width: 660, height: 300, left: 52, right: 150, top: 28, bottom: 42 };
  const { pw, ph } = plotSize(f);
  const all = o.series.flatMap((s) => s.points);
  const xMin = Math.min(0, ...all.map((p) => p.x));
  const xMax = Math.max(xMin + 1, ...all.map((p) => p.x));
  let [yMin, yMax] = o.yDomain ?? [Math.min(0, ...all.map((p) => p.lo)), Math.max(0, ...all.map((p) => p.hi))];
  if (!(yMax > yMin)) yMax = yMin + 1;
  const X = (x: number) => f.left + ((x - xMin) / (xMax - xMin)) * pw;
  const Y = (y: number) => f.top + ph - ((y - yMin) / (yMax - yMin)) * ph;
  const d = o.digits ?? 3;
  const parts: string[] = [open(o.id, o.title, f, o.desc)];
  // axes and grid
  const g: string[] = ['<g class="axes">'];
  g.push(yGrid(f, niceTicks(yMin, yMax, 5), Y));
  for (const t of niceTicks(xMin, xMax, 8, true)) {
    g.push(`<line class="tick-mark" x1="${c(X(t))}" y1="${f.top + ph}" x2="${c(X(t))}" y2="${f.top + ph + 4}"/>`);
    g.push(`<text class="tick" x="${c(X(t))}" y="${f.top + ph + 16}" text-anchor="middle">${tickLabel(t)}</text>`);
  }
  g.push(frameAndTitles(f, o.xLabel, o.yLabel));
  g.push("</g>");
  parts.push(g.join(""));
  if (all.length === 0) parts.push(noData(f, "no data"));
  for (const s of o.series) {
    if (s.points.length === 0) continue;
    const out: string[] = [`<g class="series" data-series="${esc(s.label)}">`];
    const pts = s.points;
    if (s.band !== false && pts.some((p) => p.hi > p.lo)) {
      const upper = pts.map((p, i) => `${i === 0 ? "M" : "L"}${c(X(p.x))} ${c(Y(p.hi))}`).join("");
      const lower = [...pts].reverse().map((p) => `L${c(X(p.x))} ${c(Y(p.lo))}`).join("");
      out.push(`<path class="band" d="${upper}${lower}Z" fill="${s.color}" fill-opacity="0.18" stroke="none"><title>${esc(s.label)}: min-max over seeds</title></path>`);
    }
    if (pts.length > 1) {
      const line = pts.map((p, i) => `${i === 0 ? "M" : "L"}${c(X(p.x))} ${c(Y(p.mean))}`).join("");
      out.push(`<path class="data line" d="${line}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ""}><title>${esc(s.label)}</title></path>`);
    }
    if (pts.length <= 60) {
      for (const p of pts) {
        const tip = `${s.label}, step ${p.x}: mean ${fmt(p.mean, d)}, sd ${fmt(p.sd, d)}, min ${fmt(p.lo, d)}, max ${fmt(p.hi, d)} (${p.n} run${p.n === 1 ? "" : "s"})`;
        out.push(`<circle class="data point" cx="${c(X(p.x))}" cy="${c(Y(p.mean))}" r="2.5" fill="${s.color}"><title>${esc(tip)}</title></circle>`);
      }
    }
    out.push("</g>");
    parts.push(out.join(""));
  }
  parts.push(legend(o.series.map((s) => ({ label: s.label, color: s.color, dashed: s.dashed ?? false })), f.width - f.right + 14, f.top + 12));
  parts.push("</svg>");
  return parts.join("");
}

// ---------------------------------------------------------------- heatmap

/** Colour of a value in [0, 1]: a viridis-like ramp (dark purple = 0, yellow = 1). */
export function rampColor(v: number): string {
  const stops: readonly (readonly [number, number, number])[] = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const t = Math.min(1, Math.max(0, v)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(t));
  const a = stops[i] as readonly number[];
  const b = stops[i + 1] as readonly number[];
  const u = t - i;
  const hex = (k: number) => Math.round((a[k] as number) + ((b[k] as number) - (a[k] as number)) * u).toString(16).padStart(2, "0");
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

const truncate = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}\u2026`);

export interface HeatmapOptions {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly string[];
  readonly bins: StepBins;
  /** values[row][bin] in [0, 1], or null (not seen). */
  readonly values: readonly (readonly (number | null)[])[];
  readonly valueName: string;
  readonly desc?: string;
}

export function heatmap(o: HeatmapOptions): string {
  const labelChars = Math.min(40, Math.max(4, ...o.rows.map((r) => r.length)));
  const left = 12 + labelChars * 6.2;
  const cell = Math.max(4, Math.min(16, Math.floor(560 / Math.max(1, o.bins.length))));
  const rowH = 14;
  const f: Frame = { width: Math.max(380, Math.ceil(left + cell * o.bins.length + 24)), height: Math.max(120, 28 + rowH * o.rows.length + 70), left, right: 24, top: 28, bottom: 70 };
  const parts: string[] = [open(o.id, o.title, f, o.desc)];
  if (o.rows.length === 0 || o.bins.length === 0) {
    parts.push(noData(f, "no per-constraint data"));
    parts.push("</svg>");
    return parts.join("");
  }
  const cells: string[] = ['<g class="cells">'];
  o.rows.forEach((row, r) => {
    const y = f.top + r * rowH;
    cells.push(`<text class="row-label" x="${c(left - 6)}" y="${y + rowH - 3}" text-anchor="end"><title>${esc(row)}</title>${esc(truncate(row, 40))}</text>`);
    o.bins.forEach((b, i) => {
      const v = o.values[r]?.[i] ?? null;
      if (v === null) return;
      const steps = b.from === b.to ? `step ${b.from}` : `steps ${b.from}-${b.to}`;
      cells.push(
        `<rect class="data cell" x="${c(left + i * cell)}" y="${y}" width="${cell}" height="${rowH - 1}" fill="${rampColor(v)}"><title>${esc(`${row}, ${steps}: ${o.valueName} ${fmt(v, 2)}`)}</title></rect>`,
      );
    });
  });
  cells.push("</g>");
  parts.push(cells.join(""));
  const yAxis = f.top + o.rows.length * rowH;
  const axis: string[] = ['<g class="axes">'];
  for (const { step, bin } of binTicks(o.bins, 6)) {
    const x = left + bin * cell + cell / 2;
    axis.push(`<line class="tick-mark" x1="${c(x)}" y1="${yAxis}" x2="${c(x)}" y2="${yAxis + 4}"/><text class="tick" x="${c(x)}" y="${yAxis + 16}" text-anchor="middle">${tickLabel(step)}</text>`);
  }
  axis.push(`<text class="axis-label" x="${c(left + (cell * o.bins.length) / 2)}" y="${yAxis + 32}" text-anchor="middle">${esc(stepAxisTitle(o.bins))}</text>`);
  // colour scale
  const sx = left;
  const sy = yAxis + 44;
  for (let k = 0; k < 10; k++) axis.push(`<rect x="${c(sx + k * 12)}" y="${sy}" width="12" height="10" fill="${rampColor((k + 0.5) / 10)}"/>`);
  axis.push(`<text class="tick" x="${c(sx)}" y="${sy + 22}">0</text><text class="tick" x="${c(sx + 120)}" y="${sy + 22}" text-anchor="end">1</text><text class="tick" x="${c(sx + 128)}" y="${sy + 9}">${esc(o.valueName)} (blank: not sampled)</text>`);
  axis.push("</g>");
  parts.push(axis.join(""));
  parts.push("</svg>");
  return parts.join("");
}

// ---------------------------------------------------------------- grouped horizontal bars

export interface BarGroup {
  readonly label: string;
  readonly color: string;
  readonly values: readonly number[];
}

export interface BarChartOptions {
  readonly id: string;
  readonly title: string;
  readonly categories: readonly string[];
  readonly groups: readonly BarGroup[];
  readonly valueLabel: string;
  readonly digits?: number;
  /** Tooltip suffix per (group, category), e.g. raw counts. */
  readonly note?: (group: number, category: number) => string;
  readonly desc?: string;
}

/** One row per category, one bar per group in it. */
export function barChart(o: BarChartOptions): string {
  const labelChars = Math.min(40, Math.max(4, ...o.categories.map((r) => r.length)));
  const left = 12 + labelChars * 6.2;
  const barH = 9;
  const rowH = Math.max(14, barH * o.groups.length + 6);
  const pw = 360;
  const legendW = 140;
  const f: Frame = { width: Math.ceil(left + pw + legendW + 20), height: 28 + Math.max(1, o.categories.length) * rowH + 44, left, right: legendW + 20, top: 28, bottom: 44 };
  const parts: string[] = [open(o.id, o.title, f, o.desc)];
  const vMax = Math.max(0, ...o.groups.flatMap((g) => g.values));
  const top = vMax > 0 ? vMax : 1;
  const X = (v: number) => left + (v / top) * pw;
  const d = o.digits ?? 2;
  const axis: string[] = ['<g class="axes">'];
  const yAxis = f.top + Math.max(1, o.categories.length) * rowH;
  for (const t of niceTicks(0, top, 5)) {
    axis.push(`<line class="grid" x1="${c(X(t))}" y1="${f.top}" x2="${c(X(t))}" y2="${yAxis}"/><text class="tick" x="${c(X(t))}" y="${yAxis + 14}" text-anchor="middle">${tickLabel(t)}</text>`);
  }
  axis.push(`<text class="axis-label" x="${c(left + pw / 2)}" y="${yAxis + 32}" text-anchor="middle">${esc(o.valueLabel)}</text></g>`);
  parts.push(axis.join(""));
  if (o.categories.length === 0) parts.push(noData(f, "no data"));
  const bars: string[] = ['<g class="bars">'];
  o.categories.forEach((cat, i) => {
    const y0 = f.top + i * rowH + 3;
    bars.push(`<text class="row-label" x="${c(left - 6)}" y="${c(y0 + (rowH - 6) / 2 + 4)}" text-anchor="end"><title>${esc(cat)}</title>${esc(truncate(cat, 40))}</text>`);
    o.groups.forEach((g, j) => {
      const v = g.values[i] ?? 0;
      const tip = `${g.label}, ${cat}: ${fmt(v, d)}${o.note ? o.note(j, i) : ""}`;
      bars.push(`<rect class="data bar" x="${c(left)}" y="${c(y0 + j * barH)}" width="${c(Math.max(v > 0 ? 0.5 : 0, X(v) - left))}" height="${barH - 1}" fill="${g.color}"><title>${esc(tip)}</title></rect>`);
    });
  });
  bars.push("</g>");
  parts.push(bars.join(""));
  parts.push(legend(o.groups.map((g) => ({ label: g.label, color: g.color, swatch: "box" as const })), left + pw + 20, f.top + 12));
  parts.push("</svg>");
  return parts.join("");
}

// ---------------------------------------------------------------- stacked vertical bars

export interface StackedBarOptions {
  readonly id: string;
  readonly title: string;
  readonly bins: StepBins;
  /** Bottom to top. */
  readonly stacks: readonly { readonly label: string; readonly color: string; readonly values: readonly number[] }[];
  readonly yLabel: string;
  /** Fixed top of the y axis (to share a scale between charts). */
  readonly yMax?: number;
  readonly desc?: string;
}

export function stackedBars(o: StackedBarOptions): string {
  const f: Frame = { width: 660, height: 280, left: 52, right: 190, top: 28, bottom: 42 };
  const { pw, ph } = plotSize(f);
  const totals = o.bins.map((_, b) => o.stacks.reduce((a, s) => a + (s.values[b] ?? 0), 0));
  const yMax = Math.max(o.yMax ?? 0, ...totals) || 1;
  const Y = (v: number) => f.top + ph - (v / yMax) * ph;
  const bw = pw / Math.max(1, o.bins.length);
  const parts: string[] = [open(o.id, o.title, f, o.desc)];
  const axis: string[] = ['<g class="axes">'];
  axis.push(yGrid(f, niceTicks(0, yMax, 5), Y));
  for (const { step, bin } of binTicks(o.bins, 8)) {
    axis.push(`<text class="tick" x="${c(f.left + (bin + 0.5) * bw)}" y="${f.top + ph + 16}" text-anchor="middle">${tickLabel(step)}</text>`);
  }
  axis.push(frameAndTitles(f, stepAxisTitle(o.bins), o.yLabel), "</g>");
  parts.push(axis.join(""));
  if (o.stacks.length === 0 || totals.every((t) => t === 0)) parts.push(noData(f, "none"));
  const bars: string[] = ['<g class="bars">'];
  o.bins.forEach((b, i) => {
    let base = 0;
    for (const s of o.stacks) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const steps = b.from === b.to ? `step ${b.from}` : `steps ${b.from}-${b.to}`;
      bars.push(
        `<rect class="data bar" x="${c(f.left + i * bw + bw * 0.1)}" y="${c(Y(base + v))}" width="${c(bw * 0.8)}" height="${c(Y(base) - Y(base + v))}" fill="${s.color}"><title>${esc(`${s.label}, ${steps}: ${fmt(v, 2)} per step`)}</title></rect>`,
      );
      base += v;
    }
  });
  bars.push("</g>");
  parts.push(bars.join(""));
  parts.push(legend(o.stacks.map((s) => ({ label: s.label, color: s.color, swatch: "box" as const })), f.width - f.right + 14, f.top + 12));
  parts.push("</svg>");
  return parts.join("");
}
