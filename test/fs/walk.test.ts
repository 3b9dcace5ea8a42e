/** Issue 8, item 3: the one folder walker cuts symlink loops and does not leave the tree unless asked. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { walkFiles } from "../../src/fs/walk.js";

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), "hir-walk-"));
  mkdirSync(join(root, "s/sub"), { recursive: true });
  mkdirSync(join(root, "outside"));
  writeFileSync(join(root, "s/a.contract"), "");
  writeFileSync(join(root, "s/sub/b.contract"), "");
  writeFileSync(join(root, "s/notes.txt"), "");
  writeFileSync(join(root, "outside/secret.contract"), "");
  return root;
}

const contracts = { acceptFile: (n: string) => n.endsWith(".contract") };
const rel = (root: string, files: string[]) => files.map((f) => relative(root, f).split("\\").join("/"));

describe("walkFiles: symlink-safe folder walks", () => {
  it("lists files in sorted order and skips what skipDir names", () => {
    const root = tree();
    mkdirSync(join(root, "s/node_modules"));
    writeFileSync(join(root, "s/node_modules/x.contract"), "");
    const r = walkFiles(join(root, "s"), { ...contracts, skipDir: (n) => n === "node_modules" });
    expect(rel(root, r.files)).toEqual(["s/a.contract", "s/sub/b.contract"]);
  });

  it("a link to itself (ln -s . s/a) is entered at most once: no hang, no duplicates", () => {
    const root = tree();
    symlinkSync(".", join(root, "s/loop"));
    symlinkSync("..", join(root, "s/sub/back"));
    const r = walkFiles(join(root, "s"), contracts);
    expect(rel(root, r.files)).toEqual(["s/a.contract", "s/sub/b.contract"]);
  });

  it("a link to a parent outside the tree is not followed, and is reported", () => {
    const root = tree();
    symlinkSync("..", join(root, "s/up"));
    symlinkSync("../outside", join(root, "s/out"));
    symlinkSync("../outside/secret.contract", join(root, "s/secret.contract"));
    const r = walkFiles(join(root, "s"), contracts);
    expect(rel(root, r.files)).toEqual(["s/a.contract", "s/sub/b.contract"]);
    expect(rel(root, r.skippedLinks).sort()).toEqual(["s/out", "s/secret.contract", "s/up"]);
  });

  it("followLinksOutside follows them, still cutting loops and listing each file once", () => {
    const root = tree();
    symlinkSync("..", join(root, "s/up"));
    symlinkSync("../outside", join(root, "s/out"));
    const r = walkFiles(join(root, "s"), { ...contracts, followLinksOutside: true });
    expect(rel(root, r.files).sort()).toEqual(["outside/secret.contract", "s/a.contract", "s/sub/b.contract"].map((f) => (f.startsWith("outside") ? "s/out/secret.contract" : f)).sort());
    expect(r.skippedLinks).toEqual([]);
  });

  it("a link to a file inside the tree lists the file once, under the first name in walk order", () => {
    const root = tree();
    symlinkSync("sub/b.contract", join(root, "s/alias.contract"));
    expect(rel(root, walkFiles(join(root, "s"), contracts).files)).toEqual(["s/a.contract", "s/alias.contract"]);
  });

  it("dangling links and a missing root are skipped, not thrown", () => {
    const root = tree();
    symlinkSync("nowhere", join(root, "s/dangling.contract"));
    expect(rel(root, walkFiles(join(root, "s"), contracts).files)).toEqual(["s/a.contract", "s/sub/b.contract"]);
    expect(walkFiles(join(root, "missing"), contracts)).toEqual({ files: [], skippedLinks: [] });
  });
});
