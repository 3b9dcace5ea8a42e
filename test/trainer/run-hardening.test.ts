/**
 * Issue 8, item 9: a full disk mid-run, a damaged newest checkpoint and non-finite
 * numbers never corrupt a run or crash `--resume`; each case resumes to the result
 * of an uninterrupted run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { nodeWriteFs, type WriteFs } from "../../src/fs/atomic.js";
import { resolveConfig, type TrainConfigInput } from "../../src/trainer/config.js";
import { createPolicy } from "../../src/trainer/policy/index.js";
import { EmbeddedPolicy } from "../../src/trainer/policy/embedded.js";
import { listCheckpoints, paths, RunError, runTraining } from "../../src/trainer/run.js";
import { toyTasks } from "./helpers/toy-env.js";

const root = mkdtempSync(join(tmpdir(), "hir-run-hard-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const envs = toyTasks(6);
const tasks = { train: envs, heldOut: envs.slice(0, 2) };
const CFG: TrainConfigInput = {
  seed: 5,
  batch: { prompts: 2, rolloutsPerPrompt: 3, replaysPerPrompt: 2 },
  policy: { rows: 64, copyRows: 64 },
  rollout: { maxTokens: 30 },
  eval: { samplesPerTask: 1, every: 2 },
  checkpoint: { every: 2, keep: 5 },
  optimizer: { lr: 0.003 },
};
const config = (steps: number) => resolveConfig({ ...CFG, steps });
const noTime = (dir: string) =>
  readFileSync(paths(dir).metrics, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const { timeMs: _t, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return rest;
    });
const ledger = (dir: string) => readFileSync(paths(dir).ledger, "utf8");

const full = join(root, "full");
beforeAll(async () => {
  await runTraining({ dir: full, config: config(6), tasks });
});

/** node:fs whose writes to `target` fail with ENOSPC after `armed()` turns true, after writing a few bytes. */
function diskFullOn(target: string, armed: () => boolean): WriteFs {
  const fds = new Map<number, string>();
  return {
    ...nodeWriteFs,
    openSync(p, flags, mode) {
      const fd = nodeWriteFs.openSync(p, flags, mode);
      fds.set(fd, p);
      return fd;
    },
    writeSync(fd, buffer, offset, length) {
      if (fds.get(fd) === target && armed()) {
        nodeWriteFs.writeSync(fd, buffer, offset, Math.min(5, length));
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: "ENOSPC", path: target });
      }
      return nodeWriteFs.writeSync(fd, buffer, offset, length);
    },
  };
}

describe("writes are atomic on a full disk, and resume recovers", () => {
  it("ENOSPC while appending the ledger: the run stops, no partial line, and --resume gives the uninterrupted result", async () => {
    const dir = join(root, "enospc");
    let step = 0;
    const fs = diskFullOn(paths(dir).ledger, () => step >= 3);
    await expect(runTraining({ dir, config: config(6), tasks, fs, onStep: (m) => (step = m.step) })).rejects.toMatchObject({ code: "ENOSPC" });
    const text = ledger(dir);
    expect(text === "" || text.endsWith("\n")).toBe(true);
    await runTraining({ dir, config: config(6), tasks, resume: true });
    expect(noTime(dir)).toEqual(noTime(full));
    expect(ledger(dir)).toBe(ledger(full));
  });

  it("a valid-JSON but broken newest checkpoint: --resume falls back to the previous one and says so", async () => {
    const dir = join(root, "broken-ckpt");
    const ac = new AbortController();
    await runTraining({ dir, config: config(6), tasks, signal: ac.signal, onStep: (m) => m.step === 4 && ac.abort() });
    const newest = listCheckpoints(dir).at(-1)!;
    expect(newest.step).toBe(4);
    const ckpt = JSON.parse(readFileSync(newest.file, "utf8")) as Record<string, unknown>;
    writeFileSync(newest.file, JSON.stringify({ ...ckpt, policy: { kind: "embedded", version: 1 } }));
    const notices: string[] = [];
    const r = await runTraining({ dir, config: config(6), tasks, resume: true, onNotice: (m) => notices.push(m) });
    expect(r.status).toBe("completed");
    expect(notices).toEqual([expect.stringMatching(/skipped damaged checkpoint ckpt-00000004\.json \(its policy does not load .*\); resuming from step 2/)]);
    expect(noTime(dir)).toEqual(noTime(full));
    expect(ledger(dir)).toBe(ledger(full));
  });

  it("files.ledgerBytes in the middle of a line is never used to cut the ledger", async () => {
    const dir = join(root, "mid-line");
    const ac = new AbortController();
    await runTraining({ dir, config: config(6), tasks, signal: ac.signal, onStep: (m) => m.step === 4 && ac.abort() });
    const newest = listCheckpoints(dir).at(-1)!;
    const ckpt = JSON.parse(readFileSync(newest.file, "utf8")) as { files: { ledgerBytes: number } };
    expect(ckpt.files.ledgerBytes).toBeGreaterThan(3);
    writeFileSync(newest.file, JSON.stringify({ ...ckpt, files: { ...ckpt.files, ledgerBytes: ckpt.files.ledgerBytes - 3 } }));
    const notices: string[] = [];
    await runTraining({ dir, config: config(6), tasks, resume: true, onNotice: (m) => notices.push(m) });
    expect(notices.join("")).toMatch(/ledger\.jsonl length is not at the end of a line/);
    expect(ledger(dir)).toBe(ledger(full));
  });

  it("a checkpoint that is not JSON at all is skipped the same way", async () => {
    const dir = join(root, "garbage");
    const ac = new AbortController();
    await runTraining({ dir, config: config(6), tasks, signal: ac.signal, onStep: (m) => m.step === 4 && ac.abort() });
    writeFileSync(listCheckpoints(dir).at(-1)!.file, '{"format":"hir-checkpoint","ver');
    const notices: string[] = [];
    await runTraining({ dir, config: config(6), tasks, resume: true, onNotice: (m) => notices.push(m) });
    expect(notices.join("")).toMatch(/not valid JSON/);
    expect(noTime(dir)).toEqual(noTime(full));
  });
});

describe("non-finite parameters or loss stop training with a clear error", () => {
  it("a NaN loss stops before the step is written", async () => {
    const dir = join(root, "nan-loss");
    const make = (c: ReturnType<typeof config>) => {
      const p = createPolicy(c);
      const update = p.update.bind(p);
      p.update = async (items, opts) => ({ ...(await update(items, opts)), loss: Number.NaN });
      return p;
    };
    await expect(runTraining({ dir, config: config(6), tasks, createPolicy: make })).rejects.toThrow(/training diverged at step 1: loss is NaN; stopped before writing the step/);
    expect(noTime(dir).map((m) => (m as { step: number }).step)).toEqual([0]);
  });

  it("an infinite parameter stops the run and is never checkpointed", async () => {
    const dir = join(root, "inf-param");
    const make = (c: ReturnType<typeof config>) => {
      const p = createPolicy(c);
      const update = p.update.bind(p);
      p.update = async (items, opts) => {
        const stats = await update(items, opts);
        if (p instanceof EmbeddedPolicy) p.params[0] = Number.POSITIVE_INFINITY;
        return stats;
      };
      return p;
    };
    await expect(runTraining({ dir, config: config(6), tasks, createPolicy: make })).rejects.toThrow(RunError);
    await expect(runTraining({ dir, config: config(6), tasks, createPolicy: make })).rejects.toThrow(/already holds a run/);
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([0]);
  });
});

describe("an output folder that cannot be written: one line, exit 2", () => {
  it("hir train --out under a file (ENOTDIR; works as root, unlike chmod)", async () => {
    const file = join(root, "not-a-folder");
    writeFileSync(file, "");
    const io = memoryIO({ cwd: process.cwd() });
    const code = await run(["train", "--steps", "1", "--quiet", "--out", join(file, "run")], io);
    expect(code).toBe(2);
    expect(io.err.trim().split("\n"), io.err).toHaveLength(1);
    expect(io.err).toMatch(/^hir train: cannot write .*not-a-folder.*: a part of the path is not a folder \(ENOTDIR\)/);
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it.skipIf(process.getuid?.() === 0)("a read-only folder (chmod; skipped as root, where chmod does not stop writes: the ENOTDIR and injected ENOSPC cases cover it)", async () => {
    const { chmodSync, mkdirSync } = await import("node:fs");
    const ro = join(root, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const io = memoryIO({ cwd: process.cwd() });
    const code = await run(["train", "--steps", "1", "--quiet", "--out", join(ro, "run")], io);
    expect(code).toBe(2);
    expect(io.err.trim().split("\n")).toHaveLength(1);
    expect(io.err).toMatch(/permission denied \(EACCES\)/);
  });
});
