/** `hir ... | head -1`: the reader leaves early; hir must end quietly (needs dist/, built by `npm run build`). */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/repo.js";

describe("a closed pipe", () => {
  it("ends `hir ir specs | head -1` without a stack trace", () => {
    const r = spawnSync("bash", ["-c", "node bin/hir.js ir specs | head -1"], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(r.stdout).toBe("{\n");
    expect(r.stderr).toBe("");
  });
});
