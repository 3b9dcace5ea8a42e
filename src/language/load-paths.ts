/**
 * The first half of the pipeline (src/compiler/pipeline.ts adds lowering): the paths
 * a caller named -> spec files -> a loaded, bound and checked Program. `hir lint` and
 * `hir fmt` stop here; every command that needs compiled contracts goes on to lower.
 *
 * - Paths are expanded by the host (folders walked on disk, src/language/files.ts); a
 *   host without folders takes every path as a file, and `files` skips expansion.
 * - A path that does not exist is a usage error: nothing is loaded, `missing` names it.
 * - Never throws on user input.
 */
import type { Diagnostic } from "./diagnostics/types.js";
import { loadProgram, type LoadOptions, type Program, type SourceHost } from "./program.js";

export interface LoadRequest extends LoadOptions {
  /** Files or folders as the user named them; expanded through `host.expandPaths`. */
  readonly paths?: readonly string[];
  /** Exact spec files (relative posix paths), not expanded; used instead of `paths`. */
  readonly files?: readonly string[];
  readonly host: SourceHost;
  /** Files left out after expansion (lint's `ignore` globs). */
  readonly exclude?: (file: string) => boolean;
}

export interface LoadedPaths {
  /** The spec files loaded as entries (after expansion and `exclude`), in the host's order. */
  readonly files: readonly string[];
  /** Named paths that do not exist (nothing was loaded when any is missing). */
  readonly missing: readonly string[];
  /** Links inside named folders not followed because they lead outside them. */
  readonly skippedLinks: readonly string[];
  readonly program: Program;
  /** Every diagnostic of the program, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** The error diagnostics among them. */
  readonly errors: readonly Diagnostic[];
  /** Milliseconds spent parsing, binding and checking. */
  readonly checkMs: number;
}

/** Expands `paths` (or takes `files`), then loads and checks them. */
export function loadPaths(request: LoadRequest): LoadedPaths {
  const { host } = request;
  const expanded = request.files !== undefined || host.expandPaths === undefined
    ? { files: [...(request.files ?? request.paths ?? [])], missing: [], skippedLinks: [] }
    : host.expandPaths(request.paths ?? []);
  const exclude = request.exclude;
  const files = exclude ? expanded.files.filter((f) => !exclude(f)) : expanded.files;
  const start = performance.now();
  const program = loadProgram(expanded.missing.length > 0 ? [] : files, host, request.parse ? { parse: request.parse } : {});
  const checkMs = performance.now() - start;
  return {
    files,
    missing: expanded.missing,
    skippedLinks: expanded.skippedLinks,
    program,
    diagnostics: program.diagnostics,
    errors: program.diagnostics.filter((d) => d.severity === "error"),
    checkMs,
  };
}
