/** `hir ir`: the decomposition IR as JSON, valid against the zod schema, deterministic. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CompiledContractSchema, IR_VERSION } from "../../src/compiler/ir.js";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { REPO_ROOT } from "../helpers/repo.js";

async function hir(cwd: string, args: string[]) {
  const io = memoryIO({ cwd, env: { NO_COLOR: "1" } });
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

describe("hir ir", () => {
  it("prints every bundled contract as schema-valid IR, sorted by id, identically twice", async () => {
    const a = await hir(REPO_ROOT, ["ir", "specs"]);
    expect(a.code).toBe(0);
    const doc = JSON.parse(a.out) as { irVersion: number; contracts: unknown[] };
    expect(doc.irVersion).toBe(IR_VERSION);
    const ids = doc.contracts.map((c) => CompiledContractSchema.parse(c).id);
    expect(ids).toContain("ReleaseNotes");
    expect(ids).toEqual([...ids].sort());
    expect((await hir(REPO_ROOT, ["ir", "specs"])).out).toBe(a.out);
  });

  it("selects one contract and writes it to a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hir-ir-"));
    const out = join(dir, "notes.json");
    const r = await hir(REPO_ROOT, ["ir", "specs", "--contract", "ReleaseNotes", "--out", out]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, "utf8")) as { contracts: { id: string; constraints: { id: string; role: string }[] }[] };
    expect(doc.contracts.map((c) => c.id)).toEqual(["ReleaseNotes"]);
    expect(doc.contracts[0]!.constraints.find((c) => c.id === "no_guarantees")?.role).toBe("safety");
  });

  it("reports files with errors, keeps the good contracts and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hir-ir-"));
    writeFileSync(join(dir, "good.contract"), `contract Good { task t "Be short." check words < 50 }\n`);
    writeFileSync(join(dir, "bad.contract"), `contract Bad { task t "T." check wrds > 0 }\n`);
    const r = await hir(dir, ["ir", "."]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("bad.contract");
    expect((JSON.parse(r.out) as { contracts: { id: string }[] }).contracts.map((c) => c.id)).toEqual(["Good"]);
  });

  it("is a usage error for an unknown contract or path", async () => {
    expect((await hir(REPO_ROOT, ["ir", "specs", "--contract", "Nope"])).code).toBe(2);
    expect((await hir(REPO_ROOT, ["ir", "no-such-dir"])).code).toBe(2);
  });
});
