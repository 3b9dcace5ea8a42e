/**
 * Data files hindsight ships beside its code (data/ in the package "files"), read
 * synchronously relative to the package root. Large tables live there rather than in
 * modules so that a command pays for a table only when it runs the code that uses it:
 * a module's string literals are read and compiled on every import, a file only when read.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ownPackage } from "./package-root.js";

/**
 * The text of `data/<path>` in hindsight's package. Throws when the file is missing (an
 * incomplete installation, or the code was bundled without its data), naming the file.
 */
export function readPackageData(...path: readonly string[]): string {
  const rel = join("data", ...path);
  const root = ownPackage()?.root;
  if (root === undefined) throw new Error(`hindsight's data file ${rel} was not found: no hindsight package.json above this module`);
  try {
    return readFileSync(join(root, rel), "utf8");
  } catch (e) {
    throw new Error(`hindsight's data file ${rel} could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}
