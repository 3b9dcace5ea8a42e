/**
 * Suppression comments (`// hir-ignore rule -- reason`) cover a line and the member
 * (statement) on it (src/language/lint/suppress.ts): a trailing one its own line and the
 * member that line belongs to, an own-line one the next line with code and the member
 * starting there. Formatting moves a constraint's body to the line after its header;
 * the same diagnostics must stay suppressed.
 */
import { describe, expect, it } from "vitest";
import { formatContract } from "../../../src/language/format/index.js";
import { applySuppressions } from "../../../src/language/lint/suppress.js";
import { memoryHost } from "../../../src/language/node-host.js";
import { loadProgram } from "../../../src/language/program.js";

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
  task long "A long clause that does not fit on one line with its check." check words >= 0 and words <= 1000000 // hir-ignore always-true, clause-unit-mismatch -- r
  task d "Be short."  check words >= 0 // hir-ignore always-true -- one line in the source, two after formatting
}
`;

/** Line numbers and spacing in a message change with the layout; what it is about does not. */
function normalize(message: string): string {
  return message.replace(/line \d+/g, "line #").replace(/\s+/g, "");
}

/** What `hir lint` reports for `text` (after suppressions), and what it suppresses. */
function lint(text: string): { kept: string[]; suppressed: string[] } {
  const program = loadProgram(["s.contract"], memoryHost({ "s.contract": text }));
  const file = program.files.get("s.contract");
  if (!file) throw new Error("not loaded");
  const r = applySuppressions(program.diagnostics.filter((d) => d.file === "s.contract"), file.comments.filter((c) => c.kind !== "doc"), {
    file: "s.contract",
    source: text,
  });
  return {
    kept: [...r.kept, ...r.diagnostics].map((d) => `${d.code} ${normalize(d.message)}`).sort(),
    suppressed: r.suppressed.map((s) => `${s.diagnostic.code} ${normalize(s.diagnostic.message)}`).sort(),
  };
}

describe("suppression comments", () => {
  it("suppress the same diagnostics before and after formatting", async () => {
    const result = await formatContract(SOURCE, "s.contract");
    expect(result.formatted).toBeDefined();
    const before = lint(SOURCE);
    const after = lint(result.formatted as string);
    expect(after).toEqual(before);
    // The judge rubric of `c` is on the line after the suppression: the member is covered.
    expect(before.suppressed.some((s) => s.startsWith("HIR9008"))).toBe(true);
    expect(before.kept.some((s) => s.includes("vague-judge-rubric"))).toBe(false);
    expect(before.suppressed.filter((s) => s.startsWith("HIR7005")).length).toBeGreaterThanOrEqual(3);
    expect(before.suppressed.some((s) => s.startsWith("HIR7003"))).toBe(true);
  });

  it("do not change the layout: a constraint's body goes on its own line", async () => {
    const { formatted } = await formatContract(SOURCE, "s.contract");
    expect(formatted).toContain('  // hir-ignore HIR7002, always-true -- the clause is deliberately vague here\n  task a "Be brief."\n    check words >= 0\n');
    expect(formatted).toContain('  task b "B."\n    check words >= 0 // hir-ignore always-true -- reason\n');
    expect(formatted).toContain('  task c "C." // hir-ignore vague-judge-rubric -- fine\n    judge "good"\n');
    const plain = await formatContract('contract P {\n  task a "A." check words >= 0\n}\n', "p.contract");
    expect(plain.formatted).toBe('contract P {\n  task a "A."\n    check words >= 0\n}\n');
  });
});
