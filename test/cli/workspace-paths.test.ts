import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { workspacePath } from "../../src/cli/workspace-paths.js";

const root = mkdtempSync(join(tmpdir(), "hir-workspace-"));
const sub = join(root, "contracts");
mkdirSync(sub);
writeFileSync(join(sub, "bad.contract"), 'contract Bad {\n  prompt "Hi {{who}}"\n  task t "Say hi."\n    check words >= 1\n}\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("paths in GitHub output", () => {
  it("are relative to GITHUB_WORKSPACE when it is set, else as named", () => {
    expect(workspacePath("a.contract", "/repo/contracts", "/repo")).toBe("contracts/a.contract");
    expect(workspacePath("../x/a.contract", "/repo/contracts", "/repo")).toBe("x/a.contract");
    expect(workspacePath("/elsewhere/a.contract", "/repo", "/repo")).toBe("/elsewhere/a.contract");
    expect(workspacePath("a.contract", "/repo/contracts", undefined)).toBe("a.contract");
  });

  for (const format of ["github", "sarif"] as const) {
    it(`${format}: a run from a subfolder names the file from the repository root`, async () => {
      const io = memoryIO({ cwd: sub, env: { GITHUB_WORKSPACE: root } });
      expect(await run(["lint", "bad.contract", "--format", format], io)).toBe(1);
      expect(io.out).toContain("contracts/bad.contract");
      const plain = memoryIO({ cwd: sub });
      await run(["lint", "bad.contract", "--format", format], plain);
      expect(plain.out).not.toContain("contracts/bad.contract");
    });
  }
});
