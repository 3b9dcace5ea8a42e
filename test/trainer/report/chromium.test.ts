/**
 * Opens the report in headless Chromium and checks that every plot is drawn.
 * `--dump-dom` prints the DOM after the page's inline script ran; that script
 * (DRAW_CHECK_SCRIPT in src/trainer/report/html.ts) asks the browser for the
 * bounding box of each plot's data marks (getBBox, i.e. after SVG layout) and
 * sets data-drawn="yes" on the plot when one has a non-empty box, and
 * data-plots / data-plots-drawn on <body>. The test also checks the parsed DOM:
 * the line paths have non-empty `d`, and the malicious ids created no element.
 *
 * Skipped (with a message) when neither `chromium` nor `chromium-browser` is on
 * PATH; install with `apt-get install -y chromium` (Debian/Ubuntu).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { BuiltReport } from "../../../src/trainer/report/index.js";
import { ARM_PLOTS, evilReport, fourArmReport } from "./fixtures.js";

function findChromium(): string | null {
  for (const name of ["chromium", "chromium-browser"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim() !== "") return r.stdout.trim();
  }
  return null;
}

const chromium = findChromium();
if (!chromium) console.warn("test/trainer/report/chromium.test.ts: no `chromium` or `chromium-browser` on PATH; skipping the headless drawing test (install: apt-get install -y chromium)");

const root = mkdtempSync(join(tmpdir(), "hir-report-chromium-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Renders `html` in headless Chromium and returns the DOM after scripts ran. */
function dumpDom(report: BuiltReport, name: string): string {
  const file = join(root, `${name}.html`);
  writeFileSync(file, report.html);
  const r = spawnSync(
    chromium as string,
    ["--headless", "--no-sandbox", "--disable-gpu", `--user-data-dir=${join(root, `profile-${name}`)}`, "--no-first-run", "--dump-dom", pathToFileURL(file).href],
    { encoding: "utf8", timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  expect(r.error, String(r.error)).toBeUndefined();
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

function checkDrawn(dom: string, report: BuiltReport): void {
  const body = /<body[^>]*>/.exec(dom)?.[0] ?? "";
  expect(body, "the inline script ran").toContain(`data-plots="${report.plots.length}"`);
  expect(body, "every plot has a laid-out data mark").toContain(`data-plots-drawn="${report.plots.length}"`);
  for (const id of report.plots) {
    const tag = new RegExp(`<svg class="plot" id="${id}"[^>]*>`).exec(dom)?.[0];
    expect(tag, `plot ${id} in the DOM`).toBeDefined();
    expect(tag, `plot ${id} drawn`).toContain('data-drawn="yes"');
  }
}

describe.skipIf(!chromium)("the report in headless Chromium", () => {
  it("draws every plot (learning curves with non-empty paths per arm)", async () => {
    const { report } = await fourArmReport(root);
    const dom = dumpDom(report, "arms");
    checkDrawn(dom, report);
    for (const p of ARM_PLOTS) {
      const start = dom.indexOf(`id="plot-${p}"`);
      const svg = dom.slice(start, dom.indexOf("</svg>", start));
      const ds = [...svg.matchAll(/<path class="data line" d="([^"]*)"/g)].map((m) => m[1] as string);
      expect(ds.length, `${p}: one line per arm`).toBe(4);
      for (const d of ds) expect(d).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+$/);
    }
  });

  it("malicious ids stay text: no injected element, the page's one script still runs", async () => {
    const report = await evilReport(root);
    const dom = dumpDom(report, "evil");
    checkDrawn(dom, report);
    expect(dom).not.toMatch(/<img\b/i);
    expect(dom.match(/<script\b/g)?.length).toBe(1);
    expect(dom.match(/<svg\b/g)?.length).toBe(report.plots.length);
    expect(dom).toContain("&lt;/script&gt;&lt;img src=x onerror=");
  });
});
