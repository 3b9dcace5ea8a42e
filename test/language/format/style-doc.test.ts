/**
 * The examples in docs/formatting.md are already formatted.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/language/ast-builder.js";
import { formatContract } from "../../../src/language/format/index.js";

const STYLE = readFileSync(fileURLToPath(new URL("../../../docs/formatting.md", import.meta.url)), "utf8");
const blocks = [...STYLE.matchAll(/```contract\n([\s\S]*?)```/g)].map((m) => m[1] as string);
// Whole files only (the others are fragments of one).
const files = blocks.filter((b) => !parseDocument(b, "style.contract").diagnostics.some((d) => d.severity === "error"));

describe("docs/formatting.md", () => {
  it("has a complete example", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  files.forEach((text, i) => {
    it(`example ${i + 1} is formatted`, async () => {
      expect((await formatContract(text, "style.contract")).formatted).toBe(text);
    });
  });
});
