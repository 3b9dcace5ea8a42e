import { describe, expect, it } from "vitest";
import type { Diagnostic, Severity } from "../../../src/language/diagnostics/types.js";
import { LineIndex } from "../../../src/language/line-index.js";
import { applySuppressions, parseSuppression, type SourceComment } from "../../../src/language/lint/suppress.js";

const FILE = "specs/a.contract";

/** Finds `//` and `/* *\/` comments in test sources (no strings contain comment markers here). */
function commentsOf(source: string): SourceComment[] {
  const index = new LineIndex(source);
  const out: SourceComment[] = [];
  for (const m of source.matchAll(/\/\/[^\r\n]*|\/\*[\s\S]*?\*\//g)) {
    const start = m.index;
    const lineStart = source.lastIndexOf("\n", start - 1) + 1;
    out.push({
      text: m[0],
      range: index.range(start, start + m[0].length),
      trailing: source.slice(lineStart, start).trim().length > 0,
    });
  }
  return out;
}

function diagAt(source: string, needle: string, code: string, rule: string, severity: Severity = "warning"): Diagnostic {
  const i = source.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  return { code, rule, severity, file: FILE, range: new LineIndex(source).range(i, i + needle.length), message: `${rule} here` };
}

function run(source: string, diagnostics: Diagnostic[]) {
  return applySuppressions(diagnostics, commentsOf(source), { file: FILE, source });
}

const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column}`);

describe("parseSuppression", () => {
  it("parses rules and reason", () => {
    expect(parseSuppression("// hir-ignore unused-input, HIR7002 -- because  ")).toEqual({
      rules: [
        { name: "unused-input", index: 14, length: 12 },
        { name: "HIR7002", index: 28, length: 7 },
      ],
      reason: "because",
    });
    expect(parseSuppression("//hir-ignore a b")?.rules.map((r) => r.name)).toEqual(["a", "b"]);
    expect(parseSuppression("/* hir-ignore always-true -- x */")).toEqual({
      rules: [{ name: "always-true", index: 14, length: 11 }],
      reason: "x",
    });
    expect(parseSuppression("// hir-ignore unused-input--tight")?.rules.map((r) => r.name)).toEqual(["unused-input"]);
    expect(parseSuppression("// hir-ignore unused-input --")?.reason).toBeUndefined();
  });

  it("ignores other comments", () => {
    expect(parseSuppression("// just a note about hir-ignore")).toBeUndefined();
    expect(parseSuppression("/// hir-ignore unused-input -- doc comments are docs")).toBeUndefined();
    expect(parseSuppression("// hir-ignored unused-input")).toBeUndefined();
    expect(parseSuppression("# hir-ignore x")).toBeUndefined();
  });
});

describe("applySuppressions", () => {
  it("a trailing comment suppresses diagnostics starting on its line", () => {
    const src = "contract A {\n  input audience: text  // hir-ignore unused-input -- set by the template\n}\n";
    const d = diagAt(src, "audience", "HIR9001", "unused-input");
    const r = run(src, [d]);
    expect(r.kept).toEqual([]);
    expect(r.suppressed).toHaveLength(1);
    expect(r.suppressed[0]?.diagnostic).toBe(d);
    expect(r.suppressed[0]?.reason).toBe("set by the template");
    expect(r.diagnostics).toEqual([]);
  });

  it("an own-line comment applies to the next line with code, skipping blank and comment lines", () => {
    const src = [
      "contract A {",
      "  // hir-ignore always-true -- placeholder",
      "",
      "  // an ordinary comment",
      "  /* a block",
      "     comment */",
      '  task a "x" check words >= 0',
      '  task b "y" check words >= 0',
      "}",
    ].join("\n");
    const first = diagAt(src, "words >= 0", "HIR7005", "always-true");
    const second = diagAt(src, "task b", "HIR7005", "always-true");
    const r = run(src, [first, second]);
    expect(codes(r.kept)).toEqual(["HIR7005@8:3"]);
    expect(r.suppressed.map((s) => s.diagnostic)).toEqual([first]);
    expect(r.diagnostics).toEqual([]);
  });

  it("accepts codes (case-insensitive) and several rules", () => {
    const src = 'task a "Use three bullets." check bullets == 4 and words >= 0 // hir-ignore hir7002, always-true -- known';
    const a = diagAt(src, "bullets == 4", "HIR7002", "clause-check-mismatch");
    const b = diagAt(src, "words >= 0", "HIR7005", "always-true");
    const r = run(src, [a, b]);
    expect(r.kept).toEqual([]);
    expect(r.suppressed).toHaveLength(2);
    expect(r.diagnostics).toEqual([]);
  });

  it("only suppresses matching rules on the target line", () => {
    const src = "input a: text // hir-ignore unused-input -- ok\ninput b: text\n";
    const other = diagAt(src, "a: text", "HIR2009", "input-shadows-builtin");
    const nextLine = diagAt(src, "b: text", "HIR9001", "unused-input");
    const r = run(src, [other, nextLine]);
    expect(codes(r.kept)).toEqual(["HIR2009@1:7", "HIR9001@2:7"]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HIR9007"]);
  });

  it("a suppression without a reason still suppresses but yields HIR9006 on the comment", () => {
    const src = "input a: text // hir-ignore unused-input\n";
    const r = run(src, [diagAt(src, "a: text", "HIR9001", "unused-input")]);
    expect(r.kept).toEqual([]);
    expect(r.suppressed[0]?.reason).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d?.code).toBe("HIR9006");
    expect(d?.rule).toBe("suppression-without-reason");
    expect(d?.severity).toBe("warning");
    expect(d?.file).toBe(FILE);
    expect(d?.range.start).toEqual({ offset: 14, line: 1, column: 15 });
    expect(d?.range.end.offset).toBe(src.indexOf("\n"));
  });

  it("an unused suppression yields HIR9007 pointing at the rule name", () => {
    const src = "contract A {\n  // hir-ignore unused-input -- stale\n  input a: text\n}\n";
    const r = run(src, []);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d?.code).toBe("HIR9007");
    expect(d?.message).toBe("Unused suppression of `unused-input`: no `unused-input` (HIR9001) diagnostic starts on line 3.");
    expect([d?.range.start.line, d?.range.start.column, d?.range.end.column]).toEqual([2, 17, 29]);
  });

  it("a suppression with nothing after it is unused", () => {
    const src = "input a: text\n// hir-ignore unused-input -- end of file\n\n";
    const r = run(src, [diagAt(src, "a: text", "HIR9001", "unused-input")]);
    expect(r.kept).toHaveLength(1);
    expect(r.diagnostics[0]?.message).toBe("Unused suppression of `unused-input`: no code follows this comment.");
  });

  it("an unknown rule yields HIR9010 with did-you-mean; the known rules still apply", () => {
    const src = "input a: text // hir-ignore unsued-input, unused-input -- typo\n";
    const r = run(src, [diagAt(src, "a: text", "HIR9001", "unused-input")]);
    expect(r.kept).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d?.code).toBe("HIR9010");
    expect(d?.message).toBe("Unknown rule `unsued-input` in a suppression comment. Did you mean `unused-input`?");
    expect(src.slice(d?.range.start.offset, d?.range.end.offset)).toBe("unsued-input");
  });

  it("syntax errors (non-configurable rules) cannot be suppressed", () => {
    const src = "contract A { tsk x } // hir-ignore syntax-error -- please\n";
    const syntax = diagAt(src, "tsk", "HIR1001", "syntax-error", "error");
    const r = run(src, [syntax]);
    expect(r.kept).toEqual([syntax]);
    expect(r.suppressed).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["HIR9007", "`syntax-error` (HIR1001) cannot be suppressed."],
    ]);
  });

  it("a comment that names no rule is reported", () => {
    const src = "input a: text // hir-ignore -- why\n";
    const r = run(src, [diagAt(src, "a: text", "HIR9001", "unused-input")]);
    expect(r.kept).toHaveLength(1);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HIR9007"]);
  });

  it("positions inside multi-line block comments are exact", () => {
    const src = "input a: text\n/* hir-ignore\n   nope -- x */\ninput b: text\n";
    const r = run(src, []);
    const d = r.diagnostics.find((x) => x.code === "HIR9010");
    expect(d?.range.start).toEqual({ offset: src.indexOf("nope"), line: 3, column: 4 });
  });

  it("without the source, blank lines count as code", () => {
    const src = "// hir-ignore unused-input -- x\n\ninput a: text\n";
    const d = diagAt(src, "a: text", "HIR9001", "unused-input");
    expect(applySuppressions([d], commentsOf(src), { file: FILE }).kept).toHaveLength(1);
    expect(applySuppressions([d], commentsOf(src), { file: FILE, source: src }).kept).toHaveLength(0);
  });

  it("works with CRLF sources", () => {
    const src = "contract A {\r\n  // hir-ignore unused-input -- crlf\r\n  input a: text\r\n}\r\n";
    const r = run(src, [diagAt(src, "a: text", "HIR9001", "unused-input")]);
    expect(r.kept).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  // Suppressions cover the member on (or below) their line, so the formatter's layout (a
  // constraint's body on the line after its header) cannot move a finding out of reach.
  it("a trailing comment on a constraint's header covers its body on the next line", () => {
    const src = 'contract A {\n  task c "C." // hir-ignore vague-judge-rubric -- fine\n    judge "good"\n  task d "D."\n    judge "bad"\n}\n';
    const covered = diagAt(src, '"good"', "HIR9008", "vague-judge-rubric");
    const other = diagAt(src, '"bad"', "HIR9008", "vague-judge-rubric");
    const r = run(src, [covered, other]);
    expect(r.suppressed.map((x) => x.diagnostic)).toEqual([covered]);
    expect(r.kept).toEqual([other]);
    expect(r.diagnostics).toEqual([]);
  });

  it("a trailing comment on a constraint's last line covers its header", () => {
    const src = 'contract A {\n  task long "Three lines."\n    check words >= 0 // hir-ignore clause-check-mismatch -- r\n}\n';
    const d = diagAt(src, '"Three lines."', "HIR7002", "clause-check-mismatch");
    expect(run(src, [d]).kept).toEqual([]);
  });

  it("an own-line comment covers the whole member that starts on the next line with code", () => {
    const src = 'contract A {\n  // hir-ignore always-true -- placeholder\n  task a "x"\n    check words >= 0\n  task b "y"\n    check words >= 0\n}\n';
    const first = diagAt(src, "words >= 0", "HIR7005", "always-true");
    const second = diagAt(src, 'task b "y"\n    check words', "HIR7005", "always-true");
    const r = run(src, [first, second]);
    expect(r.suppressed.map((x) => x.diagnostic)).toEqual([first]);
    expect(codes(r.kept)).toEqual(["HIR7005@5:3"]);
  });

  it("without a member on the line, applies by line only", () => {
    const src = "contract A { // hir-ignore unused-input -- header line\n  input a: text\n}\n";
    const d = diagAt(src, "a: text", "HIR9001", "unused-input");
    const r = run(src, [d]);
    expect(r.kept).toEqual([d]);
    expect(r.diagnostics.map((x) => x.code)).toEqual(["HIR9007"]);
  });

  it("a comment after only a block comment is on a line by itself, not trailing", () => {
    const src = "contract A {\n  /* note */ // hir-ignore unused-input -- x\n  input a: text\n}\n";
    const d = diagAt(src, "a: text", "HIR9001", "unused-input");
    const r = run(src, [d]);
    expect(r.kept).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  it("a line with a block comment and then code is a line with code", () => {
    const src = "contract A {\n  // hir-ignore unused-input -- x\n  /* note */ input a: text\n  input b: text\n}\n";
    const a = diagAt(src, "a: text", "HIR9001", "unused-input");
    const b = diagAt(src, "b: text", "HIR9001", "unused-input");
    const r = run(src, [a, b]);
    expect(r.suppressed.map((x) => x.diagnostic)).toEqual([a]);
    expect(r.kept).toEqual([b]);
  });

  it("skips doc comment lines even when they are not among the comments given", () => {
    const src = "contract A {\n  // hir-ignore unused-input -- x\n  /// The audience.\n  input a: text\n}\n";
    const d = diagAt(src, "a: text", "HIR9001", "unused-input");
    const comments = commentsOf(src).filter((c) => !c.text.startsWith("///"));
    expect(applySuppressions([d], comments, { file: FILE, source: src }).kept).toEqual([]);
  });

  it("takes member ranges from the caller when given", () => {
    const src = "// hir-ignore always-true -- x\nline two\nline three\n";
    const d = diagAt(src, "three", "HIR7005", "always-true");
    const node = new LineIndex(src).range(src.indexOf("line two"), src.length - 1);
    expect(applySuppressions([d], commentsOf(src), { file: FILE, source: src }).kept).toEqual([d]);
    expect(applySuppressions([d], commentsOf(src), { file: FILE, source: src, nodes: [node] }).kept).toEqual([]);
  });
});
