import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic, Range, Severity } from "../../../src/language/diagnostics/types.js";
import {
  escapeData,
  escapeProperty,
  formatAnnotation,
  formatCommand,
  githubReporter,
  renderStepSummary,
  unescapeData,
  unescapeProperty,
} from "../../../src/language/report/github.js";
import { countDiagnostics } from "../../../src/language/report/summary.js";

function range(line: number, column: number, endLine = line, endColumn = column + 1): Range {
  return {
    start: { offset: 0, line, column },
    end: { offset: 1, line: endLine, column: endColumn },
  };
}

function diag(over: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code: "HIR2002",
    rule: "unknown-input",
    severity: "error",
    file: "specs/a.contract",
    range: range(3, 5, 3, 10),
    message: "Unknown input `polcy`.",
    ...over,
  };
}

/** Parses `::name k=v,k=v::data` the way the runner does. */
function parseCommand(line: string): { name: string; props: Record<string, string>; data: string } {
  expect(line.startsWith("::")).toBe(true);
  const end = line.indexOf("::", 2);
  expect(end).toBeGreaterThan(2);
  const head = line.slice(2, end);
  const data = unescapeData(line.slice(end + 2));
  const space = head.indexOf(" ");
  const name = space === -1 ? head : head.slice(0, space);
  const props: Record<string, string> = {};
  if (space !== -1) {
    for (const pair of head.slice(space + 1).split(",")) {
      const eq = pair.indexOf("=");
      props[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { name, props, data };
}

describe("escaping (runner rules)", () => {
  it("escapes data: % CR LF", () => {
    expect(escapeData("100%\r\nnext: a,b")).toBe("100%25%0D%0Anext: a,b");
  });

  it("escapes properties: additionally : and ,", () => {
    expect(escapeProperty("C:\\a,b%\n")).toBe("C%3A\\a%2Cb%25%0A");
  });

  it("does not double-decode", () => {
    expect(unescapeData(escapeData("%0A"))).toBe("%0A");
    expect(unescapeProperty(escapeProperty("%3A%2C"))).toBe("%3A%2C");
  });

  const anyText = fc.string({ unit: "binary", maxLength: 200 });
  const tricky = fc
    .array(fc.constantFrom("%", "\r", "\n", ":", ",", "::", "%25", "%0A", "a", "é", "🙂", " ", "="), { maxLength: 40 })
    .map((parts) => parts.join(""));
  const text = fc.oneof(anyText, tricky);

  it("round-trips: unescapeData(escapeData(s)) === s", () => {
    fc.assert(fc.property(text, (s) => unescapeData(escapeData(s)) === s), { numRuns: 500 });
  });

  it("round-trips: unescapeProperty(escapeProperty(s)) === s", () => {
    fc.assert(fc.property(text, (s) => unescapeProperty(escapeProperty(s)) === s), { numRuns: 500 });
  });

  it("escaped values never contain raw CR/LF, and properties never contain : or ,", () => {
    fc.assert(
      fc.property(text, (s) => {
        const d = escapeData(s);
        const p = escapeProperty(s);
        return !/[\r\n]/.test(d) && !/[\r\n:,]/.test(p);
      }),
      { numRuns: 500 },
    );
  });

  it("every annotation is exactly one line and parses back to the original fields", () => {
    const severity = fc.constantFrom<Severity>("error", "warning", "info");
    fc.assert(
      fc.property(text, text, fc.option(text, { nil: undefined }), severity, (message, file, hint, sev) => {
        const d = diag({ message, file: file.length > 0 ? file : "f", hint, severity: sev });
        const line = formatAnnotation(d);
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseCommand(line);
        expect(parsed.name).toBe(sev === "info" ? "notice" : sev);
        expect(parsed.data).toBe(hint ? `${message}\nhint: ${hint}` : message); // an empty hint is no hint
        expect(parsed.props.title).toBe("HIR2002 unknown-input");
        expect(parsed.props.line).toBe("3");
        const out = githubReporter.render(
          { diagnostics: [d], sources: new Map(), filesChecked: 1, toolVersion: "0" },
          { color: false },
        ).stdout;
        // No raw newline inside a command: every output line is a command or the summary line.
        const lines = out.split("\n").filter((l) => l.length > 0);
        expect(lines).toHaveLength(2);
        expect(lines[0]).toBe(line);
        expect(lines[1]?.startsWith("::")).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe("annotations", () => {
  it("formats all location properties for a single-line range", () => {
    expect(formatAnnotation(diag())).toBe(
      "::error file=specs/a.contract,line=3,endLine=3,col=5,endColumn=10,title=HIR2002 unknown-input::Unknown input `polcy`.",
    );
  });

  it("omits columns for multi-line ranges (GitHub rejects them)", () => {
    const line = formatAnnotation(diag({ range: range(3, 5, 6, 2) }));
    expect(line).toContain("line=3,endLine=6,title=");
    expect(line).not.toContain("col=");
  });

  it("a range ending at column 1 of the next line ends on the previous line", () => {
    const source = "a\nbcdef\nx";
    const line = formatAnnotation(diag({ range: range(2, 1, 3, 1) }), source);
    expect(line).toContain("line=2,endLine=2,col=1,endColumn=6,");
  });

  it("uses notice for info and forward slashes in paths", () => {
    const line = formatAnnotation(diag({ severity: "info", file: ".\\specs\\b.contract" }));
    expect(line.startsWith("::notice file=specs/b.contract,")).toBe(true);
  });

  it("appends hint and related locations to the message", () => {
    const d = diag({
      hint: "Declare it.",
      related: [{ file: "specs/a.contract", range: range(1, 7), message: "similar: policy" }],
    });
    expect(parseCommand(formatAnnotation(d)).data).toBe(
      "Unknown input `polcy`.\nhint: Declare it.\nrelated: specs/a.contract:1:7: similar: policy",
    );
  });

  it("formatCommand leaves out missing properties", () => {
    expect(formatCommand("warning", {}, "x")).toBe("::warning::x");
    expect(formatCommand("warning", { title: "a:b" }, "x")).toBe("::warning title=a%3Ab::x");
  });
});

describe("step summary", () => {
  it("escapes Markdown outside code spans and keeps code spans", () => {
    const d = diag({ message: "Bad `x|y` <script> *bold* $math$ [link](u)\nnext" });
    const md = renderStepSummary([d], countDiagnostics([d], 1));
    expect(md).toContain("Bad `x|y` \\<script\\> \\*bold\\* \\$math\\$ \\[link\\](u)<br>next");
  });

  it("notes GitHub's per-step annotation limit when exceeded", () => {
    const many = Array.from({ length: 11 }, (_, i) => diag({ range: range(i + 1, 1) }));
    const md = renderStepSummary(many, countDiagnostics(many, 1));
    expect(md).toContain("at most 10 annotations");
  });

  it("caps the list of findings", () => {
    const many = Array.from({ length: 505 }, (_, i) => diag({ range: range(i + 1, 1) }));
    const md = renderStepSummary(many, countDiagnostics(many, 1));
    expect(md).toContain("… and 5 more");
    expect(md.split("\n").filter((l) => l.startsWith("- **error**"))).toHaveLength(500);
  });
});
