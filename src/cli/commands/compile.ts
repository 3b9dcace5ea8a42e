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
import type { Command } from "commander";
import * as path from "node:path";
import { nodeHost } from "../../language/node-host.js";
import { resolveCompileSettings } from "../../compiler/compile-config.js";
import { specRoot } from "../../compiler/module-paths.js";
import { diffOutput } from "../../compiler/output.js";
import { CompileSession, type BuildResult } from "../../compiler/session.js";
import { describeDiff, posixRel, reportProblems, writeOutput } from "./compile-report.js";
import { watchLoop, type WatchOptions } from "./compile-watch.js";
import { FOLLOW_SYMLINKS_FLAG, skippedLinksNote } from "../files.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";

export interface CompileCommandOptions extends WatchOptions {
  readonly out?: string;
  readonly check?: boolean;
  readonly watch?: boolean;
  readonly runtimeImport?: string;
  /** Follow links that lead outside the named folders. */
  readonly followSymlinks?: boolean;
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
  const host = nodeHost(io.cwd, { followLinksOutside: opts.followSymlinks ?? false });
  const first = host.expandPaths(paths);
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
    host,
    listEntries: () => host.expandPaths(paths).files,
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

  const written = writeOutput(io, build, diff, shown);
  const contracts = build.modules.reduce((n, m) => n + m.contracts.length, 0);
  io.stdout(
    `hir compile: ${contracts} contract${contracts === 1 ? "" : "s"} from ${build.modules.length} file${build.modules.length === 1 ? "" : "s"} -> ${outRel}` +
      ` (${written.written} written, ${written.removed} removed, ${diff.unchanged.length} unchanged)\n`,
  );
  const code = problems || diff.conflicts.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  if (!opts.watch) return code;
  return watchLoop(io, paths, session, shown, opts);
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
