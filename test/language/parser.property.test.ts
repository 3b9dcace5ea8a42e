/**
 * Robustness properties of the front end: no input string makes the parser or
 * checker throw, and every diagnostic points inside its document.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/language/ast-builder.js";
import type { Diagnostic } from "../../src/language/diagnostics/types.js";
import { memoryHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";
import { REPO_ROOT } from "../helpers/repo.js";

const SPEC_DIR = join(REPO_ROOT, "specs");
const specs = readdirSync(SPEC_DIR).filter((f) => f.endsWith(".contract")).map((f) => readFileSync(join(SPEC_DIR, f), "utf8"));

function expectRangesInside(diags: readonly Diagnostic[], text: string): void {
  for (const d of diags) {
    expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
    expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
    expect(d.range.start.line).toBeGreaterThanOrEqual(1);
    expect(d.range.start.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

/** Text that looks like the language, so the fuzzer reaches deep parser states. */
const tokenSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom("contract", "constraints", "task", "quality", "safety", "pinned", "check", "judge", "use", "requires", "couple",
        "replay", "input", "prompt", "import", "and", "or", "not", "in", "{", "}", "(", ")", "[", "]", ",", ":", ".", "..", "==", "<=", "<",
        ">", "=", "-", "*", "\n", " ", "//", "///", "/*", "*/", '"', '"""', "\\", "{{", "}}", "/x+/", "3", "1.5", "words", "bullets", "A", "x"),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(" "));

describe("parser robustness", () => {
  it("never throws on arbitrary strings, and ranges stay in the document", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 200 }), tokenSoup), (text) => {
        const r = parseDocument(text, "fuzz.contract");
        expectRangesInside(r.diagnostics, text);
      }),
      { numRuns: 600 },
    );
  });

  it("never throws on random mutations of the bundled specs, checker included", () => {
    const mutation = fc.record({
      spec: fc.integer({ min: 0, max: Math.max(0, specs.length - 1) }),
      at: fc.nat(),
      del: fc.nat({ max: 40 }),
      insert: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("}", "{", '"', "(", "task", "check", "and", "\n", "requires", "/")),
    });
    fc.assert(
      fc.property(mutation, (m) => {
        const base = specs[m.spec] ?? "";
        const at = base.length === 0 ? 0 : m.at % base.length;
        const text = base.slice(0, at) + m.insert + base.slice(at + m.del);
        const program = loadProgram(["m.contract"], memoryHost({ "m.contract": text }));
        expectRangesInside(program.diagnostics.filter((d) => d.file === "m.contract"), text);
      }),
      { numRuns: 400 },
    );
  });

  it("reports each of several syntax errors in one pass", () => {
    const text = 'contract A {\n  tsk a "x" check words < 3\n  task b "y"\n  task c "z" check words <\n}\n';
    const r = parseDocument(text, "a.contract");
    const lines = r.diagnostics.filter((d) => d.code === "HIR1001").map((d) => d.range.start.line);
    expect(lines).toEqual([2, 3, 4]);
  });
});
