/**
 * `hir lint`'s file handling, shared with the language server's tests and bench: expand
 * the named paths, find the config, leave out ignored files, load and check
 * (src/language/load-paths.ts), then suppressions and config severities (lintProgram).
 * Returns data only; printing is the command's.
 */
import { resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/types.js";
import { loadPaths } from "../load-paths.js";
import { nodeHost } from "../node-host.js";
import { defaultConfig, isIgnored, loadConfig, loadConfigFor } from "./config.js";
import { lintProgram } from "./pipeline.js";

export interface LintFilesOptions {
  /** The config file (relative to `cwd`); default: the nearest hir.config.json. */
  readonly config?: string;
  /** Follow links that lead outside the named folders. */
  readonly followSymlinks?: boolean;
}

export interface LintRun {
  readonly diagnostics: Diagnostic[];
  readonly sources: Map<string, string>;
  readonly filesChecked: number;
  /** Links not followed because they lead outside the named folders. */
  readonly skippedLinks: readonly string[];
}

/** Lints the files `paths` (relative to `cwd`) name and returns the diagnostics after suppressions and config. */
export function lintFiles(cwd: string, paths: readonly string[], opts: LintFilesOptions = {}): LintRun | { usageError: string } {
  const loaded = opts.config ? loadConfig(resolve(cwd, opts.config), { displayPath: opts.config }) : loadConfigFor(cwd, cwd);
  const config = loaded.config ?? defaultConfig(cwd);
  // The config's folder (or its `imports.root`) bounds imports; without a config file, the nearest package root.
  const host = nodeHost(cwd, {
    followLinksOutside: opts.followSymlinks ?? false,
    ...(loaded.config?.file !== undefined ? { projectRoot: config.projectRoot } : {}),
  });
  const run = loadPaths({ paths, host, exclude: (f) => isIgnored(f, config, cwd) });
  if (run.missing.length > 0) return { usageError: `no such file or directory: ${run.missing.join(", ")}` };
  const sources = new Map<string, string>();
  for (const [path, sf] of run.program.files) sources.set(path, sf.text);
  return { diagnostics: lintProgram(run.program, config, { configDiagnostics: loaded.diagnostics }), sources, filesChecked: run.program.files.size, skippedLinks: run.skippedLinks };
}
