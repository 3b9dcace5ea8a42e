/**
 * `hir import hir16k` on a fixture built from HIR-16K's documented columns (the real
 * file is not reachable here): rule-checked ids become checks, rubric criteria judged
 * constraints, q_type the rewrite template; unknown ids are named and counted.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { qtypeTemplate, readHir16kRows } from "../../src/interop/hir16k.js";
import { rowsToContractSource } from "../../src/interop/import/contracts.js";
import { hindsightSync } from "../../src/runtime/hindsight.js";
import { verifySync } from "../../src/runtime/verify.js";
import { parseDataFile } from "../../src/trainer/data.js";
import { compileOne } from "../runtime/helpers.js";

const FIXTURE = join(__dirname, "fixtures", "hir16k-sample.jsonl");

describe("HIR-16K import", () => {
  const read = readHir16kRows(readFileSync(FIXTURE, "utf8"));
  const source = rowsToContractSource(read.rows, { prefix: "hir16k", origin: "hir16k-sample.jsonl" }).source;

  it("reads the documented columns; unknown ids are named, counted and the row skipped", () => {
    expect(read.rows.map((r) => r.key)).toEqual(["0", "1", "3", "4"]);
    expect([...read.unknownIds]).toEqual([["detectable_format:sparkles", 1]]);
    expect(read.problems.find((p) => p.line === 3)?.message).toMatch(/`detectable_format:sparkles`.*never passed/);
    expect(read.judgedRows).toBe(2);
    expect(read.rows[0]!.prompt).toBe("Write a short note about tea.");
    expect(read.rows[0]!.constraints[0]!.kwargs).toEqual({ num_words: 50, relation: "less than" });
  });

  it("maps q_type to the rewrite template", () => {
    expect(qtypeTemplate("numbered")).toEqual({ layout: "numbered", placement: "after" });
    expect(qtypeTemplate("bullets_before")).toEqual({ layout: "bullets", placement: "before" });
    expect(qtypeTemplate("zigzag")).toBeUndefined();
  });

  it("renders the hindsight instruction in the row's template (numbered list after the task)", () => {
    const contract = compileOne(source, "hir16k_0");
    const response = "Tea is calming, warm and old.";
    const verdicts = verifySync(contract, response, {});
    expect(verdicts.verdicts.map((v) => v.status)).toEqual(["pass", "fail"]);
    const h = hindsightSync(contract, verdicts, response, {});
    expect(h.outcome).toBe("rewrite");
    if (h.outcome === "rewrite") expect(h.instruction).toBe("Write a short note about tea.\n\n1. Answer with less than 50 words.");
  });

  it("imports rubric criteria as judged constraints", () => {
    expect(source).toMatch(/task j1_judged "The tone is warm\."\n\s+judge "The tone is warm\."/);
    expect(source).toMatch(/replay \{ layout bullets placement before \}/);
  });

  it("CLI writes the contracts and a training data file the trainer accepts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hir16k-"));
    const io = memoryIO({ cwd: dir, env: { NO_COLOR: "1" } });
    expect(await run(["import", "hir16k", FIXTURE, "--out", "hir16k.contract", "--tasks", "train.json"], io)).toBe(1);
    expect(io.err).toMatch(/unknown instruction id `detectable_format:sparkles` in 1 row/);
    const data = parseDataFile(JSON.parse(readFileSync(join(dir, "train.json"), "utf8")), join(dir, "train.json"));
    expect(data.train.map((t) => t.contract)).toEqual(["hir16k_0", "hir16k_1", "hir16k_3", "hir16k_4"]);
    const lint = memoryIO({ cwd: dir, env: { NO_COLOR: "1" } });
    expect(await run(["lint", "hir16k.contract", "--fail-on", "error"], lint), lint.out + lint.err).toBe(0);
  });
});
