/** `hir export`: each engine's columns, one type per column on every row, unique ids, labels that `hir serve` resolves. */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { exportCommand } from "../../src/cli/commands/export.js";
import { memoryIO } from "../../src/cli/io.js";
import { runPipeline } from "../../src/compiler/pipeline.js";
import { nodeHost } from "../../src/language/node-host.js";
import { RewardService } from "../../src/engines/serve/index.js";
import { REPO_ROOT } from "../helpers/repo.js";

/** A type signature of a JSON value: nested object keys and element types included. */
function shape(v: unknown): string {
  if (Array.isArray(v)) return `[${[...new Set(v.map(shape))].join("|")}]`;
  if (v !== null && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${k}:${shape((v as Record<string, unknown>)[k])}`).join(",")}}`;
  return v === null ? "null" : typeof v;
}

async function rows(engine: string, split = "all") {
  const io = memoryIO({ cwd: REPO_ROOT });
  const code = await exportCommand(io, engine, { tasks: "data/hir-train.json", split, dataSource: "hindsight" });
  expect(io.err).toBe("");
  expect(code).toBe(0);
  return io.out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
}

const COLUMNS: Record<string, string[]> = {
  verl: ["ability", "data_source", "extra_info", "id", "prompt", "reward_model"],
  openrlhf: ["id", "label", "prompt"],
  trl: ["id", "label", "prompt"],
};

describe("hir export", () => {
  for (const engine of Object.keys(COLUMNS)) {
    it(`${engine}: documented columns, one type per column, unique ids`, async () => {
      const all = await rows(engine);
      expect(all.length).toBeGreaterThan(10);
      for (const r of all) expect(Object.keys(r).sort()).toEqual(COLUMNS[engine]);
      for (const col of COLUMNS[engine] as string[]) expect(new Set(all.map((r) => shape(r[col]))).size, col).toBe(1);
      expect(new Set(all.map((r) => r["id"])).size).toBe(all.length);
      const train = await rows(engine, "train");
      expect(train.length).toBeLessThan(all.length);
    });
  }

  it("verl rows carry the label as reward_model.ground_truth, which hir serve verifies", async () => {
    const [first] = await rows("verl", "train");
    expect(first?.["reward_model"]).toMatchObject({ style: "rule" });
    expect((first?.["prompt"] as Array<{ role: string }>)[0]?.role).toBe("user");
    const compiled = runPipeline({ paths: [resolve(REPO_ROOT, "specs/training")], host: nodeHost(REPO_ROOT), baseDir: REPO_ROOT });
    const service = new RewardService(new Map(compiled.contracts.map((c) => [c.id, c])));
    const label = (first?.["reward_model"] as { ground_truth: string }).ground_truth;
    const { results } = await service.verify({ items: [{ id: 1, label, response: "hello" }] });
    expect(results[0]?.error).toBeUndefined();
    expect(results[0]?.total).toBeGreaterThan(0);
    const trl = await rows("trl", "train");
    expect(trl[0]?.["label"]).toBe(label);
  });

  it("rejects an unknown engine and a missing tasks file", async () => {
    const io = memoryIO({ cwd: REPO_ROOT });
    expect(await exportCommand(io, "ray", { tasks: "data/hir-train.json", split: "train", dataSource: "x" })).toBe(2);
    expect(io.err).toMatch(/unknown engine `ray`/);
    expect(await exportCommand(io, "verl", { tasks: "nope.json", split: "train", dataSource: "x" })).toBe(2);
    expect(io.err).toMatch(/cannot read nope.json/);
  });
});
