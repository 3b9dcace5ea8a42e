/**
 * The folder of hindsight's own package.json, found by walking up from this module:
 * the same answer from src/ under tsx, from dist/ in a clone and from an installed
 * package in node_modules. Data files the package ships (data/langdetect/) are read
 * relative to it.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface OwnPackage {
  readonly root: string;
  readonly version: string;
}

function find(): OwnPackage | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "hindsight" && pkg.version) return { root: dir, version: pkg.version };
    } catch {
      // keep walking up
    }
    dir = dirname(dir);
  }
  return undefined;
}

let cached: OwnPackage | undefined | null = null;

/** hindsight's package root and version, or undefined when this file was copied out of its package. */
export function ownPackage(): OwnPackage | undefined {
  if (cached === null) cached = find();
  return cached;
}
