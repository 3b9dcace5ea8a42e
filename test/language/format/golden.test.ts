/**
 * Golden tests: every `fixtures/NAME.contract` formats to `fixtures/NAME.formatted.contract`.
 * Run with UPDATE_GOLDENS=1 to (re)write the expectations, then review the diff.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/language/ast-builder.js";
import { formatContract } from "../../../src/language/format/index.js";
import { commentTexts, shape } from "../../helpers/ast.js";
import { expectGolden } from "../../helpers/golden.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

const inputs = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".contract") && !f.endsWith(".formatted.contract"))
  .sort();

async function format(text: string, name: string): Promise<string> {
  const result = await formatContract(text, name);
  if (result.formatted === undefined) {
    throw new Error(`${name} did not format:\n${result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`).join("\n")}`);
  }
  return result.formatted;
}

describe("format goldens", () => {
  it("has fixtures", () => {
    expect(inputs.length).toBeGreaterThan(5);
  });

  for (const name of inputs) {
    it(name, async () => {
      const text = readFileSync(join(FIXTURES, name), "utf8");
      const formatted = await format(text, name);
      const goldenPath = join(FIXTURES, name.replace(/\.contract$/, ".formatted.contract"));
      expectGolden(formatted, goldenPath);
      // The expectation is a fixed point and means the same as the input.
      expect(await format(formatted, name)).toBe(formatted);
      const before = parseDocument(text, name).file;
      const after = parseDocument(formatted, name).file;
      expect(shape(after)).toEqual(shape(before));
      expect(commentTexts(after)).toEqual(commentTexts(before));
    });
  }
});
