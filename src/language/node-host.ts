import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { SourceHost } from "./program.js";

/** Reads spec files from disk, relative to `cwd`; unreadable or non-file paths read as missing. */
export function nodeHost(cwd: string = process.cwd()): SourceHost {
  return {
    readFile(path: string): string | undefined {
      try {
        const abs = resolve(cwd, path);
        if (!statSync(abs).isFile()) return undefined;
        return readFileSync(abs, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}

/** An in-memory host for tests and editors. */
export function memoryHost(files: Readonly<Record<string, string>>): SourceHost {
  return { readFile: (path) => (Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined) };
}
