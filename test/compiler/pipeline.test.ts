/**
 * The one pipeline (src/compiler/pipeline.ts): paths and a host in; compiled contracts,
 * diagnostics and the files and contracts that did not compile out.
 */
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/compiler/pipeline.js";
import { parseDocument } from "../../src/language/ast-builder.js";
import { lowerProgram } from "../../src/compiler/lower.js";
import { loadProgram, type SourceHost } from "../../src/language/program.js";
import { memoryHost, nodeHost } from "../../src/language/node-host.js";
import { REPO_ROOT } from "../helpers/repo.js";

const GOOD = `contract Good {\n  task short "Be short."\n    check words <= 10\n}\n`;
const BROKEN = `contract Broken {\n  task odd "Odd."\n    check words <= "ten"\n}\n`;
const BROKEN_SET = `constraints Odd {\n  task odd "Odd."\n    check words <= "ten"\n}\n`;
const USES_BROKEN = `import "odd.contract"\ncontract Importer {\n  task short "Be short."\n    check words <= 10\n  use odd\n}\n`;

/** A memory host whose folders are path prefixes, to exercise expansion. */
function folderHost(files: Record<string, string>): SourceHost {
  const base = memoryHost(files);
  return {
    ...base,
    expandPaths: (paths) => {
      const found = new Set<string>();
      const missing: string[] = [];
      for (const p of paths) {
        const under = Object.keys(files).filter((f) => f === p || f.startsWith(`${p}/`));
        if (under.length === 0) missing.push(p);
        for (const f of under) found.add(f);
      }
      return { files: [...found].sort(), missing, skippedLinks: [] };
    },
  };
}

describe("runPipeline", () => {
  it("gives what loadProgram and lowerProgram give for the bundled specs", () => {
    const host = nodeHost(REPO_ROOT);
    const run = runPipeline({ paths: ["specs"], host, baseDir: REPO_ROOT, compilerVersion: "0.0.0-test" });
    const program = loadProgram(host.expandPaths(["specs"]).files, host);
    const lowered = lowerProgram(program, { baseDir: REPO_ROOT, compilerVersion: "0.0.0-test" });
    expect(run.contracts.length).toBeGreaterThan(5);
    expect(JSON.stringify(run.contracts)).toBe(JSON.stringify(lowered.contracts));
    expect(run.diagnostics).toEqual(program.diagnostics);
    expect(run.errors).toEqual([]);
    expect(run.failedFiles).toEqual([]);
  });

  it("expands folders through the host, leaves out excluded files, and names what did not compile", () => {
    const host = folderHost({ "a/good.contract": GOOD, "a/broken.contract": BROKEN, "b/importer.contract": USES_BROKEN, "b/odd.contract": BROKEN_SET });
    const run = runPipeline({ paths: ["a", "b"], host, exclude: (f) => f === "b/odd.contract" });
    expect(run.files).toEqual(["a/broken.contract", "a/good.contract", "b/importer.contract"]);
    expect(run.contracts.map((c) => c.id)).toEqual(["Good"]);
    expect(run.errors.map((d) => d.file)).toEqual(["a/broken.contract", "b/odd.contract"]);
    // The importer has no error of its own; its contract is skipped for the constraint it uses.
    expect(run.failedFiles).toEqual(["a/broken.contract", "b/importer.contract"]);
    expect(run.skipped.map((s) => s.contract).sort()).toEqual(["Broken", "Importer"]);
  });

  it("reads nothing when a named path is missing", () => {
    const read: string[] = [];
    const host = folderHost({ "a/good.contract": GOOD });
    const spy: SourceHost = { ...host, readFile: (p) => (read.push(p), host.readFile(p)) };
    const run = runPipeline({ paths: ["a", "nowhere"], host: spy });
    expect(run.missing).toEqual(["nowhere"]);
    expect(read).toEqual([]);
    expect(run.program.files.size).toBe(0);
    expect(run.contracts).toEqual([]);
  });

  it("takes `files` as they are, without expanding them", () => {
    const host = folderHost({ "a/good.contract": GOOD });
    expect(runPipeline({ files: ["a"], host }).errors.map((d) => d.code)).toEqual(["HIR4001"]);
    expect(runPipeline({ paths: ["a"], host }).contracts.map((c) => c.id)).toEqual(["Good"]);
  });

  it("stops at the `checked` stage when asked (the language server), through the caller's parse", () => {
    const host = memoryHost({ "good.contract": GOOD, "b/importer.contract": USES_BROKEN, "b/odd.contract": BROKEN_SET });
    const parsed: string[] = [];
    const parse = (text: string, path: string) => (parsed.push(path), parseDocument(text, path));
    const entries = ["b/importer.contract", "good.contract"];
    const checked = runPipeline({ files: entries, host, parse, until: "checked" });
    const program = loadProgram(entries, host);
    expect(parsed).toEqual(["b/importer.contract", "good.contract", "b/odd.contract"]);
    expect(checked.diagnostics).toEqual(program.diagnostics);
    expect([...checked.program.files.keys()]).toEqual([...program.files.keys()]);
    expect(checked.errors.map((d) => d.file)).toEqual(["b/odd.contract"]);
    expect(checked).not.toHaveProperty("contracts");
    expect(Object.keys(checked.timings)).toEqual(["check"]);
    // The default stage lowers the same program.
    expect(runPipeline({ files: entries, host }).contracts.map((c) => c.id)).toEqual(["Good"]);
  });
});
