/** `hir compile --watch`: rebuilds changed spec files (and their importers) until interrupted. */
import { statSync, watch as fsWatch, type FSWatcher } from "node:fs";
import * as path from "node:path";
import { diffOutput } from "../../compiler/output.js";
import type { CompileSession } from "../../compiler/session.js";
import { EXIT_OK, type CliIO } from "../io.js";
import { posixRel, reportProblems, writeOutput } from "./compile-report.js";

export interface WatchOptions {
  /** Watch mode stops when this aborts (default: on SIGINT or SIGTERM). */
  readonly signal?: AbortSignal;
  /** Watch debounce in milliseconds (default 100). */
  readonly debounceMs?: number;
}

/** Watches the spec paths (and the directories of imported files) and rebuilds on changes. */
export async function watchLoop(io: CliIO, paths: readonly string[], session: CompileSession, shown: (rel: string) => string, opts: WatchOptions): Promise<number> {
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
      const r = writeOutput(io, build, diff, shown);
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
