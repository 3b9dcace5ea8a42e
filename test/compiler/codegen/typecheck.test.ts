/**
 * The generated code type-checks under strict settings (stricter than the
 * repository's: exactOptionalPropertyTypes, noUnusedLocals, noPropertyAccessFromIndexSignature...),
 * for the fixtures, the bundled specs, and the committed `generated/` directory.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { format } from "prettier";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/repo.js";
import { FORMAT_LIMIT_BYTES, PRETTIER_OPTIONS } from "../../../src/compiler/codegen/format.js";
import { build, buildFromMemory, removeDir, scratchDir, typecheck, writeBuild } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function specFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(join(REPO_ROOT, d)).sort()) {
      const rel = `${d}/${name}`;
      if (name.endsWith(".contract")) out.push(rel);
      else if (!name.includes(".")) walk(rel);
    }
  };
  walk(dir);
  return out;
}

describe("generated code type-checks (strict)", () => {
  it("fixtures and bundled specs", async () => {
    const dir = scratchDir("typecheck");
    dirs.push(dir);
    const fx = await build({ entries: specFiles("test/compiler/codegen/fixtures"), rootDir: "test/compiler/codegen/fixtures", outDir: relative(REPO_ROOT, join(dir, "fixtures")) });
    const specs = await build({ entries: specFiles("specs"), rootDir: "specs", outDir: relative(REPO_ROOT, join(dir, "specs")) });
    expect(fx.errors).toEqual([]);
    expect(specs.errors).toEqual([]);
    const files = [...writeBuild(fx, join(dir, "fixtures")), ...writeBuild(specs, join(dir, "specs"))];
    expect(files.length).toBeGreaterThan(4);
    expect(typecheck(files)).toEqual([]);
  });

  it("the committed generated/ directory", () => {
    const gen = join(REPO_ROOT, "generated");
    if (!existsSync(join(gen, "index.ts"))) return;
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d).sort()) {
        const abs = join(d, name);
        if (name.endsWith(".ts")) files.push(abs);
        else if (!name.includes(".")) walk(abs);
      }
    };
    walk(gen);
    expect(typecheck(files)).toEqual([]);
  });

  it("reports type errors (the checker is really running)", () => {
    const dir = scratchDir("typecheck-negative");
    dirs.push(dir);
    const file = join(dir, "bad.ts");
    writeBuild({ plan: { files: new Map([["bad.ts", "export const x: number = 'no';\n"]]) } } as never, dir);
    expect(typecheck([file]).join("\n")).toMatch(/TS2322/);
  });
});

describe("modules past the formatting limit", () => {
  it("are written without prettier and still type-check", async () => {
    const dir = scratchDir("typecheck-large");
    dirs.push(dir);
    const n = 400;
    const tasks = Array.from({ length: n }, (_, i) => `  task t${i} "Do part ${i}." check words >= 1`);
    const req = Array.from({ length: n - 1 }, (_, i) => `  t${i + 1} requires t${i}`);
    const source = `contract Big {\n  prompt "p"\n${tasks.join("\n")}\n${req.join("\n")}\n}\n`;
    const big = await buildFromMemory({ "big.contract": source }, relative(REPO_ROOT, join(dir, "out")));
    expect(big.errors).toEqual([]);
    const files = writeBuild(big, join(dir, "out"));
    const module = files.find((f) => f.endsWith("big.ts")) as string;
    const text = readFileSync(module, "utf8");
    expect(text.length).toBeGreaterThan(FORMAT_LIMIT_BYTES);
    expect(text).not.toBe(await format(text, { ...PRETTIER_OPTIONS }));
    expect(typecheck(files)).toEqual([]);
  }, 120_000);
});
