import { describe, expect, it } from "vitest";
import type { Diagnostic, Range } from "../../../src/language/diagnostics/types.js";
import { LineIndex } from "../../../src/language/line-index.js";
import { codePointWidth, renderCodeFrame } from "../../../src/language/report/codeframe.js";
import { prettyReporter } from "../../../src/language/report/pretty.js";
import { summaryLine, countDiagnostics } from "../../../src/language/report/summary.js";
import { loadFixture } from "./fixtures.js";

/** The range of the `occurrence`-th `needle` in `text`. */
function rangeOf(text: string, needle: string, length = needle.length): Range {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  return new LineIndex(text).range(i, i + length);
}

const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, "");

describe("code frames", () => {
  it("underlines a single-line range", () => {
    const text = "contract A {\n  check wrds < 100\n}\n";
    expect(renderCodeFrame(text, rangeOf(text, "wrds"))).toEqual(["2 |   check wrds < 100", "  |         ^^^^"]);
  });

  it("shows one caret for an empty range, including at the end of the file", () => {
    const text = "a\nbc";
    expect(renderCodeFrame(text, new LineIndex(text).range(4, 4))).toEqual(["2 | bc", "  |   ^"]);
    const withNewline = "a\n";
    expect(renderCodeFrame(withNewline, new LineIndex(withNewline).range(2, 2))).toEqual(["2 |", "  | ^"]);
  });

  it("expands tabs to tab stops and aligns the underline", () => {
    const text = "\tx\tyy";
    expect(renderCodeFrame(text, rangeOf(text, "yy"))).toEqual(["1 |     x   yy", "  |         ^^"]);
  });

  it("counts wide characters and surrogate pairs by display width", () => {
    const text = 'p "日本 🙂 {{x}}"';
    const frame = renderCodeFrame(text, rangeOf(text, "{{x}}"));
    // `p "` = 3 cells, 日本 = 4, space, 🙂 = 2, space -> underline starts at cell 11
    expect(frame).toEqual(['1 | p "日本 🙂 {{x}}"', `  | ${" ".repeat(11)}^^^^^`]);
    expect(codePointWidth("日".codePointAt(0) ?? 0)).toBe(2);
    expect(codePointWidth("🙂".codePointAt(0) ?? 0)).toBe(2);
    expect(codePointWidth(0x0301)).toBe(0);
    expect(codePointWidth("a".codePointAt(0) ?? 0)).toBe(1);
  });

  it("makes control characters visible", () => {
    const text = "a\u001b[31mb";
    expect(renderCodeFrame(text, rangeOf(text, "b"))[0]).toBe("1 | a\u241b[31mb");
  });

  it("handles multi-line ranges, eliding the middle of long ones", () => {
    const text = ["start here", "  two", "", "  four", "  five", "  six", "  seven", "end here"].join("\n");
    const r = new LineIndex(text).range(text.indexOf("here"), text.lastIndexOf("end") + 3);
    expect(renderCodeFrame(text, r, { maxLines: 5 })).toEqual([
      "1 | start here",
      "  |       ^^^^",
      "2 |   two",
      "  |   ^^^",
      "...",
      "7 |   seven",
      "  |   ^^^^^",
      "8 | end here",
      "  | ^^^",
    ]);
  });

  it("a range ending at column 1 of the next line does not show that line", () => {
    const text = "abc\ndef\n";
    expect(renderCodeFrame(text, new LineIndex(text).range(1, 4))).toEqual(["1 | abc", "  |  ^^"]);
  });

  it("truncates long lines around the range", () => {
    const text = `${"a".repeat(200)}TARGET${"b".repeat(200)}`;
    const frame = renderCodeFrame(text, rangeOf(text, "TARGET"), { maxWidth: 40 });
    const [line, underline] = frame;
    expect(line?.startsWith("1 | …")).toBe(true);
    expect(line?.endsWith("…")).toBe(true);
    expect(line?.length).toBeLessThanOrEqual("1 | ".length + 40);
    // the underline sits exactly under TARGET
    const col = (underline ?? "").indexOf("^");
    expect(line?.slice(col, col + 6)).toBe("TARGET");
    expect(underline?.replace(/^ *\| */, "")).toBe("^^^^^^");
  });

  it("clips an underline that runs past the window", () => {
    const text = `x${"y".repeat(300)}`;
    const frame = renderCodeFrame(text, rangeOf(text, "y", 300), { maxWidth: 30 });
    expect(frame[1]?.length).toBeLessThanOrEqual("  | ".length + 30);
  });

  it("returns nothing for a range outside the text", () => {
    expect(renderCodeFrame("a", { start: { offset: 9, line: 9, column: 1 }, end: { offset: 9, line: 9, column: 1 } })).toEqual([]);
  });
});

describe("pretty reporter", () => {
  const input = loadFixture("mixed");

  it("colors only when asked, and colored text equals plain text without escapes", () => {
    const plain = prettyReporter.render(input, { color: false }).stdout;
    const colored = prettyReporter.render(input, { color: true }).stdout;
    expect(plain).not.toMatch(/\u001b\[/);
    expect(colored).toMatch(/\u001b\[/);
    expect(stripAnsi(colored)).toBe(plain);
  });

  it("prints header, hint and summary", () => {
    const d: Diagnostic = {
      code: "HIR2002",
      rule: "unknown-input",
      severity: "warning",
      file: "a.contract",
      range: { start: { offset: 0, line: 1, column: 1 }, end: { offset: 1, line: 1, column: 2 } },
      message: "m",
      hint: "h",
    };
    const out = prettyReporter.render({ diagnostics: [d], sources: new Map(), filesChecked: 1, toolVersion: "0" }, { color: false });
    expect(out.stdout).toBe("a.contract:1:1  warning  m  [unknown-input HIR2002]\n  hint: h\n\n1 warning in 1 file\n");
    expect(out.stepSummary).toBeUndefined();
  });

  it("summary lines", () => {
    expect(summaryLine(countDiagnostics([], 3))).toBe("no problems in 3 files");
    const mk = (severity: Diagnostic["severity"], file: string): Diagnostic => ({
      code: "HIR9001",
      rule: "unused-input",
      severity,
      file,
      range: { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } },
      message: "m",
    });
    expect(summaryLine(countDiagnostics([mk("error", "a"), mk("error", "b"), mk("warning", "c")], 3))).toBe(
      "2 errors, 1 warning in 3 files",
    );
    expect(summaryLine(countDiagnostics([mk("info", "a")], 1))).toBe("1 info in 1 file");
  });
});
