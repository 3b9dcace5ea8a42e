/** Writes docs/builtins.md from the built-in registry. `--check` exits 1 when the file is stale. */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderBuiltinsDoc } from "../src/language/builtins/doc.js";

const target = join(dirname(fileURLToPath(import.meta.url)), "../docs/builtins.md");
const text = renderBuiltinsDoc();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error("docs/builtins.md is stale; run `npx tsx scripts/gen-builtins-doc.ts`");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
