/**
 * The parser's line-sensitive gates read line breaks from the text (tokens carry
 * offsets only): an infix predicate or a bare predicate's operand must start on the
 * line where the name before it ends, and a block comment spanning lines counts as a
 * line break. Also: a member cut short by a syntax error keeps what it parsed.
 */
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/language/ast-builder.js";
import type * as A from "../../src/language/ast.js";

function check(body: string): { expression?: A.Expression; codes: string[] } {
  const r = parseDocument(`contract C {\n  task a "x" check ${body}\n}\n`, "c.contract");
  const c = r.file.declarations[0]?.kind === "Contract" ? r.file.declarations[0].members.find((m) => m.kind === "Constraint") : undefined;
  const expression = c?.kind === "Constraint" && c.body?.kind === "Check" ? c.body.expression : undefined;
  return { ...(expression ? { expression } : {}), codes: r.diagnostics.map((d) => d.code) };
}

describe("line-sensitive gates", () => {
  it("an infix predicate on the subject's line applies to it, a block comment on the line notwithstanding", () => {
    for (const body of ['first_line starts_with "x"', 'first_line /* c */ starts_with "x"']) {
      const r = check(body);
      expect(r.codes).toEqual([]);
      expect(r.expression).toMatchObject({ kind: "Call", style: "infix", callee: { name: "starts_with" }, subject: { kind: "Name" } });
    }
  });

  it("a block comment spanning lines separates the subject from a name after it", () => {
    const r = check('first_line /* a\n b */ starts_with "x"');
    expect(r.expression).toMatchObject({ kind: "Name" });
    expect(r.codes.length).toBeGreaterThan(0);
  });

  it("a bare predicate takes a literal operand only on its own line", () => {
    expect(check('ends_with "x"').expression).toMatchObject({ kind: "Call", style: "infix", args: [{ value: { kind: "String", value: "x" } }] });
    const split = check('ends_with\n    "x"');
    expect(split.expression).toMatchObject({ kind: "Name" });
    expect(split.codes.length).toBeGreaterThan(0);
  });
});

describe("recovery keeps partial members", () => {
  it("a constraint whose check breaks off still declares its id, and the next member parses", () => {
    const r = parseDocument('contract C {\n  task a "x" check words >\n  task b "y" check words < 3\n}\n', "c.contract");
    const decl = r.file.declarations[0];
    expect(decl?.kind).toBe("Contract");
    const ids = decl?.kind === "Contract" ? decl.members.flatMap((m) => (m.kind === "Constraint" ? [m.id.name] : [])) : [];
    expect(ids).toEqual(["a", "b"]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HIR1001"]);
  });
});
