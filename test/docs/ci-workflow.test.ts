/**
 * examples/github-workflow.yml (shown in docs/ci.md): every `npx hir` command in it
 * exists and passes on the bundled specs. Runs each `run:` line in bash with `npx hir`
 * bound to this checkout's bin/hir.js (needs dist/, built by `npm run build`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/repo.js";

const WORKFLOW = readFileSync(join(REPO_ROOT, "examples/github-workflow.yml"), "utf8");
const runLines = [...WORKFLOW.matchAll(/^\s+(?:- )?run: (.+)$/gm)].map((m) => m[1]!.trim());
const hirLines = runLines.filter((l) => l.startsWith("npx hir "));
const SARIF = join(REPO_ROOT, "hir-lint.sarif");

afterAll(() => rmSync(SARIF, { force: true }));

describe("examples/github-workflow.yml", () => {
  it("installs, lints (annotations and SARIF uploaded to code scanning), checks formatting and generated code", () => {
    expect(runLines).toContain("npm ci");
    expect(hirLines.map((l) => l.split(" ").slice(2, 3)[0])).toEqual(["lint", "lint", "fmt", "compile"]);
    expect(hirLines.some((l) => l.includes("--format sarif"))).toBe(true);
    expect(hirLines.some((l) => /fmt --check/.test(l))).toBe(true);
    expect(hirLines.some((l) => /compile .*--check/.test(l))).toBe(true);
    expect(WORKFLOW).toMatch(/uses: github\/codeql-action\/upload-sarif@v\d+\n\s+with:\n\s+sarif_file: hir-lint\.sarif/);
    expect(readFileSync(join(REPO_ROOT, "docs/ci.md"), "utf8")).toContain("examples/github-workflow.yml");
  });

  for (const line of hirLines) {
    it(`\`${line}\` runs and passes on the bundled specs`, () => {
      const script = `set -o pipefail\nnpx() { if [ "$1" = hir ]; then shift; node "${join(REPO_ROOT, "bin/hir.js")}" "$@"; else command npx "$@"; fi; }\n${line}`;
      const r = spawnSync("bash", ["-c", script], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: REPO_ROOT } });
      expect(r.stderr).toBe("");
      expect(r.status, r.stdout).toBe(0);
      if (line.includes("--format sarif")) {
        expect(existsSync(SARIF)).toBe(true);
        const sarif = JSON.parse(readFileSync(SARIF, "utf8")) as { version: string; runs: unknown[] };
        expect(sarif.version).toBe("2.1.0");
        expect(sarif.runs).toHaveLength(1);
      }
    });
  }
});
