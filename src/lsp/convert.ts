/**
 * Conversions between the toolchain's positions (1-based lines and columns, UTF-16 offsets,
 * paths relative to the workspace root) and LSP's (0-based lines and characters, URIs).
 */
import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Position as LspPosition, Range as LspRange } from "vscode-languageserver";
import type { Range } from "../language/diagnostics/types.js";
import { normalizePath } from "../language/paths.js";

export function toLspRange(r: Range): LspRange {
  return {
    start: { line: r.start.line - 1, character: r.start.column - 1 },
    end: { line: r.end.line - 1, character: r.end.column - 1 },
  };
}

export function lspPositionBefore(a: LspPosition, b: LspPosition): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Maps document URIs to program paths (relative to the root when inside it, as `hir lint` names them). */
export class PathMapper {
  constructor(readonly root: string) {}

  toPath(uri: string): string | undefined {
    if (!uri.startsWith("file:")) return undefined;
    let abs: string;
    try {
      abs = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const rel = relative(this.root, abs);
    return normalizePath(rel.startsWith("..") || isAbsolute(rel) ? abs : rel);
  }

  toUri(path: string): string {
    return pathToFileURL(resolve(this.root, path)).href;
  }

  absolute(path: string): string {
    return resolve(this.root, path);
  }
}
