/**
 * The formatter's safety net (src/language/format/verify.ts): a formatted text may only
 * change layout, comment positions, string spellings and a list's trailing comma. Each case
 * below is a "formatted" text a buggy printer could produce; the net must name what changed.
 */
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/language/ast-builder.js";
import { formattingProblem } from "../../../src/language/format/verify.js";

const ORIGINAL = [
  "contract A {",
  '  prompt "Say {{topic}}."',
  "  input topic: text",
  '  task t "Two lines." check (lines >= 2) // keep me',
  '  task k "Keywords." check contains_all(["a", "b",])',
  "}",
  "",
].join("\n");

function problem(formatted: string): string | undefined {
  return formattingProblem(ORIGINAL, formatted, "a.contract");
}

describe("formattingProblem", () => {
  it("accepts the same text, and a layout-only change", () => {
    expect(problem(ORIGINAL)).toBeUndefined();
    expect(problem(ORIGINAL.replace("  task t", "\n\n  task t").replace("check (lines", "\n    check (lines"))).toBeUndefined();
  });

  it("accepts a string spelled differently with the same value, and a dropped trailing comma", () => {
    expect(problem(ORIGINAL.replace('"Two lines."', '"Two\\u{20}lines."'))).toBeUndefined();
    expect(problem(ORIGINAL.replace('"b",]', '"b"]'))).toBeUndefined();
  });

  it("refuses a changed number, naming where the trees differ", () => {
    expect(problem(ORIGINAL.replace("lines >= 2", "lines >= 3"))).toMatch(/^the formatted text parses differently at declarations\[0\]/);
  });

  it("refuses a changed string value", () => {
    expect(problem(ORIGINAL.replace('"Two lines."', '"Two  lines."'))).toMatch(/parses differently/);
  });

  it("refuses a lost comment", () => {
    expect(problem(ORIGINAL.replace(" // keep me", ""))).toBe("the formatted text does not keep every comment");
  });

  it("compares tokens independently of the trees, strings by value", () => {
    // The tree check is satisfied by handing it the formatted text's own tree: only the token
    // comparison can see these changes.
    const tokensOnly = (formatted: string): string | undefined => formattingProblem(ORIGINAL, formatted, "a.contract", parseDocument(formatted, "a.contract").file);
    expect(tokensOnly(ORIGINAL.replace("lines >= 2", "lines >= 3"))).toBe('the formatted text has different tokens (NumberLiteral "2" became NumberLiteral "3")');
    expect(tokensOnly(ORIGINAL.replace('"Two lines."', '"Two  lines."'))).toBe(
      'the formatted text has different tokens (StringLiteral "[\\"Two lines.\\"]" became StringLiteral "[\\"Two  lines.\\"]")',
    );
    expect(tokensOnly(ORIGINAL.replace('"Two lines."', '"Two\\u{20}lines."'))).toBeUndefined();
    expect(tokensOnly(ORIGINAL.replace(" // keep me", "").replace("}\n", "}\n// keep me\n"))).toBeUndefined();
  });

  it("refuses text that no longer parses", () => {
    expect(problem(ORIGINAL.replace("check (lines", "chek (lines"))).toMatch(/^the formatted text does not parse: /);
  });
});
