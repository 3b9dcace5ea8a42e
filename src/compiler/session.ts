/**
 * Compile sessions: a full build, then incremental rebuilds (watch mode) that
 * recompile only the changed spec files and the entries that import them.
 */
import { compareStrings } from "../common/order.js";
import * as path from "node:path";
import type { Diagnostic } from "../language/diagnostics/types.js";
import type { SourceHost } from "../language/program.js";
import { compileSpecs, indexModule, type CompileOptions, type CompiledModule, type CompileRun, type StageTimings } from "./compile.js";
import type { SkippedContract } from "./lower.js";
import { INDEX_FILE, modulePathFor } from "./module-paths.js";
import type { OutputPlan } from "./output.js";

/**
 * The entries to recompile when `changed` files changed: the changed entries and every
 * entry that imports a changed file, directly or transitively. `imports` maps a file to
 * the files it imports. Sorted.
 */
export function affectedEntries(changed: Iterable<string>, imports: ReadonlyMap<string, readonly string[]>, entries: Iterable<string>): string[] {
  const importers = new Map<string, string[]>();
  for (const [file, targets] of imports) for (const t of targets) importers.set(t, [...(importers.get(t) ?? []), file]);
  const seen = new Set<string>();
  const queue = [...changed];
  while (queue.length > 0) {
    const f = queue.shift() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const i of importers.get(f) ?? []) queue.push(i);
  }
  const wanted = new Set(entries);
  return [...seen].filter((f) => wanted.has(f)).sort(compareStrings);
}

export interface SessionOptions extends CompileOptions {
  /** Lists the entry spec files (relative posix paths, sorted); called on every build to see added and removed files. */
  readonly listEntries: () => readonly string[];
  readonly host: SourceHost;
}

export interface BuildResult {
  /** Spec files compiled in this build (all entries for a full build). */
  readonly compiled: readonly string[];
  readonly modules: readonly CompiledModule[];
  readonly failed: readonly string[];
  readonly errors: readonly Diagnostic[];
  readonly skipped: readonly SkippedContract[];
  readonly plan: OutputPlan;
  readonly timings: StageTimings;
}

/**
 * Holds what the last build produced, so a rebuild after file changes recompiles only
 * the changed spec files and the entries that import them (see `affectedEntries`).
 */
export class CompileSession {
  private modules = new Map<string, CompiledModule>();
  private failedSet = new Set<string>();
  private imports = new Map<string, readonly string[]>();
  private entries: readonly string[] = [];

  constructor(private readonly options: SessionOptions) {}

  /** Compiles every entry. The plan prunes generated files nothing produces any more. */
  async full(): Promise<BuildResult> {
    this.entries = [...this.options.listEntries()];
    const run = await compileSpecs(this.entries, this.options.host, this.options);
    this.modules = new Map(run.modules.map((m) => [m.source, m]));
    this.failedSet = new Set(run.failed);
    this.imports = new Map(run.program.imports);
    return this.result(this.entries, run, true);
  }

  /** The files a rebuild for `changed` would recompile (changed entries and their importers), sorted. */
  affected(changed: Iterable<string>): string[] {
    const current = this.options.listEntries();
    const previous = new Set(this.entries);
    const added = current.filter((f) => !previous.has(f));
    return affectedEntries([...changed, ...added], this.imports, current);
  }

  /** Recompiles what `changed` affects; entries that disappeared lose their module. */
  async update(changed: Iterable<string>): Promise<BuildResult> {
    const targets = this.affected(changed);
    const current = [...this.options.listEntries()];
    const removedEntries = this.entries.filter((f) => !current.includes(f));
    this.entries = current;
    const timings: StageTimings = { parse: 0, lower: 0, codegen: 0, format: 0 };
    let run: Omit<CompileRun, "timings" | "program"> = { modules: [], failed: [], errors: [], skipped: [] };
    if (targets.length > 0) {
      const full = await compileSpecs(targets, this.options.host, this.options);
      run = full;
      Object.assign(timings, full.timings);
      for (const [f, t] of full.program.imports) this.imports.set(f, t);
    }
    const removedPaths: string[] = [];
    for (const f of removedEntries) {
      const m = this.modules.get(f);
      if (m) removedPaths.push(m.path);
      this.modules.delete(f);
      this.failedSet.delete(f);
      this.imports.delete(f);
    }
    for (const f of targets) {
      this.failedSet.delete(f);
      this.modules.delete(f);
    }
    for (const m of run.modules) this.modules.set(m.source, m);
    for (const f of run.failed) this.failedSet.add(f);
    const r = await this.result(targets, { ...run, timings }, false);
    return { ...r, plan: { ...r.plan, removals: removedPaths } };
  }

  private async result(compiled: readonly string[], run: Omit<CompileRun, "program">, pruneExtra: boolean): Promise<BuildResult> {
    const files = new Map<string, string>();
    for (const m of run.modules) files.set(m.path, m.text);
    const keep = new Set<string>();
    for (const f of this.failedSet) {
      const previous = this.modules.get(f);
      keep.add(previous?.path ?? modulePathFor(f, this.options.rootDir));
    }
    const all = [...this.modules.values()].sort((a, b) => compareStrings(a.path, b.path));
    if (this.failedSet.size === 0) files.set(INDEX_FILE, await indexModule(all));
    else keep.add(INDEX_FILE);
    return {
      compiled: [...compiled],
      modules: run.modules,
      failed: [...this.failedSet].sort(compareStrings),
      errors: run.errors,
      skipped: run.skipped,
      plan: { outDir: path.resolve(this.options.cwd, this.options.outDir), files, keep, pruneExtra },
      timings: run.timings,
    };
  }
}
