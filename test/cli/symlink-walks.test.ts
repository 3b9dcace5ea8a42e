/** Issue 8, item 3: `hir lint`, `hir fmt --check`, `hir compile --check` and `hir ir` on a folder with symlink loops. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";

const GOOD = 'contract Notes {\n  prompt "Write notes."\n  task short "Be short."\n    check words <= 100\n}\n';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), "hir-links-"));
  writeFileSync(join(root, "package.json"), "{}\n");
  mkdirSync(join(root, "s"));
  mkdirSync(join(root, "outside"));
  writeFileSync(join(root, "s/notes.contract"), GOOD);
  writeFileSync(join(root, "outside/broken.contract"), "contract {{{\n");
  symlinkSync(".", join(root, "s/a"));
  symlinkSync("..", join(root, "s/up"));
  return root;
}

async function hir(cwd: string, args: string[]) {
  const io = memoryIO({ cwd, env: { NO_COLOR: "1" } });
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

describe("symlink loops do not hang or multiply files in any command", () => {
  it("hir lint checks the one real file and names the link it did not follow", async () => {
    const root = project();
    const r = await hir(root, ["lint", "s", "--format", "json"]);
    expect((JSON.parse(r.out) as { summary: { filesChecked: number } }).summary.filesChecked).toBe(1);
    expect(r.out).not.toContain("broken.contract");
    expect(r.err).toContain("not following 1 symbolic link that leads outside the folder: s/up");
  });

  it("hir fmt --check lists nothing twice", async () => {
    const root = project();
    const r = await hir(root, ["fmt", "--check", "s"]);
    expect(r.out).not.toContain("s/a/");
    expect(r.out).not.toContain("broken");
  });

  it("hir ir sees one contract", async () => {
    const root = project();
    const r = await hir(root, ["ir", "s"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { contracts: unknown[] }).contracts).toHaveLength(1);
  });

  it("--follow-symlinks follows the link out of the tree (and still cuts the loop)", async () => {
    const root = project();
    const r = await hir(root, ["lint", "s", "--follow-symlinks", "--format", "json"]);
    expect(r.out).toContain("s/up/outside/broken.contract");
    expect(r.out).not.toContain("s/a/notes.contract");
  });
});
