/**
 * The project root: the folder imports must stay inside. It is the folder of the
 * lint configuration (hir.config.json or .hirrc.json, or the folder its
 * `imports.root` names, relative to it), else of the nearest package.json, else
 * the folder the search started from. An import that resolves outside it is never
 * read (HIR4008), so a contract cannot make `hir lint` print `/proc/self/environ`.
 */
import { statSync } from "node:fs";
import * as path from "node:path";
import { findConfig, loadConfig } from "./lint/config.js";

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The nearest folder at or above `startDir` holding a package.json. */
function findPackageRoot(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    if (isFile(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The project root for work started in `startDir` (absolute). Never throws. */
export function findProjectRoot(startDir: string): string {
  const configFile = findConfig(startDir);
  if (configFile !== undefined) return loadConfig(configFile).config.projectRoot;
  return findPackageRoot(startDir) ?? path.resolve(startDir);
}
