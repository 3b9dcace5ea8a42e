import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_INTERRUPTED, trainCommand } from "../../src/cli/commands/train.js";
import { memoryIO } from "../../src/cli/io.js";
import type { Judge } from "../../src/runtime/judge-interface.js";
import type { LedgerEntry } from "../../src/trainer/records.js";
import { latestCheckpoint, paths } from "../../src/trainer/run.js";
import { loadTasks } from "../../src/trainer/tasks.js";
import { checkLedgerInvariants } from "../trainer/helpers/invariants.js";
import { REPO_ROOT } from "../helpers/repo.js";

const root = mkdtempSync(join(tmpdir(), "hir-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const configFile = join(root, "small.json");
writeFileSync(
  configFile,
  JSON.stringify({
    batch: { prompts: 3, rolloutsPerPrompt: 4 },
    policy: { rows: 256, copyRows: 256 },
    rollout: { maxTokens: 80 },
    eval: { every: 2, samplesPerTask: 1 },
    checkpoint: { every: 2 },
  }),
);
const io = () => memoryIO({ cwd: REPO_ROOT });
const strip = (dir: string) =>
  readFileSync(paths(dir).metrics, "utf8")
    .trim()
    .split("\n")
    .map((l) => {
      const { timeMs: _t, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return rest;
    });

describe("hir train", () => {
  it("usage errors exit 2 with a message", async () => {
    const a = io();
    expect(await trainCommand(a, { arm: "nope" as "hir" })).toBe(2);
    expect(a.err).toMatch(/unknown arm/);
    const b = io();
    expect(await trainCommand(b, { config: join(root, "missing.json") })).toBe(2);
    expect(b.err).toMatch(/not found/);
    const c = io();
    expect(await trainCommand(c, { resume: true, out: join(root, "nothing-here") })).toBe(2);
    expect(c.err).toMatch(/not a training run/);
  });

  it("trains, reports progress, writes the run; an interrupted run resumes to the same result", async () => {
    const full = join(root, "full");
    const a = io();
    expect(await trainCommand(a, { config: configFile, arm: "hir", steps: 4, seed: 2, out: full })).toBe(0);
    expect(a.out).toMatch(/hir seed 2: 4 steps/);
    expect(a.err).toMatch(/step 4\/4 train ILA/);
    const cfg = JSON.parse(readFileSync(paths(full).config, "utf8"));
    expect(cfg.arm).toBe("hir");
    expect(cfg.selection.scope).toBe("global");
    const ledger = readFileSync(paths(full).ledger, "utf8").trim().split("\n").map((l) => JSON.parse(l) as LedgerEntry);
    expect(checkLedgerInvariants(ledger, loadTasks("data/hir-train.json", REPO_ROOT).train).replays).toBeGreaterThan(0);

    const cut = join(root, "cut");
    const ac = new AbortController();
    const b = io();
    const code = await trainCommand(b, { config: configFile, arm: "hir", steps: 4, seed: 2, out: cut }, { signal: ac.signal, onStep: (m) => m.step === 1 && ac.abort() });
    expect(code).toBe(EXIT_INTERRUPTED);
    expect(b.err).toMatch(/--resume/);
    expect(latestCheckpoint(cut)?.step).toBe(1);
    const c = io();
    expect(await trainCommand(c, { resume: true, out: cut, seed: 3 })).toBe(2); // a resumed run keeps its seed
    expect(await trainCommand(io(), { resume: true, out: cut })).toBe(0);
    expect(strip(cut)).toEqual(strip(full));
  });

  it("Ctrl-C (a real SIGINT) finishes the step, checkpoints and exits 130", async () => {
    const out = join(root, "sigint");
    const child = spawn(process.execPath, ["--import", "tsx", "test/trainer/helpers/train-child.ts", out, configFile, "40"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    let sent = false;
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
      if (!sent && /step \d+\/40/.test(err)) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    expect(code).toBe(130);
    const ck = latestCheckpoint(out);
    expect(ck?.step).toBeGreaterThanOrEqual(2);
    const lines = readFileSync(paths(out).metrics, "utf8");
    expect(lines.endsWith("\n")).toBe(true);
    expect(lines.trim().split("\n").length).toBe((ck?.step ?? 0) + 1);
  });
});

describe("hir train --judge", () => {
  const dir = join(root, "judged");
  const setup = () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "note.contract"),
      'contract Note {\n  input topic: text\n  prompt "Write a note about {{topic}}."\n  task short "Use at most 40 words."\n    check words <= 40\n' +
        '  quality warm "Sound warm."\n    judge "The note sounds warm."\n  safety calm "Do not shout."\n    check not is_uppercase\n}\n',
    );
    writeFileSync(
      join(dir, "data.json"),
      JSON.stringify({ contracts: ["note.contract"], train: [{ contract: "Note", grid: { topic: ["a", "b", "c"] } }], heldOut: [{ contract: "Note", inputs: { topic: "d" } }] }),
    );
    writeFileSync(join(dir, "cfg.json"), JSON.stringify({ data: "data.json", batch: { prompts: 3, rolloutsPerPrompt: 4 }, rollout: { maxTokens: 40 }, eval: { every: 2, samplesPerTask: 1 } }));
  };
  const judge: Judge = { judge: async (req) => ({ verdict: req.response.length % 2 === 0 ? "yes" : "no" }) };

  it("refuses a judged contract without a judge, and a bad judge URL, with exit 2", async () => {
    setup();
    const a = memoryIO({ cwd: dir });
    expect(await trainCommand(a, { config: "cfg.json", steps: 2, out: "run-a", quiet: true })).toBe(2);
    expect(a.err).toMatch(/warm is judged, so training on it needs a judge \(hir train --judge URL\)/);
    const b = memoryIO({ cwd: dir });
    expect(await trainCommand(b, { config: "cfg.json", steps: 2, out: "run-b", judge: "ftp://x" }, { judgeFactory: () => judge })).toBe(2);
    expect(b.err).toMatch(/--judge takes an http\(s\) URL/);
  });

  it("trains through the judge the factory builds for the URL", async () => {
    setup();
    const urls: string[] = [];
    const c = memoryIO({ cwd: dir });
    const code = await trainCommand(c, { config: "cfg.json", steps: 2, seed: 1, out: "run-c", judge: "http://127.0.0.1:9/v1" }, { judgeFactory: (u) => (urls.push(u), judge) });
    expect(c.err).toMatch(/soft constraints judged by http:\/\/127\.0\.0\.1:9\/v1/);
    expect(code).toBe(0);
    expect(urls).toEqual(["http://127.0.0.1:9/v1"]);
    const ledger = readFileSync(paths(join(dir, "run-c")).ledger, "utf8").trim().split("\n").map((l) => JSON.parse(l) as LedgerEntry);
    expect(ledger.some((e) => "warm" in e.verdicts && e.verdicts.warm !== "unknown")).toBe(true);
  });
});
