import { posix } from "node:path";

/** Spec paths are posix-style and relative to the working directory, as the user named them. */
export function normalizePath(p: string): string {
  const n = posix.normalize(p.replace(/\\/g, "/"));
  return n.startsWith("./") ? n.slice(2) : n;
}

/** Import paths are relative to the importing file. */
export function resolveImport(fromFile: string, spec: string): string {
  return normalizePath(posix.join(posix.dirname(fromFile), spec));
}
