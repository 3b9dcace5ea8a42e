/**
 * Suppression comments (`// hir-ignore rule -- reason`) apply by line
 * (src/language/lint/suppress.ts): a trailing one to its own line, an own-line one to
 * the next line with code. Formatting must keep each one pointing at the same member:
 * on that member's first line, or alone on the line before it.
 */
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/language/ast-builder.js";
import type { Member, SourceFile } from "../../../src/language/ast.js";
import { formatContract } from "../../../src/language/format/index.js";

const SOURCE = `contract S {
  input unused: text // hir-ignore unused-input -- filled in by the caller's template

  // hir-ignore unused-input -- kept for the v2 prompt
  input later: text
  // hir-ignore HIR7002, always-true -- the clause is deliberately vague here
  task a "Be brief." check words >= 0
  task b "B." check   words>=0 // hir-ignore always-true -- reason
  task c "C."   // hir-ignore vague-judge-rubric -- fine
    judge "good"
  /* hir-ignore empty-contract -- block form */
  use x
  task long "A long clause that does not fit on one line with its check." check words >= 0 and words <= 1000000 // hir-ignore always-true -- r
}
`;

interface Target {
  readonly comment: string;
  readonly trailing: boolean;
  /** Index of the member the comment applies to. */
  readonly member: number;
}

function members(file: SourceFile): readonly Member[] {
  const d = file.declarations[0];
  if (!d || d.kind === "Import") throw new Error("no contract");
  return d.members;
}

/** Which member each suppression applies to, following suppress.ts's line rules. */
function targets(file: SourceFile): Target[] {
  const ms = members(file);
  const out: Target[] = [];
  for (const c of file.comments) {
    if (!c.text.includes("hir-ignore")) continue;
    const commentLines = new Set(file.comments.filter((x) => !x.trailing).map((x) => x.range.start.line));
    let line = c.range.start.line;
    if (!c.trailing) {
      line = c.range.end.line + 1;
      while (commentLines.has(line) || file.text.split("\n")[line - 1]?.trim() === "") line++;
    }
    // A trailing comment sits on one of its member's lines; an own-line one right above its member.
    const member = c.trailing
      ? ms.findIndex((m) => m.range.start.line <= line && line <= m.range.end.line)
      : ms.findIndex((m) => m.range.start.line === line);
    out.push({ comment: c.text, trailing: c.trailing, member });
  }
  return out;
}

describe("suppression comments", () => {
  it("stay trailing on, or alone above, the same member", async () => {
    const before = parseDocument(SOURCE, "s.contract").file;
    const result = await formatContract(SOURCE, "s.contract");
    expect(result.formatted).toBeDefined();
    const after = parseDocument(result.formatted as string, "s.contract").file;
    const t = targets(before);
    expect(t.every((x) => x.member >= 0)).toBe(true);
    expect(targets(after)).toEqual(t);
  });

  it("keep a one-line constraint on one line when it fits, so the suppression still covers its body", async () => {
    const { formatted } = await formatContract(SOURCE, "s.contract");
    expect(formatted).toContain('  // hir-ignore HIR7002, always-true -- the clause is deliberately vague here\n  task a "Be brief." check words >= 0\n');
    expect(formatted).toContain('  task b "B." check words >= 0 // hir-ignore always-true -- reason\n');
    expect(formatted).toContain('  task c "C." // hir-ignore vague-judge-rubric -- fine\n    judge "good"\n');
    // Without a suppression the body goes on its own line, as always.
    const plain = await formatContract('contract P {\n  task a "A." check words >= 0\n}\n', "p.contract");
    expect(plain.formatted).toBe('contract P {\n  task a "A."\n    check words >= 0\n}\n');
  });
});
