/** Expands the paths a user passes on the command line into sorted `.contract` files. */
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export interface ExpandResult {
  readonly files: string[];
  /** Paths that do not exist. */
  readonly missing: string[];
}

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "generated"]);

export function expandContractPaths(paths: readonly string[], cwd: string, ext = ".contract"): ExpandResult {
  const files = new Set<string>();
  const missing: string[] = [];
  const walk = (abs: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(abs).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const child = join(abs, name);
      let st;
      try {
        st = statSync(child);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name) && !name.startsWith(".")) walk(child);
      } else if (name.endsWith(ext)) {
        files.add(toRel(child, cwd));
      }
    }
  };
  for (const p of paths.length > 0 ? paths : ["."]) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(abs);
    else files.add(toRel(abs, cwd));
  }
  return { files: [...files].sort(), missing };
}

function toRel(abs: string, cwd: string): string {
  const r = relative(cwd, abs).replace(/\\/g, "/");
  return r === "" ? "." : r;
}
