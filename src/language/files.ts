/** Expands the paths a user passes on the command line into sorted `.contract` files. */
import { statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { walkFiles } from "../fs/walk.js";

export interface ExpandResult {
  readonly files: string[];
  /** Paths that do not exist. */
  readonly missing: string[];
  /** Links inside the named folders that were not followed because they lead outside them (relative paths). */
  readonly skippedLinks: string[];
}

export interface ExpandOptions {
  /** Follow symbolic links that lead outside the named folders (`--follow-symlinks`). */
  readonly followLinksOutside?: boolean;
}

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "generated"]);

export function expandContractPaths(paths: readonly string[], cwd: string, ext = ".contract", options: ExpandOptions = {}): ExpandResult {
  const files = new Set<string>();
  const missing: string[] = [];
  const skippedLinks: string[] = [];
  for (const p of paths.length > 0 ? paths : ["."]) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (!st.isDirectory()) {
      files.add(toRel(abs, cwd));
      continue;
    }
    const walked = walkFiles(abs, {
      acceptFile: (name) => name.endsWith(ext),
      skipDir: (name) => SKIP_DIRS.has(name) || name.startsWith("."),
      followLinksOutside: options.followLinksOutside ?? false,
    });
    for (const f of walked.files) files.add(toRel(f, cwd));
    for (const l of walked.skippedLinks) skippedLinks.push(toRel(l, cwd));
  }
  return { files: [...files].sort(), missing, skippedLinks: [...new Set(skippedLinks)].sort() };
}

function toRel(abs: string, cwd: string): string {
  const r = relative(cwd, abs).replace(/\\/g, "/");
  return r === "" ? "." : r;
}
