/**
 * The project root: the folder imports must stay inside. It is the folder of the
 * lint configuration (hir.config.json or .hirrc.json, or the folder its
 * `imports.root` names, relative to it), else of the nearest package.json, else
 * the folder the search started from. An import that resolves outside it is never
 * read (HIR4008), so a contract cannot make `hir lint` print `/proc/self/environ`.
 */
import * as path from "node:path";
import { findUp, isFile } from "../fs/find-up.js";
import { findConfig, loadConfig } from "./lint/config.js";

/** The nearest folder at or above `startDir` holding a package.json. */
function findPackageRoot(startDir: string): string | undefined {
  return findUp(startDir, (dir) => (isFile(path.join(dir, "package.json")) ? dir : undefined));
}

/** The project root for work started in `startDir` (absolute). Never throws. */
export function findProjectRoot(startDir: string): string {
  const configFile = findConfig(startDir);
  if (configFile !== undefined) return loadConfig(configFile).config.projectRoot;
  return findPackageRoot(startDir) ?? path.resolve(startDir);
}
