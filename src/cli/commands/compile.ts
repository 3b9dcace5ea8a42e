/**
 * `hir compile [paths] [--out dir] [--check] [--watch] [--runtime-import spec]`:
 * compiles contract files to typed TypeScript verifiers (src/compiler/compile.ts).
 *
 * - default: writes `<out>/<spec path>.ts` per spec file with contracts and
 *   `<out>/index.ts`, atomically, and removes generated files nothing produces any
 *   more; exit 0, or 1 when some file has errors (printed as `file:line:col code
 *   message`; those files are not compiled and their old output stays).
 * - `--check`: writes nothing; lists stale, missing and extra files; exit 1 if any.
 * - `--watch`: builds, then rebuilds on changes only the changed spec files and those
 *   that import them, printing what was recompiled; stops on SIGINT/SIGTERM.
 * Settings: CLI options, else the `compile` section of hir.config.json, else
 * `--out generated --runtime-import hindsight/runtime`.
 */
import { statSync, watch as fsWatch, type FSWatcher } from "node:fs";
import type { Command } from "commander";
import * as path from "node:path";
import { nodeHost } from "../../language/node-host.js";
import { resolveCompileSettings } from "../../compiler/compile-config.js";
import {
  applyOutput, CompileSession, diffOutput, formatDiagnosticLine, specRoot,
  type BuildResult, type OutputDiff,
} from "../../compiler/compile.js";
import { expandContractPaths, FOLLOW_SYMLINKS_FLAG, skippedLinksNote } from "../files.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";

export interface CompileCommandOptions {
  readonly out?: string;
  readonly check?: boolean;
  readonly watch?: boolean;
  readonly runtimeImport?: string;
  /** Follow links that lead outside the named folders. */
  readonly followSymlinks?: boolean;
  /** Watch mode stops when this aborts (default: on SIGINT or SIGTERM). */
  readonly signal?: AbortSignal;
  /** Watch debounce in milliseconds (default 100). */
  readonly debounceMs?: number;
}

function posixRel(cwd: string, abs: string): string {
  const r = path.relative(cwd, abs).split(path.sep).join("/");
  return r === "" ? "." : r;
}

export async function compileCommand(io: CliIO, paths: string[], opts: CompileCommandOptions): Promise<number> {
  if (opts.check && opts.watch) {
    io.stderr("hir compile: --check and --watch cannot be combined\n");
    return EXIT_USAGE;
  }
  const resolved = resolveCompileSettings(io.cwd, {
    ...(opts.out !== undefined ? { out: opts.out } : {}),
    ...(opts.runtimeImport !== undefined ? { runtimeImport: opts.runtimeImport } : {}),
  });
  if (!resolved.ok) {
    for (const e of resolved.errors) io.stderr(`hir compile: ${e}\n`);
    return EXIT_USAGE;
  }
  const expand = () => expandContractPaths(paths, io.cwd, ".contract", { followLinksOutside: opts.followSymlinks ?? false });
  const first = expand();
  if (first.skippedLinks.length > 0) io.stderr(skippedLinksNote("compile", first.skippedLinks));
  if (first.missing.length > 0) {
    io.stderr(`hir compile: no such file or directory: ${first.missing.join(", ")}\n`);
    return EXIT_USAGE;
  }
  const settings = resolved.settings;
  const outRel = posixRel(io.cwd, settings.outDir);
  const session = new CompileSession({
    rootDir: specRoot(paths, io.cwd),
    outDir: outRel,
    runtimeImport: settings.runtimeImport,
    cwd: io.cwd,
    host: nodeHost(io.cwd),
    listEntries: () => expand().files,
  });
  const shown = (rel: string) => posixRel(io.cwd, path.join(settings.outDir, rel));

  let build: BuildResult;
  try {
    build = await session.full();
  } catch (e) {
    io.stderr(`hir compile: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_USAGE;
  }
  const problems = reportProblems(io, build);
  const diff = diffOutput(build.plan);

  if (opts.check) {
    const out = describeDiff(diff, shown);
    if (out.length > 0) {
      io.stdout(`hir compile --check: ${outRel} is not up to date:\n${out.join("\n")}\n`);
      io.stdout(`run \`hir compile ${paths.join(" ") || "."} --out ${outRel}\` to update it\n`);
      return EXIT_FINDINGS;
    }
    if (problems) return EXIT_FINDINGS;
    io.stdout(`hir compile --check: ${outRel} is up to date (${build.plan.files.size} files)\n`);
    return EXIT_OK;
  }

  const written = write(io, build, diff, shown);
  const contracts = build.modules.reduce((n, m) => n + m.contracts.length, 0);
  io.stdout(
    `hir compile: ${contracts} contract${contracts === 1 ? "" : "s"} from ${build.modules.length} file${build.modules.length === 1 ? "" : "s"} -> ${outRel}` +
      ` (${written.written} written, ${written.removed} removed, ${diff.unchanged.length} unchanged)\n`,
  );
  const code = problems || diff.conflicts.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  if (!opts.watch) return code;
  return watchLoop(io, paths, session, shown, opts);
}

/** Prints error diagnostics and skipped contracts; true when there were any. */
function reportProblems(io: CliIO, build: BuildResult): boolean {
  for (const d of build.errors) io.stdout(`${formatDiagnosticLine(d)}\n`);
  const errorFiles = new Set(build.errors.map((d) => d.file));
  for (const s of build.skipped) {
    // Contracts skipped because of reported errors need no second message.
    if (!errorFiles.has(s.file) && !s.reason.startsWith("errors in ")) io.stdout(`${s.file}: contract \`${s.contract}\` not compiled: ${s.reason}\n`);
  }
  if (build.failed.length > 0) {
    io.stdout(`hir compile: not compiled (errors): ${build.failed.join(", ")}; their previous output and index.ts are left unchanged\n`);
  }
  return build.errors.length > 0 || build.failed.length > 0;
}

function describeDiff(diff: OutputDiff, shown: (rel: string) => string): string[] {
  return [
    ...diff.stale.map((f) => `  stale     ${shown(f)}`),
    ...diff.missing.map((f) => `  missing   ${shown(f)}`),
    ...diff.extra.map((f) => `  extra     ${shown(f)}`),
    ...diff.conflicts.map((f) => `  conflict  ${shown(f)} (exists and was not generated by hir compile)`),
  ];
}

function write(io: CliIO, build: BuildResult, diff: OutputDiff, shown: (rel: string) => string): { written: number; removed: number } {
  for (const f of diff.conflicts) io.stderr(`hir compile: ${shown(f)} exists and was not generated by hir compile; not overwriting it\n`);
  const r = applyOutput(build.plan, diff);
  for (const f of r.written) io.stdout(`wrote ${shown(f)}\n`);
  for (const f of r.removed) io.stdout(`removed ${shown(f)}\n`);
  return { written: r.written.length, removed: r.removed.length };
}

/** Watches the spec paths (and the directories of imported files) and rebuilds on changes. */
async function watchLoop(io: CliIO, paths: readonly string[], session: CompileSession, shown: (rel: string) => string, opts: CompileCommandOptions): Promise<number> {
  const roots = (paths.length > 0 ? paths : ["."]).map((p) => path.resolve(io.cwd, p));
  const watchers: FSWatcher[] = [];
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const debounce = opts.debounceMs ?? 100;

  const onEvent = (dir: string) => (_event: string, name: string | Buffer | null) => {
    if (name === null) return;
    const file = path.join(dir, name.toString());
    if (!file.endsWith(".contract")) return;
    pending.add(posixRel(io.cwd, file));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending];
      pending.clear();
      running = running.then(() => rebuild(changed));
    }, debounce);
  };

  const rebuild = async (changed: string[]): Promise<void> => {
    try {
      const build = await session.update(changed);
      reportProblems(io, build);
      const diff = diffOutput(build.plan);
      const r = write(io, build, diff, shown);
      io.stdout(`recompiled ${build.compiled.length > 0 ? build.compiled.join(", ") : "nothing"} (changed: ${changed.join(", ")}; ${r.written} written, ${r.removed} removed)\n`);
    } catch (e) {
      io.stderr(`hir compile: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  };

  const watched = new Set<string>();
  for (const root of roots) {
    // Directories recursively; a file through its directory (editors replace files on save).
    const isDir = (() => {
      try {
        return statSync(root).isDirectory();
      } catch {
        return false;
      }
    })();
    const dir = isDir ? root : path.dirname(root);
    if (watched.has(dir)) continue;
    watched.add(dir);
    try {
      watchers.push(fsWatch(dir, { recursive: isDir }, onEvent(dir)));
    } catch (e) {
      io.stderr(`hir compile: cannot watch ${posixRel(io.cwd, dir)}: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  io.stdout(`watching ${roots.map((r) => posixRel(io.cwd, r)).join(", ")} (Ctrl-C to stop)\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    if (opts.signal) {
      if (opts.signal.aborted) return resolve();
      opts.signal.addEventListener("abort", stop, { once: true });
    } else {
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    }
  });
  if (timer) clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
  return EXIT_OK;
}

/** Adds `hir compile` to the CLI (call from src/cli/registry.ts). */
export function registerCompileCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("compile")
    .description("compile contract files to typed TypeScript verifiers (exit 1 on spec errors or, with --check, stale output)")
    .argument("[paths...]", "files or directories (default: .)")
    .option("-o, --out <dir>", "output directory (default: compile.out of hir.config.json, else generated)")
    .option("--check", "write nothing; list stale, missing and extra generated files")
    .option("-w, --watch", "rebuild changed specs until interrupted")
    .option("--runtime-import <specifier>", "module the generated code imports the runtime from (default: hindsight/runtime)")
    .option(...FOLLOW_SYMLINKS_FLAG)
    .action(async (paths: string[], o: { out?: string; check?: boolean; watch?: boolean; runtimeImport?: string; followSymlinks?: boolean }) => {
      setExit(
        await compileCommand(io, paths, {
          check: Boolean(o.check),
          watch: Boolean(o.watch),
          followSymlinks: Boolean(o.followSymlinks),
          ...(o.out !== undefined ? { out: o.out } : {}),
          ...(o.runtimeImport !== undefined ? { runtimeImport: o.runtimeImport } : {}),
        }),
      );
    });
}
