/**
 * Property tests of the formatter on random contract ASTs written out messily
 * (test/helpers/arbitraries.ts):
 *  - the messy source parses back to the generated AST (a check of the generators);
 *  - formatting is idempotent;
 *  - the formatted text parses to the same AST as the original;
 *  - every comment survives formatting.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/language/ast-builder.js";
import { formatContract } from "../../../src/language/format/index.js";
import { commentTexts, shape, stripRanges } from "../../helpers/ast.js";
import { sourceCase } from "../../helpers/arbitraries.js";

const RUNS = Number(process.env.FORMAT_PROPERTY_RUNS ?? 150);

function parseClean(text: string) {
  const parsed = parseDocument(text, "gen.contract");
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new Error(`does not parse: ${errors.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`).join("; ")}\n---\n${text}`);
  }
  return parsed.file;
}

async function format(text: string): Promise<string> {
  const r = await formatContract(text, "gen.contract");
  if (r.formatted === undefined) {
    throw new Error(`format failed: ${r.diagnostics.map((d) => d.message).join("; ")}\n---\n${text}`);
  }
  return r.formatted;
}

describe("format properties", () => {
  it("the generated source parses to the generated AST", () => {
    fc.assert(
      fc.property(sourceCase, ({ ast, text }) => {
        const file = parseClean(text);
        expect(shape(file)).toEqual(stripRanges(ast.declarations));
      }),
      { numRuns: RUNS },
    );
  });

  it("is idempotent, keeps the AST and keeps every comment", async () => {
    await fc.assert(
      fc.asyncProperty(sourceCase, async ({ text }) => {
        const original = parseClean(text);
        const once = await format(text);
        const formatted = parseClean(once);
        expect(shape(formatted)).toEqual(shape(original));
        expect(commentTexts(formatted)).toEqual(commentTexts(original));
        const twice = await format(once);
        expect(twice).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });
});
