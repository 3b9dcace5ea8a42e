/**
 * Writes the published JSON Schemas from their zod sources: schema/contract-ir.schema.json
 * (the IR) and schema/hir.config.schema.json (the config file). `--check` exits 1 when
 * either file is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderConfigJsonSchema } from "../src/compiler/schema/config-schema.js";
import { renderIrJsonSchema } from "../src/compiler/schema/json-schema.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "../schema");
const outputs: Array<[file: string, text: string]> = [
  ["contract-ir.schema.json", renderIrJsonSchema()],
  ["hir.config.schema.json", renderConfigJsonSchema()],
];
let stale = false;
for (const [file, text] of outputs) {
  const target = join(dir, file);
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`schema/${file} is stale; run \`npx tsx scripts/gen-ir-schema.ts\``);
      stale = true;
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
if (stale) process.exit(1);
