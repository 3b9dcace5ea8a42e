import { describe, expect, it } from "vitest";
import { DataFileError, parseDataFile, taskKey } from "../../src/trainer/data.js";
import { loadTasks } from "../../src/trainer/tasks.js";
import { REPO_ROOT } from "../helpers/repo.js";

describe("training set file", () => {
  it("expands grids in the order written, with readable canonical ids", () => {
    const d = parseDataFile(
      {
        contracts: ["../specs/a.contract"],
        train: [{ contract: "A", fixed: { z: 1 }, grid: { x: [1, 2], y: ["p", "q"] } }, { contract: "A", inputs: { x: 9 } }, { id: "named", contract: "B" }],
        heldOut: [{ contract: "A", inputs: { x: 3, z: 1 } }],
      },
      "data/set.json",
    );
    expect(d.contractPaths).toEqual(["specs/a.contract"]);
    expect(d.train.map((t) => t.id)).toEqual(["A{x=1,y=p,z=1}", "A{x=1,y=q,z=1}", "A{x=2,y=p,z=1}", "A{x=2,y=q,z=1}", "A{x=9}", "named"]);
    expect(d.heldOut.map((t) => t.split)).toEqual(["heldOut"]);
    expect(taskKey("C", { b: ["u", "v"], a: true })).toBe("C{a=true,b=[u|v]}");
  });

  it("rejects held-out tasks that appear in training, duplicates and malformed files", () => {
    const base = { contracts: ["a.contract"], train: [{ contract: "A", inputs: { x: 1 } }] };
    expect(() => parseDataFile({ ...base, heldOut: [{ contract: "A", inputs: { x: 1 } }] }, "f.json")).toThrow(/also appears in train/);
    expect(() => parseDataFile({ ...base, train: [...base.train, { contract: "A", inputs: { x: 1 } }] }, "f.json")).toThrow(/duplicate/);
    expect(() => parseDataFile({ ...base, extra: 1 }, "f.json")).toThrow(DataFileError);
    expect(() => parseDataFile({ contracts: [], train: [] }, "f.json")).toThrow(DataFileError);
    expect(() => parseDataFile({ ...base, train: [{ contract: "A", grid: { x: [] } }] }, "f.json")).toThrow(DataFileError);
  });

  it("the bundled data/hir-train.json compiles: hard constraints only, held-out unseen", () => {
    const t = loadTasks("data/hir-train.json", REPO_ROOT);
    expect(t.train.length).toBeGreaterThanOrEqual(40);
    expect(t.heldOut.length).toBeGreaterThanOrEqual(8);
    const trainContracts = new Set(t.train.map((e) => e.contractId));
    expect(t.heldOut.some((e) => !trainContracts.has(e.contractId))).toBe(true); // a contract never trained on
    const roles = new Set(t.train.flatMap((e) => e.constraints.map((c) => c.role)));
    expect(roles).toEqual(new Set(["task", "quality", "safety"]));
    expect(t.train.some((e) => e.couples.length > 0)).toBe(true);
    expect(t.train.some((e) => e.constraints.some((c) => c.requires.length > 0))).toBe(true);
    expect(t.train.some((e) => e.constraints.some((c) => c.role !== "safety" && !c.removable))).toBe(true); // pinned
    const instructions = new Set(t.train.map((e) => e.instruction()));
    expect(instructions.size).toBe(t.train.length);
  });

  it("reports unknown contracts and invalid inputs with the task id", () => {
    expect(() => loadTasks("data/does-not-exist.json", REPO_ROOT)).toThrow(/cannot read/);
  });
});
