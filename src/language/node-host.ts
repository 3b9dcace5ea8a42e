import { realpathSync, statSync } from "node:fs";
import { resolve, sep } from "node:path";
import { readTextFile } from "../fs/text.js";
import { expandContractPaths } from "./files.js";
import { findProjectRoot } from "./project-root.js";
import type { SourceHost } from "./program.js";

export interface NodeHostOptions {
  /** The folder imports must stay inside (absolute, or relative to `cwd`); default: {@link findProjectRoot} of `cwd`. */
  readonly projectRoot?: string;
  /** Follow symbolic links that lead outside the named folders when expanding paths (`--follow-symlinks`). */
  readonly followLinksOutside?: boolean;
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function within(p: string, root: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Reads spec files from disk, relative to `cwd`; unreadable or non-file paths read as
 * missing. Imports are confined to the project root, by path and after resolving links.
 * Folders expand to the `.contract` files under them (src/language/files.ts).
 */
export function nodeHost(cwd: string = process.cwd(), options: NodeHostOptions = {}): Required<SourceHost> {
  let root: { lexical: string; real: string } | undefined;
  const projectRoot = (): { lexical: string; real: string } => {
    if (root === undefined) {
      const lexical = resolve(cwd, options.projectRoot ?? findProjectRoot(cwd));
      root = { lexical, real: realpathOrSelf(lexical) };
    }
    return root;
  };
  return {
    readFile(path: string): string | undefined {
      try {
        const abs = resolve(cwd, path);
        if (!statSync(abs).isFile()) return undefined;
        return readTextFile(abs).text;
      } catch {
        return undefined;
      }
    },
    isInsideProject(path: string): boolean {
      const abs = resolve(cwd, path);
      const { lexical, real } = projectRoot();
      // Both the written path and the file a link leads to must be inside.
      return within(abs, lexical) && within(realpathOrSelf(abs), real);
    },
    expandPaths: (paths) => expandContractPaths(paths, cwd, ".contract", { followLinksOutside: options.followLinksOutside ?? false }),
  };
}

/** An in-memory host for tests and editors. */
export function memoryHost(files: Readonly<Record<string, string>>): SourceHost {
  return { readFile: (path) => (Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined) };
}
