import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderBuiltinsDoc } from "../../src/language/builtins/doc.js";
import { BUILTINS } from "../../src/language/builtins/registry.js";
import { REPO_ROOT } from "../helpers/repo.js";

describe("built-in registry", () => {
  it("has unique names", () => {
    const names = BUILTINS.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
  });
  it("docs/builtins.md is up to date (npx tsx scripts/gen-builtins-doc.ts)", () => {
    expect(readFileSync(join(REPO_ROOT, "docs/builtins.md"), "utf8")).toBe(renderBuiltinsDoc());
  });
});

describe("built-in examples", () => {
  for (const b of BUILTINS) {
    it(`${b.name}: example type-checks`, async () => {
      const { loadProgram } = await import("../../src/language/program.js");
      const { memoryHost } = await import("../../src/language/node-host.js");
      const text = `contract Example {\n  prompt "Write."\n  task t "Do it."\n    ${b.example}\n}\n`;
      const errors = loadProgram(["e.contract"], memoryHost({ "e.contract": text })).diagnostics.filter((d) => d.severity === "error");
      expect(errors.map((d) => d.message)).toEqual([]);
    });
  }
});
