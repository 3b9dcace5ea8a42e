import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportCommand } from "../../../src/cli/commands/report.js";
import { EXIT_OK, EXIT_USAGE, memoryIO } from "../../../src/cli/io.js";
import { resolveConfig } from "../../../src/trainer/config.js";
import { buildReport, loadRun, ReportInputError } from "../../../src/trainer/report/index.js";
import { metricsLine, trainRun, writeSyntheticRun } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "hir-report-load-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const io = () => memoryIO({ cwd: root });

let hir: string;
let binary: string;
beforeAll(async () => {
  hir = await trainRun(join(root, "hir-s1"), "hir", 1, 4);
  binary = await trainRun(join(root, "binary-s1"), "binary", 1, 4);
});

describe("loading runs", () => {
  it("reads a real run: config, metrics (baseline + steps), ledger, summary, checkpoint digest", () => {
    const { run, warnings } = loadRun(hir);
    expect(warnings).toEqual([]);
    expect(run.config.arm).toBe("hir");
    expect(run.metrics.map((m) => m.step)).toEqual([0, 1, 2, 3, 4]);
    expect(run.ledger.length).toBeGreaterThan(0);
    expect(run.summary?.step).toBe(4);
    expect(run.tasksDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses unusable inputs with a clear message", () => {
    expect(() => loadRun(join(root, "nope"))).toThrow(/nope: no such directory/);
    writeFileSync(join(root, "file.txt"), "x");
    expect(() => loadRun(join(root, "file.txt"))).toThrow(/not a directory/);
    mkdirSync(join(root, "empty-dir"));
    expect(() => loadRun(join(root, "empty-dir"))).toThrow(/not a training run \(no config\.json\)/);
    const noMetrics = join(root, "no-metrics");
    writeSyntheticRun(noMetrics, {}, []);
    rmSync(join(noMetrics, "metrics.jsonl"));
    expect(() => loadRun(noMetrics)).toThrow(/no metrics\.jsonl/);
    const empty = writeSyntheticRun(join(root, "empty-metrics"), {}, []);
    expect(() => loadRun(empty)).toThrow(ReportInputError);
    expect(() => loadRun(empty)).toThrow(/metrics\.jsonl: no usable metrics lines/);
    const garbage = writeSyntheticRun(join(root, "garbage-metrics"), {}, ["{oops", "[1,2]"]);
    expect(() => loadRun(garbage)).toThrow(/no usable metrics lines/);
    const badConfig = join(root, "bad-config");
    mkdirSync(badConfig);
    writeFileSync(join(badConfig, "config.json"), JSON.stringify({ arm: "nonsense" }));
    expect(() => loadRun(badConfig)).toThrow(/invalid run config/);
  });

  it("skips malformed and invalid lines with a warning naming file:line", () => {
    const dir = writeSyntheticRun(join(root, "malformed"), { arm: "hir" }, [metricsLine(0), metricsLine(1), "{not json", JSON.stringify({ step: "two" }), metricsLine(2), JSON.stringify(metricsLine(2, { replays: 99 }))]);
    appendFileSync(join(dir, "metrics.jsonl"), '{"step":3,"ar'); // a partial last line
    writeFileSync(join(dir, "ledger.jsonl"), "nope\n");
    const { run, warnings } = loadRun(dir, "malformed");
    expect(run.metrics.map((m) => m.step)).toEqual([0, 1, 2]);
    expect(run.metrics[2]?.replays).toBe(2); // the first line of a duplicated step is kept
    const file = join(dir, "metrics.jsonl");
    expect(warnings).toEqual([
      `${file}:3: malformed JSON; line skipped`,
      `${file}:4: no valid \`step\`; line skipped`,
      `${file}:7: malformed JSON (a partial last line); line skipped`,
      `${file}:6: step 2 appears again; the first line is kept`,
      `${join(dir, "ledger.jsonl")}:1: malformed JSON; line skipped`,
    ]);
  });

  it("refuses runs trained on different data or different task sets; reports other config differences", async () => {
    const other = writeSyntheticRun(join(root, "other-data"), { arm: "binary", data: "data/other.json" }, [metricsLine(0), metricsLine(1)]);
    expect(() => buildReport([{ dir: hir, label: "hir-s1" }, { dir: other, label: "other-data" }])).toThrow(/different data: hir-s1 uses "data\/toy\.json", other-data uses "data\/other\.json"/);
    // same data path, but the tasks changed (e.g. an edited contract): the checkpoints' task digests differ
    const changed = join(root, "changed-tasks");
    await trainRun(changed, "binary", 2, 2);
    const ck = join(changed, "checkpoints", "ckpt-00000002.json");
    writeFileSync(ck, readFileSync(ck, "utf8").replace(/"tasks":"[0-9a-f]{64}"/, `"tasks":"${"0".repeat(64)}"`));
    expect(() => buildReport([{ dir: hir, label: "hir-s1" }, { dir: changed, label: "changed" }])).toThrow(/different task sets/);
    const beta = await trainRun(join(root, "beta"), "binary", 3, 2, { over: { advantage: { klBeta: 0.2 } } });
    const r = buildReport([{ dir: hir, label: "hir-s1" }, { dir: beta, label: "beta" }]);
    expect(r.html).toContain("advantage.klBeta");
  });
});

describe("hir report (command)", () => {
  it("writes the report: exit 0, default file report.html next to the runs", async () => {
    const a = io();
    expect(await reportCommand(a, [hir, binary])).toBe(EXIT_OK);
    expect(a.err).toBe("");
    expect(a.out).toMatch(/wrote report\.html \(2 runs, \d+ plots\)/);
    expect(readFileSync(join(root, "report.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
    const b = io();
    expect(await reportCommand(b, [hir], { out: "-" })).toBe(EXIT_OK);
    expect(b.out).toMatch(/^<!DOCTYPE html>/);
    const c = io();
    expect(await reportCommand(c, [hir], { out: "sub/dir/r.html" })).toBe(EXIT_OK);
    expect(existsSync(join(root, "sub/dir/r.html"))).toBe(true);
    // From elsewhere, the default still lands beside the runs.
    const elsewhere = memoryIO({ cwd: join(root, "sub") });
    expect(await reportCommand(elsewhere, [hir, binary])).toBe(EXIT_OK);
    expect(elsewhere.out).toMatch(/wrote \.\.\/report\.html/);
  });

  it("exit 0 with warnings when lines were skipped (a warning is not a failure; the report is written)", async () => {
    const dir = writeSyntheticRun(join(root, "warn-run"), { arm: "hir", data: "data/toy.json" }, [metricsLine(0), "{bad", metricsLine(1)]);
    const a = io();
    expect(await reportCommand(a, [dir, dir], { out: "warn.html" })).toBe(EXIT_OK);
    expect(a.err).toContain(`hir report: warning: ${join(dir, "metrics.jsonl")}:2: malformed JSON; line skipped`);
    expect(a.err).toMatch(/the same run as .*counted once/);
    expect(existsSync(join(root, "warn.html"))).toBe(true);
  });

  it("exit 2 with a message for usage errors and unusable runs; nothing written", async () => {
    const cases: [string[], Record<string, unknown>, RegExp][] = [
      [[], {}, /at least one run directory/],
      [["missing-run"], {}, /missing-run: no such directory/],
      [[hir], { threshold: 2 }, /--threshold/],
      [[hir], { smooth: 0 }, /--smooth/],
      [[hir, join(root, "other-data")], {}, /different data/],
    ];
    for (const [dirs, opts, re] of cases) {
      const a = io();
      expect(await reportCommand(a, dirs, { out: "never.html", ...opts })).toBe(EXIT_USAGE);
      expect(a.err).toMatch(re);
    }
    expect(existsSync(join(root, "never.html"))).toBe(false);
  });

  it("the default KL beta is the benchmark's 0.05 (docs/trainer.md explains why)", () => {
    expect(resolveConfig({}).advantage.klBeta).toBe(0.05);
    expect(resolveConfig({ advantage: { klBeta: 0.001 } }).advantage.klBeta).toBe(0.001);
  });
});
