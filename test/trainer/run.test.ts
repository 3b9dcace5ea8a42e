import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig, type TrainConfigInput } from "../../src/trainer/config.js";
import type { LedgerEntry } from "../../src/trainer/records.js";
import { latestCheckpoint, listCheckpoints, paths, RunError, runTraining } from "../../src/trainer/run.js";
import { checkLedgerInvariants } from "./helpers/invariants.js";
import { toyTasks } from "./helpers/toy-env.js";

const root = mkdtempSync(join(tmpdir(), "hir-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const envs = toyTasks(8);
const tasks = { train: envs, heldOut: envs.slice(0, 2) };
const CFG: TrainConfigInput = {
  seed: 11,
  batch: { prompts: 3, rolloutsPerPrompt: 4, replaysPerPrompt: 2 },
  policy: { rows: 128, copyRows: 128 },
  rollout: { maxTokens: 50 },
  eval: { samplesPerTask: 2, every: 3 },
  checkpoint: { every: 4, keep: 2 },
  optimizer: { lr: 0.003 },
};
const config = (steps: number, over: TrainConfigInput = {}) => resolveConfig({ ...CFG, ...over, steps });

/** metrics.jsonl without wall-clock fields. */
function metricsOf(dir: string): unknown[] {
  return readFileSync(paths(dir).metrics, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const { timeMs: _t, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return rest;
    });
}
const ledgerText = (dir: string) => readFileSync(paths(dir).ledger, "utf8");
const finalParams = (dir: string) => JSON.stringify(latestCheckpoint(dir)?.policy);

describe("run directory, checkpoints and resume", () => {
  const full = join(root, "full");
  it("writes config, metrics (baseline + one line per step), ledger, checkpoints and a summary", async () => {
    const r = await runTraining({ dir: full, config: config(10), tasks });
    expect(r.status).toBe("completed");
    expect(JSON.parse(readFileSync(paths(full).config, "utf8"))).toEqual(config(10));
    const ms = metricsOf(full) as { step: number; heldOut: unknown }[];
    expect(ms.map((m) => m.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ms.filter((m) => m.heldOut !== null).map((m) => m.step)).toEqual([0, 3, 6, 9]);
    expect(listCheckpoints(full).map((c) => c.step)).toEqual([8, 10]);
    const ledger = ledgerText(full).trim().split("\n").map((l) => JSON.parse(l) as LedgerEntry);
    checkLedgerInvariants(ledger, envs);
    const summary = JSON.parse(readFileSync(paths(full).summary, "utf8"));
    expect(summary.step).toBe(10);
    expect(summary.heldOut.n).toBe(4);
  });

  it("run 5 steps, then resume to 10 = 10 uninterrupted steps, byte for byte", async () => {
    const dir = join(root, "split");
    const a = await runTraining({ dir, config: config(5), tasks });
    expect(a.status).toBe("completed");
    const b = await runTraining({ dir, config: config(10), tasks, resume: true });
    expect(b.status).toBe("completed");
    expect(metricsOf(dir)).toEqual(metricsOf(full));
    expect(ledgerText(dir)).toBe(ledgerText(full));
    expect(finalParams(dir)).toBe(finalParams(full));
    expect(readFileSync(paths(dir).summary, "utf8")).toBe(readFileSync(paths(full).summary, "utf8"));
  });

  it("an interrupted run (Ctrl-C) checkpoints its step, and resuming discards anything written after the checkpoint", async () => {
    const dir = join(root, "interrupted");
    const ac = new AbortController();
    const r = await runTraining({ dir, config: config(10), tasks, signal: ac.signal, onStep: (m) => m.step === 6 && ac.abort() });
    expect(r.status).toBe("interrupted");
    expect(r.step).toBe(6);
    expect(latestCheckpoint(dir)?.step).toBe(6);
    // Simulate a crash after the checkpoint: a whole extra line and a partial one.
    appendFileSync(paths(dir).metrics, '{"step":7,"arm":"hir"}\n{"step":8,"ar');
    appendFileSync(paths(dir).ledger, '{"step":7,"prompt":"to');
    const b = await runTraining({ dir, config: config(10), tasks, resume: true });
    expect(b.status).toBe("completed");
    expect(metricsOf(dir)).toEqual(metricsOf(full));
    expect(ledgerText(dir)).toBe(ledgerText(full));
    expect(finalParams(dir)).toBe(finalParams(full));
  });

  it("refuses to overwrite a run without --resume, and to resume on different tasks", async () => {
    await expect(runTraining({ dir: full, config: config(10), tasks })).rejects.toThrow(RunError);
    const other = { train: toyTasks(9), heldOut: tasks.heldOut };
    await expect(runTraining({ dir: full, config: config(12), tasks: other, resume: true })).rejects.toThrow(/tasks changed/);
  });

  it("a completed run resumed with more steps continues; the resumed config records the new step count", async () => {
    const dir = join(root, "extend");
    await runTraining({ dir, config: config(3), tasks });
    const r = await runTraining({ dir, config: config(4), tasks, resume: true });
    expect(r.step).toBe(4);
    expect(JSON.parse(readFileSync(paths(dir).config, "utf8")).steps).toBe(4);
    expect((metricsOf(dir) as { step: number }[]).map((m) => m.step)).toEqual([0, 1, 2, 3, 4]);
  });

  it("ledger.texts records the response and hindsight instruction texts beside their hashes; nothing else changes", async () => {
    const { createHash } = await import("node:crypto");
    const sha = (t: string) => createHash("sha256").update(t).digest("hex");
    const plain = join(root, "texts-off");
    const texts = join(root, "texts-on");
    await runTraining({ dir: plain, config: config(3), tasks });
    await runTraining({ dir: texts, config: config(3, { ledger: { texts: true } }), tasks });
    const on = ledgerText(texts).trim().split("\n").map((l) => JSON.parse(l) as LedgerEntry);
    const off = ledgerText(plain).trim().split("\n").map((l) => JSON.parse(l) as LedgerEntry);
    expect(on).toHaveLength(off.length);
    expect(on.every((e) => typeof e.responseText === "string" && sha(e.responseText) === e.response)).toBe(true);
    const rewrites = on.filter((e) => e.rewrite !== null);
    expect(rewrites.length).toBeGreaterThan(0);
    for (const e of rewrites) expect(sha(e.rewrite?.instructionText ?? "")).toBe(e.rewrite?.instruction);
    const strip = (e: LedgerEntry) => {
      const { responseText: _r, ...rest } = e;
      if (!rest.rewrite) return rest;
      const { instructionText: _i, ...rw } = rest.rewrite;
      return { ...rest, rewrite: rw };
    };
    expect(on.map(strip)).toEqual(off);
    expect(off.some((e) => "responseText" in e)).toBe(false);
    expect(metricsOf(texts)).toEqual(metricsOf(plain));
  });
});
