/**
 * String re-escaping: whatever the value, the printed literal decodes back to the same
 * value and the same interpolation parts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/language/ast-builder.js";
import type { StringLiteral } from "../../../src/language/ast.js";
import { printStringSource } from "../../../src/language/format/index.js";
import { stripRanges } from "../../helpers/ast.js";
import { stringLiteral } from "../../helpers/arbitraries.js";

/** Parses `input x: text = <literal>` and returns the literal. */
function reparse(literal: string): StringLiteral {
  const { file, diagnostics } = parseDocument(`contract C {\n  input x: text = ${literal}\n}\n`, "s.contract");
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const decl = file.declarations[0];
  if (decl?.kind !== "Contract") throw new Error("no contract");
  const input = decl.members[0];
  if (input?.kind !== "Input" || input.default?.kind !== "String") throw new Error("no string");
  return input.default;
}

describe("string printing", () => {
  it("round-trips any value, parts and kind", () => {
    fc.assert(
      fc.property(stringLiteral, fc.integer({ min: 0, max: 8 }), (s, indent) => {
        const printed = printStringSource(s, indent);
        const back = reparse(printed);
        expect(stripRanges({ value: back.value, parts: back.parts, triple: back.triple })).toEqual(
          stripRanges({ value: s.value, parts: s.parts, triple: s.triple }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("escapes what must be escaped, and only that", () => {
    const t = (value: string) => printStringSource({ value, triple: false, parts: [{ kind: "text", value }] });
    expect(t('say "hi"')).toBe('"say \\"hi\\""');
    expect(t("a\\b")).toBe('"a\\\\b"');
    expect(t("tab\tnl\ncr\r")).toBe('"tab\\tnl\\ncr\\r"');
    expect(t("bell\u0007 del\u007f ls\u2028 bom\ufeff")).toBe('"bell\\u{7} del\\u{7f} ls\\u{2028} bom\\u{feff}"');
    expect(t("lone \ud800 pair 😀")).toBe('"lone \\u{d800} pair 😀"');
    expect(t("{{x}} { y } {")).toBe('"\\{{x}} { y } {"');
    expect(t("é 日本")).toBe('"é 日本"');
  });

  it("keeps interpolations and escapes a literal `{{` next to one", () => {
    const printed = printStringSource({
      value: "{{{x}} {{ y }}",
      triple: false,
      parts: [
        { kind: "text", value: "{" },
        { kind: "interpolation", name: "x", range: undefined as never },
        { kind: "text", value: " " },
        { kind: "interpolation", name: "y", range: undefined as never },
      ],
    });
    expect(printed).toBe('"\\{{{x}} {{ y }}"');
  });

  it("prints triple strings re-indented, protecting whitespace the dedent would eat", () => {
    const t = (value: string) => printStringSource({ value, triple: true, parts: [{ kind: "text", value }] }, 2);
    expect(t("a\n  b\n\nc")).toBe('"""\n    a\n      b\n\n    c\n  """');
    expect(t("  all indented\n  lines")).toBe('"""\n    \\u{20} all indented\n      lines\n  """');
    expect(t("trailing  \n   ")).toBe('"""\n    trailing \\u{20}\n      \\u{20}\n  """');
    expect(t('four """" quotes')).toBe('"""\n    four \\"\\"\\"\\" quotes\n  """');
    expect(t("")).toBe('"""\n  """');
  });
});
