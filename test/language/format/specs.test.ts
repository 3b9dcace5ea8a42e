/**
 * Every contract under specs/ formats cleanly, and formatting is stable on it.
 * (specs/ may be empty; files are picked up as they are added.)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/language/ast-builder.js";
import { formatContract } from "../../../src/language/format/index.js";
import { commentTexts, shape } from "../../helpers/ast.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SPECS = join(ROOT, "specs");

function contractFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries) {
    const p = join(dir, name);
    if (name === "node_modules") continue;
    if (statSync(p).isDirectory()) out.push(...contractFiles(p));
    else if (name.endsWith(".contract")) out.push(p);
  }
  return out;
}

const files = contractFiles(SPECS);

describe("formatting specs/", () => {
  it.runIf(files.length === 0)("has no contract files yet", () => {
    expect(files).toEqual([]);
  });

  for (const file of files) {
    const name = relative(ROOT, file);
    it(name, async () => {
      const text = readFileSync(file, "utf8");
      const parsed = parseDocument(text, name);
      // Files with syntax errors are the linter's business; the formatter leaves them alone.
      if (parsed.diagnostics.some((d) => d.severity === "error")) {
        expect((await formatContract(text, name)).formatted).toBeUndefined();
        return;
      }
      const once = await formatContract(text, name);
      expect(once.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const twice = await formatContract(once.formatted as string, name);
      expect(twice.formatted).toBe(once.formatted);
      const after = parseDocument(once.formatted as string, name).file;
      expect(shape(after)).toEqual(shape(parsed.file));
      expect(commentTexts(after)).toEqual(commentTexts(parsed.file));
    });
  }
});
