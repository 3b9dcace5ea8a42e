/** Every ```contract example in docs/language.md is valid: no errors from the checker. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";
import { REPO_ROOT } from "../helpers/repo.js";

const doc = readFileSync(join(REPO_ROOT, "docs/language.md"), "utf8");
const blocks = [...doc.matchAll(/```contract\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
const policies = {
  "policies/no-guarantees.contract": readFileSync(join(REPO_ROOT, "specs/policies/no-guarantees.contract"), "utf8"),
  "policies/customer-safety.contract": readFileSync(join(REPO_ROOT, "specs/policies/customer-safety.contract"), "utf8"),
};

describe("docs/language.md examples", () => {
  it("has examples", () => expect(blocks.length).toBeGreaterThan(5));
  blocks.forEach((text, i) => {
    it(`example ${i + 1} has no errors`, () => {
      const program = loadProgram(["example.contract"], memoryHost({ "example.contract": text, ...policies }));
      const errors = program.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`);
      expect(errors).toEqual([]);
    });
  });
});
