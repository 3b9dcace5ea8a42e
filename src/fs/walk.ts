/**
 * The one folder walker. Every command that expands folders into files (lint, fmt,
 * compile, ir, the generated-output scan) walks through here, so the safety rules
 * hold everywhere:
 *
 * - Each directory is entered at most once, by its real path: a link loop
 *   (`ln -s . s/a`) or a link to a directory already seen ends there.
 * - Links that lead out of the tree being walked (the real path of the folder the
 *   caller named) are not followed, unless `followLinksOutside` is set; they are
 *   listed in `skippedLinks` so a command can say so.
 * - A file reached twice (through a link) is listed once, under the first name.
 *
 * The walk is iterative and sorted, so its output is deterministic.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { join, sep } from "node:path";

export interface WalkOptions {
  /** Whether a file (by name) is wanted. */
  readonly acceptFile: (name: string) => boolean;
  /** Whether a directory (by name) is skipped without entering it. */
  readonly skipDir?: (name: string) => boolean;
  /** Follow links whose target lies outside the walked tree (default false). */
  readonly followLinksOutside?: boolean;
}

export interface WalkResult {
  /** Absolute paths of the accepted files, in walk order (sorted per directory). */
  readonly files: string[];
  /** Absolute paths of links not followed because they lead outside the tree. */
  readonly skippedLinks: string[];
}

function isInside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Walks the directory `rootDir` (absolute). Unreadable entries are skipped, never thrown. */
export function walkFiles(rootDir: string, options: WalkOptions): WalkResult {
  const files: string[] = [];
  const skippedLinks: string[] = [];
  const treeRoot = safeRealpath(rootDir);
  if (treeRoot === undefined) return { files, skippedLinks };
  const seenDirs = new Set<string>([treeRoot]);
  const seenFiles = new Set<string>();
  // Directories still to read, with their real paths; pushed in reverse so the walk stays in sorted order.
  const stack: Array<{ path: string; real: string }> = [{ path: rootDir, real: treeRoot }];
  while (stack.length > 0) {
    const dir = stack.pop() as { path: string; real: string };
    let names: string[];
    try {
      names = readdirSync(dir.path).sort();
    } catch {
      continue;
    }
    const subdirs: Array<{ path: string; real: string }> = [];
    for (const name of names) {
      const child = join(dir.path, name);
      let link: Stats;
      let st: Stats;
      try {
        link = lstatSync(child);
        st = link.isSymbolicLink() ? statSync(child) : link;
      } catch {
        continue; // a dangling link, or removed meanwhile
      }
      const isDir = st.isDirectory();
      if (isDir ? options.skipDir?.(name) : !(st.isFile() && options.acceptFile(name))) continue;
      const real = link.isSymbolicLink() ? safeRealpath(child) : join(dir.real, name);
      if (real === undefined) continue;
      if (link.isSymbolicLink() && !options.followLinksOutside && !isInside(real, treeRoot)) {
        skippedLinks.push(child);
        continue;
      }
      const seen = isDir ? seenDirs : seenFiles;
      if (seen.has(real)) continue;
      seen.add(real);
      if (isDir) subdirs.push({ path: child, real });
      else files.push(child);
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as { path: string; real: string });
  }
  return { files, skippedLinks };
}
