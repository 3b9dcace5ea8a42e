import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport, type BuiltReport } from "../../../src/trainer/report/index.js";
import { DRAW_CHECK_SCRIPT } from "../../../src/trainer/report/html.js";
import { esc } from "../../../src/trainer/report/svg.js";
import { ARM_PLOTS, evilReport, expectedPlots, fourArmReport } from "./fixtures.js";
import { EVIL } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "hir-report-html-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The markup of one plot (`<svg ... id="ID"> ... </svg>`; plots do not nest svg elements). */
function plotMarkup(html: string, id: string): string {
  const start = html.indexOf(`<svg class="plot" id="${id}"`);
  expect(start, `plot ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</svg>", start) + 6);
}

let dirs: string[];
let report: BuiltReport;
beforeAll(async () => {
  ({ dirs, report } = await fourArmReport(root));
});

describe("the report page", () => {
  const arms = ["hir", "binary", "fraction", "random-replay"]; // ARMS order

  it("has one <svg> per plot, in a fixed order", () => {
    expect(report.plots).toEqual(expectedPlots(arms, ["hir", "random-replay"]));
    expect(report.html.match(/<svg\b/g)?.length).toBe(report.plots.length);
    for (const id of report.plots) expect(report.html.split(`id="${id}"`).length - 1, id).toBe(1);
  });

  it("learning curves: a legend entry, a mean line and a seed band per arm", () => {
    for (const p of ARM_PLOTS) {
      const svg = plotMarkup(report.html, `plot-${p}`);
      for (const arm of arms) {
        expect(svg, `${p}: legend for ${arm}`).toContain(`<g class="legend-entry" data-label="${arm} (2 seeds)">`);
        const series = svg.slice(svg.indexOf(`<g class="series" data-series="${arm} (2 seeds)">`));
        // toy runs this short have ILA 0 on every seed (no spread); CLA differs between seeds
        if (p.endsWith("cla")) expect(series, `${p}: ${arm} band`).toMatch(/^<g class="series"[^>]*><path class="band" d="M[^"]+Z"/);
        expect(series).toMatch(/<path class="data line" d="M[\d. ]+(L[\d. ]+)+"/);
      }
      expect(svg.match(/class="legend-entry"/g)?.length).toBe(4);
    }
  });

  it("summary table per arm, per-constraint heatmaps, replay and refusal plots carry data", () => {
    for (const arm of arms) expect(report.html).toMatch(new RegExp(`■</span> ${arm}</td>`));
    expect(report.html).toMatch(/final held-out ILA \(mean ± sd\)/);
    for (const arm of arms) expect(plotMarkup(report.html, `plot-constraints-${arm}`)).toMatch(/<rect class="data cell"[^>]*><title>Toy\.bullets, step 1: pass rate \d\.\d\d<\/title>/);
    expect(plotMarkup(report.html, "plot-dropped")).toMatch(/<rect class="data bar"/);
    expect(plotMarkup(report.html, "plot-kept")).toMatch(/\d kept/);
    expect(plotMarkup(report.html, "plot-refusals-hir")).toMatch(/<rect class="data bar"/);
  });

  it("is self-contained: no external resources, a CSP that allows only its own script", () => {
    expect(report.html.match(/https?:\/\/[^"\s]*/g) ?? []).toEqual(report.plots.map(() => "http://www.w3.org/2000/svg"));
    expect(report.html).not.toMatch(/<link\b|\bsrc=|@import|url\(/i);
    const hash = createHash("sha256").update(DRAW_CHECK_SCRIPT).digest("base64");
    expect(report.html).toContain(`script-src &#39;sha256-${hash}&#39;`);
    expect(report.html.match(/<script>/g)?.length).toBe(1);
    expect(report.html).toContain(`<script>${DRAW_CHECK_SCRIPT}</script>`);
  });

  it("is deterministic: the same runs give the same bytes", () => {
    const again = buildReport(dirs.map((d) => ({ dir: d, label: d.slice(root.length + 1) })));
    expect(again.html).toBe(report.html);
    // run order on the command line does not matter for the plots and tables either
    const reversed = buildReport([...dirs].reverse().map((d) => ({ dir: d, label: d.slice(root.length + 1) })));
    expect(reversed.html).toBe(report.html);
  });

  it("escapes every string from the runs (contract and constraint ids, reasons, paths, title)", async () => {
    const evil = await evilReport(root);
    const html = evil.html;
    expect(html).not.toContain(EVIL);
    expect(html).not.toMatch(/<img|<svg onload|<\/script><|<b>/i);
    expect(html).toContain(esc(EVIL));
    expect(html).toContain(`${esc(EVIL)}.bullets`); // constraint key of the real run
    expect(html).toContain(esc(`evil-<b>"&'run`));
    expect(html.match(/<script>/g)?.length).toBe(1);
    expect(html.match(/<\/script>/g)?.length).toBe(1);
    expect(html.match(/<svg\b/g)?.length).toBe(evil.plots.length);
    expect(evil.plots).toEqual(expectedPlots(["hir", "random-replay"], ["hir", "random-replay"]));
    expect(plotMarkup(html, "plot-refusals-random-replay")).toContain(`data-label="${esc(EVIL)}"`);
  });
});
