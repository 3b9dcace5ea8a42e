/** Writes schema/contract-ir.schema.json from the IR's zod schemas. `--check` exits 1 when the file is stale. */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderIrJsonSchema } from "../src/compiler/schema/json-schema.js";

const target = join(dirname(fileURLToPath(import.meta.url)), "../schema/contract-ir.schema.json");
const text = renderIrJsonSchema();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error("schema/contract-ir.schema.json is stale; run `npx tsx scripts/gen-ir-schema.ts`");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
