/**
 * Issue 8, item 2: imports resolve only inside the project root, only `.contract`
 * files are read through an import, and the error names the path, never the content.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { nodeHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";
import { findProjectRoot } from "../../src/language/project-root.js";

const SECRET = "SECRET_TOKEN_d41d8cd9";
const SET = "constraints Shared {\n  task short \"Be short.\"\n    check words <= 100\n}\n";

function contractImporting(spec: string): string {
  return `import "${spec}"\n\ncontract Notes {\n  prompt "Write notes."\n  use Shared\n}\n`;
}

/** tmp/outside/{secret.txt,evil.contract} and tmp/project/{package.json, specs/...}. */
function layout(): { top: string; project: string } {
  const top = mkdtempSync(join(tmpdir(), "hir-confine-"));
  const project = join(top, "project");
  mkdirSync(join(project, "specs/policies"), { recursive: true });
  mkdirSync(join(top, "outside"));
  writeFileSync(join(project, "package.json"), "{}\n");
  writeFileSync(join(project, "specs/policies/shared.contract"), SET);
  writeFileSync(join(project, "specs/notes.txt"), `${SECRET} and more\n`);
  writeFileSync(join(top, "outside/secret.txt"), `${SECRET}=1\n`);
  writeFileSync(join(top, "outside/evil.contract"), `${SECRET} {{{\n`);
  return { top, project };
}

async function lint(cwd: string, args: string[]) {
  const io = memoryIO({ cwd, env: { NO_COLOR: "1" } });
  const code = await run(["lint", ...args], io);
  return { code, out: io.out + io.err };
}

describe("imports are confined to the project and never leak a non-contract file", () => {
  it("import of /proc/self/environ: an error naming the path, no code frame of the environment", async () => {
    const { project } = layout();
    writeFileSync(join(project, "specs/a.contract"), contractImporting("../../../../../../../../proc/self/environ"));
    const r = await lint(project, ["specs/a.contract"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("HIR4009");
    expect(r.out).toContain("the file was not read");
    expect(r.out).not.toMatch(/PATH=|HOME=/);
  });

  it("import of /etc/passwd does not echo its first token", async () => {
    const { project } = layout();
    writeFileSync(join(project, "specs/a.contract"), contractImporting("../../../../../../../../etc/passwd"));
    const r = await lint(project, ["specs/a.contract"]);
    expect(r.out).toContain("HIR4009");
    expect(r.out).not.toMatch(/root:|root\b.*x:0/);
  });

  it("a non-contract file inside the project is not read either", async () => {
    const { project } = layout();
    writeFileSync(join(project, "specs/a.contract"), contractImporting("notes.txt"));
    const r = await lint(project, ["specs/a.contract"]);
    expect(r.out).toContain("import-not-contract");
    expect(r.out).not.toContain(SECRET);
  });

  it("a .contract file outside the project root is not read (HIR4008), whether it exists or not", async () => {
    const { project } = layout();
    writeFileSync(join(project, "specs/a.contract"), contractImporting("../../outside/evil.contract"));
    writeFileSync(join(project, "specs/b.contract"), contractImporting("../../outside/missing.contract").replace("Notes", "Other"));
    const r = await lint(project, ["specs/a.contract", "specs/b.contract"]);
    expect(r.out.match(/HIR4008/g)?.length).toBe(2);
    expect(r.out).not.toContain(SECRET);
    expect(r.out).not.toContain("HIR4001");
  });

  it("a link inside the project that leads outside is not followed", async () => {
    const { top, project } = layout();
    symlinkSync(join(top, "outside/evil.contract"), join(project, "specs/link.contract"));
    writeFileSync(join(project, "specs/a.contract"), contractImporting("link.contract"));
    const r = await lint(project, ["specs/a.contract"]);
    expect(r.out).toContain("HIR4008");
    expect(r.out).not.toContain(SECRET);
  });

  it("imports inside the project still work", async () => {
    const { project } = layout();
    writeFileSync(join(project, "specs/a.contract"), contractImporting("policies/shared.contract"));
    const program = loadProgram(["specs/a.contract"], nodeHost(project));
    expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect([...program.files.keys()]).toEqual(["specs/a.contract", "specs/policies/shared.contract"]);
  });

  it("the root is the config's folder, or imports.root in it (validated)", async () => {
    const { top, project } = layout();
    writeFileSync(join(project, "specs/a.contract"), contractImporting("../../outside/evil.contract"));
    writeFileSync(join(project, "hir.config.json"), JSON.stringify({ imports: { root: ".." } }));
    expect(findProjectRoot(join(project, "specs"))).toBe(top);
    const widened = await lint(project, ["specs/a.contract"]);
    expect(widened.out).not.toContain("HIR4008");
    writeFileSync(join(project, "hir.config.json"), JSON.stringify({ imports: { root: 3 } }));
    const bad = await lint(project, ["specs/a.contract"]);
    expect(bad.out).toContain("HIR9009");
    expect(bad.out).toContain("imports.root");
    expect(bad.out).toContain("HIR4008");
  });

  it("without a config, the root is the nearest package.json folder, else the starting folder", () => {
    const { top, project } = layout();
    expect(findProjectRoot(join(project, "specs"))).toBe(project);
    expect(findProjectRoot(join(top, "outside"))).toBe(join(top, "outside"));
  });
});
