/**
 * The repository root, found by walking up from this file to package.json, so a
 * benchmark reads the same specs and data whether it runs from bench/ (tsx) or
 * from dist/bench/ (compiled).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "specs"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

export const repoRoot: string = findRoot(path.dirname(fileURLToPath(import.meta.url)));
