/**
 * Where generated modules go and how they import each other and the runtime: the
 * output mirrors the spec tree relative to the spec root, with posix paths.
 */
import { statSync } from "node:fs";
import * as path from "node:path";
import type { RuntimeImport } from "./compile-config.js";

export const INDEX_FILE = "index.ts";

/** `specs/a/b.contract` -> `a/b.ts` for root `specs`; `index.contract` at the root becomes `index.contract.ts`. */
export function modulePathFor(specFile: string, rootDir: string): string {
  const rel = path.posix.relative(rootDir === "." ? "" : rootDir, specFile);
  const base = rel.endsWith(".contract") ? rel.slice(0, -".contract".length) : rel;
  const out = `${base}.ts`;
  return out === INDEX_FILE ? `${rel}.ts` : out;
}

/** The import specifier of `target` from the module at `from` (both posix, relative to the output directory, inside it). */
export function relativeSpecifier(from: string, target: string): string {
  const rel = path.posix.relative(path.posix.join("/", path.posix.dirname(from)), path.posix.join("/", target));
  return rel.startsWith("../") || rel.startsWith("./") ? rel : `./${rel}`;
}

/** The runtime import as written in the module at `modulePath` (relative to the output directory). */
export function runtimeSpecifierFor(modulePath: string, options: { readonly outDir: string; readonly runtimeImport: RuntimeImport; readonly cwd: string }): string {
  const ri = options.runtimeImport;
  if (ri.kind === "specifier") return ri.specifier;
  const moduleDir = path.dirname(path.resolve(options.cwd, options.outDir, modulePath));
  const rel = path.relative(moduleDir, ri.path).split(path.sep).join("/");
  return rel.startsWith("../") || rel.startsWith("./") ? rel : `./${rel}`;
}

/** The common directory of the paths a user named (directories themselves, files by their directory), posix, relative. */
export function specRoot(args: readonly string[], cwd: string): string {
  const dirs = (args.length > 0 ? args : ["."]).map((a) => {
    const abs = path.resolve(cwd, a);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      isDir = false;
    }
    return (isDir ? abs : path.dirname(abs)).split(path.sep);
  });
  const first = dirs[0] as string[];
  let n = first.length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && i < d.length && d[i] === first[i]) i++;
    n = i;
  }
  const common = first.slice(0, n).join(path.sep) || path.sep;
  const rel = path.relative(cwd, common).split(path.sep).join("/");
  return rel === "" ? "." : rel;
}
