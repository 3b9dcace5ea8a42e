/**
 * The transcripts in docs/compiler.md are real: each ```text block is found in the
 * output of the command shown before it, run in-process on the bundled specs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { REPO_ROOT } from "../helpers/repo.js";

const doc = readFileSync(join(REPO_ROOT, "docs/compiler.md"), "utf8");
const blocks = [...doc.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]!);
const inputs = ["-i", "version=2.4", "-i", "changes=dark mode, CSV export, login fix"];

async function hir(args: string[]): Promise<{ code: number; out: string }> {
  const io = memoryIO({ cwd: REPO_ROOT, env: { NO_COLOR: "1" } });
  const code = await run(args, io);
  return { code, out: io.out };
}

describe("docs/compiler.md transcripts", () => {
  it("has the check, rewrite and refusal transcripts", () => {
    expect(blocks).toHaveLength(3);
  });

  it("hir check prints the documented verdicts", async () => {
    const r = await hir(["check", "specs/release-notes.contract", ...inputs, "specs/examples/release-notes.response.md"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(blocks[0]!.trimEnd());
  });

  it("hir hindsight prints the documented rewrite", async () => {
    const r = await hir(["hindsight", "specs/release-notes.contract", ...inputs, "specs/examples/release-notes.response.md"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(blocks[1]!.trimEnd());
  });

  it("hir hindsight prints the documented refusal", async () => {
    const r = await hir(["hindsight", "specs/release-notes.contract", ...inputs, "specs/examples/release-notes.refused.md"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(blocks[2]!.trimEnd());
  });
});
