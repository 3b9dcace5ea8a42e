/** Looking for a file in a folder or the nearest folder above it (configs, package roots). */
import { statSync } from "node:fs";
import * as path from "node:path";

/** Whether `p` is a regular file (through links); false when it is missing or unreadable. */
export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The first answer `probe` gives for `startDir` or a folder above it, walking up to the filesystem root. */
export function findUp<T>(startDir: string, probe: (dir: string) => T | undefined): T | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const found = probe(dir);
    if (found !== undefined) return found;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
