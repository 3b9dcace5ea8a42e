/**
 * Determinism: compiling the same specs gives byte-identical files, run after run,
 * from different absolute locations (another checkout, another machine), with no
 * absolute paths or timestamps in the output.
 */
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileCommand } from "../../../src/cli/commands/compile.js";
import { memoryIO } from "../../../src/cli/io.js";
import { REPO_ROOT } from "../../helpers/repo.js";
import { build, read, removeDir, scratchDir } from "./helpers.js";
import { readdirSync } from "node:fs";

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function specFiles(cwd: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(join(cwd, d)).sort()) {
      const rel = `${d}/${name}`;
      if (name.endsWith(".contract")) out.push(rel);
      else if (!name.includes(".")) walk(rel);
    }
  };
  walk(dir);
  return out;
}

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      if (name.endsWith(".ts")) out.set(r, read(abs));
      else if (!name.includes(".")) walk(abs, r);
    }
  };
  walk(dir, "");
  return out;
}

describe("deterministic output", () => {
  it("compiles twice to identical bytes", async () => {
    const a = await build({ entries: specFiles(REPO_ROOT, "specs"), rootDir: "specs", outDir: "generated" });
    const b = await build({ entries: specFiles(REPO_ROOT, "specs"), rootDir: "specs", outDir: "generated" });
    expect([...a.plan.files.keys()]).toEqual([...b.plan.files.keys()]);
    for (const [k, v] of a.plan.files) expect(b.plan.files.get(k), k).toBe(v);
  });

  it("is identical from two checkouts at different absolute paths, and holds no absolute path", async () => {
    const base = scratchDir("determinism");
    dirs.push(base);
    const one = join(base, "one");
    const two = join(base, "deeper", "checkout", "two");
    const results = [];
    for (const root of [one, two]) {
      mkdirSync(root, { recursive: true });
      cpSync(join(REPO_ROOT, "specs"), join(root, "specs"), { recursive: true });
      const r = await build({
        cwd: root,
        entries: specFiles(root, "specs"),
        rootDir: "specs",
        outDir: "generated",
        runtimePath: join(root, "src/runtime/compiled.js"),
      });
      results.push(r);
      for (const text of r.plan.files.values()) {
        expect(text).not.toContain(root);
        expect(text).not.toContain(REPO_ROOT);
        expect(text).not.toMatch(/\b20\d\d-\d\d-\d\dT/);
      }
    }
    const [a, b] = results as [typeof results[0], typeof results[0]];
    expect(a.plan.files.size).toBeGreaterThan(3);
    expect([...a.plan.files.keys()]).toEqual([...b.plan.files.keys()]);
    for (const [k, v] of a.plan.files) expect(b.plan.files.get(k), k).toBe(v);
  });

  it("`hir compile` writes the same bytes on a second run and reports nothing to do", async () => {
    const base = scratchDir("determinism-cli");
    dirs.push(base);
    cpSync(join(REPO_ROOT, "specs"), join(base, "specs"), { recursive: true });
    const io1 = memoryIO({ cwd: base });
    expect(await compileCommand(io1, ["specs"], { out: "out", runtimeImport: "hindsight/runtime" })).toBe(0);
    const first = snapshot(join(base, "out"));
    const io2 = memoryIO({ cwd: base });
    expect(await compileCommand(io2, ["specs"], { out: "out", runtimeImport: "hindsight/runtime" })).toBe(0);
    expect(io2.out).toMatch(/0 written, 0 removed/);
    expect(snapshot(join(base, "out"))).toEqual(first);
    const io3 = memoryIO({ cwd: base });
    expect(await compileCommand(io3, ["specs"], { out: "out", runtimeImport: "hindsight/runtime", check: true })).toBe(0);
  });
});
