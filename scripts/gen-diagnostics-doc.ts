/**
 * Regenerates docs/diagnostics.md from the diagnostics catalog.
 *
 *   npx tsx scripts/gen-diagnostics-doc.ts           # write the file
 *   npx tsx scripts/gen-diagnostics-doc.ts --check   # exit 1 if the file is stale
 *
 * test/language/report/diagnostics-doc.test.ts runs the same check.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderDiagnosticsDoc } from "../src/language/report/diagnostics-doc.js";

const target = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "diagnostics.md");
const expected = renderDiagnosticsDoc();

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== expected) {
    console.error("docs/diagnostics.md is out of date: run `npx tsx scripts/gen-diagnostics-doc.ts`.");
    process.exit(1);
  }
  console.log("docs/diagnostics.md is up to date.");
} else {
  writeFileSync(target, expected);
  console.log(`wrote ${target}`);
}
