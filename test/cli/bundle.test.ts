/**
 * bin/hir.js runs the esbuild bundle of the CLI (dist/bundle/, scripts/build-cli-bundle.mjs)
 * when it is there and tsc's dist/src/cli/main.js otherwise. Which one ran is read from
 * the modules Node loaded (a module hook writes each URL to a file). Needs dist/, built by
 * `npm run build`.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/registry.js";
import { REPO_ROOT } from "../helpers/repo.js";

let work: string;
let hook: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "hir-bundle-"));
  writeFileSync(join(work, "loader.mjs"), `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(process.env.HIR_TEST_TRACE, url + "\\n");
  return next(url, context);
}
`);
  hook = join(work, "hook.mjs");
  writeFileSync(hook, `import { register } from "node:module";\nregister(${JSON.stringify(new URL(`file://${join(work, "loader.mjs")}`).href)});\n`);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `node <bin> args` with the module trace; returns the output and the loaded files (relative to `root`). */
function traced(bin: string, root: string, args: readonly string[]) {
  const trace = join(work, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, "");
  const r = spawnSync(process.execPath, ["--import", hook, bin, ...args], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, HIR_TEST_TRACE: trace } });
  const loaded = readFileSync(trace, "utf8").split("\n").filter(Boolean).map((u) => relative(root, new URL(u).pathname));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, loaded };
}

const CONTRACT = join(REPO_ROOT, "specs", "support-reply.contract");

describe("the hir launcher", () => {
  it("runs the bundle when dist/bundle/ is built", () => {
    const r = traced(join(REPO_ROOT, "bin", "hir.js"), REPO_ROOT, ["lint", CONTRACT]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^no problems in \d+ files\n$/);
    expect(r.loaded).toContain("dist/bundle/hir.js");
    expect(r.loaded.filter((f) => f.startsWith("dist/src/"))).toEqual([]);
  });

  it("falls back to dist/src/cli/main.js without the bundle, with the same output", () => {
    // A copy of the package without dist/bundle/: the launcher and package.json copied, the rest linked.
    const pkg = join(work, "package");
    mkdirSync(join(pkg, "bin"), { recursive: true });
    mkdirSync(join(pkg, "dist"));
    cpSync(join(REPO_ROOT, "bin", "hir.js"), join(pkg, "bin", "hir.js"));
    cpSync(join(REPO_ROOT, "package.json"), join(pkg, "package.json"));
    for (const d of ["src", "grammar"]) symlinkSync(join(REPO_ROOT, "dist", d), join(pkg, "dist", d), "dir");
    symlinkSync(join(REPO_ROOT, "node_modules"), join(pkg, "node_modules"), "dir");
    const fallback = traced(join(pkg, "bin", "hir.js"), REPO_ROOT, ["lint", CONTRACT]);
    const bundled = traced(join(REPO_ROOT, "bin", "hir.js"), REPO_ROOT, ["lint", CONTRACT]);
    expect(fallback.loaded).toContain("dist/src/cli/main.js");
    expect(fallback.loaded.filter((f) => f.startsWith("dist/bundle/"))).toEqual([]);
    expect([fallback.status, fallback.stdout, fallback.stderr]).toEqual([bundled.status, bundled.stdout, bundled.stderr]);
  });

  it("loads every command from the bundle", () => {
    for (const c of COMMANDS) {
      const r = spawnSync(process.execPath, [join(REPO_ROOT, "bin", "hir.js"), c.name, "--help"], { cwd: REPO_ROOT, encoding: "utf8" });
      expect([c.name, r.status, r.stderr]).toEqual([c.name, 0, ""]);
      expect(r.stdout.replace(/\s+/g, " ")).toContain(c.description);
    }
  });

  it("keeps commands lazy: `hir --version` loads no parser, `hir lint` no prettier", () => {
    const version = traced(join(REPO_ROOT, "bin", "hir.js"), REPO_ROOT, ["--version"]);
    expect(version.loaded.filter((f) => f.includes("chevrotain"))).toEqual([]);
    const lint = traced(join(REPO_ROOT, "bin", "hir.js"), REPO_ROOT, ["lint", CONTRACT]);
    expect(lint.loaded.some((f) => f.includes("node_modules/chevrotain/"))).toBe(true);
    expect(lint.loaded.filter((f) => f.includes("node_modules/prettier/"))).toEqual([]);
  });
});

describe("the bundle build", () => {
  it("is deterministic: two builds write the same files, byte for byte", () => {
    const build = (out: string) => {
      const r = spawnSync(process.execPath, [join(REPO_ROOT, "scripts", "build-cli-bundle.mjs"), "--out", out], { cwd: REPO_ROOT, encoding: "utf8" });
      expect(r.stderr).toBe("");
      const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
      return new Map(files.map((f) => [relative(out, f), readFileSync(f, "utf8")]));
    };
    const a = build(join(work, "a"));
    const b = build(join(work, "b"));
    expect(a.size).toBeGreaterThan(10);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [f, text] of a) expect(b.get(f) === text, f).toBe(true);
    expect([...a.values()].some((t) => t.includes(REPO_ROOT))).toBe(false);
  });
});
