import { describe, expect, it } from "vitest";
import { builtinsCommand } from "../../src/cli/commands/builtins.js";
import { memoryIO } from "../../src/cli/io.js";
import { getBuiltin } from "../../src/language/builtins/registry.js";

describe("hir builtins NAME", () => {
  it("shows the signature, doc, example and documented samples", () => {
    const io = memoryIO({ cwd: "/" });
    expect(builtinsCommand(io, "tables", false)).toBe(0);
    const b = getBuiltin("tables");
    expect(io.out).toContain(b?.doc ?? "<missing>");
    expect(io.out).toContain(`Example: ${b?.example ?? ""}`);
    for (const s of b?.samples ?? []) expect(io.out).toContain(JSON.stringify(s.response));
    expect(b?.samples?.length ?? 0).toBeGreaterThan(0);
  });

  it("points an IFEval compatibility built-in to its general form", () => {
    const io = memoryIO({ cwd: "/" });
    expect(builtinsCommand(io, "ifeval_keywords_existence", false)).toBe(0);
    const g = getBuiltin("ifeval_keywords_existence")?.general;
    expect(g).toBeDefined();
    expect(io.out).toContain(`General form: ${g?.check.replace(/^check /, "")}`);
    expect(io.out).toContain(g?.differences ?? "<missing>");
  });

  it("suggests a near name for a typo and exits 2", () => {
    const io = memoryIO({ cwd: "/" });
    expect(builtinsCommand(io, "tabels", false)).toBe(2);
    expect(io.err).toContain('did you mean "tables"');
  });

  it("lists samples and general forms in --json", () => {
    const io = memoryIO({ cwd: "/" });
    expect(builtinsCommand(io, undefined, true)).toBe(0);
    const list = JSON.parse(io.out) as { name: string; samples?: unknown[]; general?: { check: string } }[];
    expect(list.find((b) => b.name === "tables")?.samples?.length).toBeGreaterThan(0);
    expect(list.find((b) => b.name === "ifeval_keywords_existence")?.general?.check).toMatch(/^check /);
  });
});
