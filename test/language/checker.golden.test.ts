/**
 * Checker baselines: every fixture under test/language/fixtures is loaded as a
 * program and its diagnostics are compared with `<name>.diagnostics.txt` beside it.
 * Regenerate with `UPDATE_GOLDENS=1 npx vitest run test/language/checker.golden.test.ts`.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "vitest";
import { loadProgram } from "../../src/language/program.js";
import { nodeHost } from "../../src/language/node-host.js";
import type { Diagnostic } from "../../src/language/diagnostics/types.js";
import { expectGolden } from "../helpers/golden.js";
import { REPO_ROOT } from "../helpers/repo.js";

const FIXTURES = join(REPO_ROOT, "test/language/fixtures");

function render(d: Diagnostic): string {
  const r = d.range;
  const lines = [`${d.file.replace(/^test\/language\/fixtures\//, "")}:${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column} ${d.severity} ${d.code} ${d.rule}: ${d.message}`];
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  for (const rel of d.related ?? []) lines.push(`  related ${rel.file.replace(/^test\/language\/fixtures\//, "")}:${rel.range.start.line}:${rel.range.start.column}: ${rel.message}`);
  return lines.join("\n");
}

describe("checker baselines", () => {
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".contract")).sort();
  for (const f of fixtures) {
    it(f, () => {
      const path = relative(REPO_ROOT, join(FIXTURES, f));
      const program = loadProgram([path], nodeHost(REPO_ROOT));
      const text = program.diagnostics.map(render).join("\n") + "\n";
      expectGolden(text, join(FIXTURES, f.replace(/\.contract$/, ".diagnostics.txt")));
    });
  }
});
