/**
 * Chevrotain, loaded from its single-file build.
 *
 * The package's entry point (`lib/src/api.js`) pulls in about 700 modules (its own files
 * and every lodash-es helper one by one); loading them took 400-550 ms of each `hir`
 * command's start on this machine, more than most commands then spend working. The
 * package also ships the same code bundled into one file (`lib/chevrotain.mjs`, about
 * 30 ms to load) but does not export that path, so it is located beside the resolved
 * entry point. Where that fails (a bundler already inlined chevrotain, as the VS Code
 * extension's server does, or a future layout moves the file), the regular entry point
 * is used: same API, slower start.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

type Chevrotain = typeof import("chevrotain");

/** Which build was loaded: the single file, or the package's entry point (the fallback). */
export type ChevrotainBuild = "single-file" | "entry-point";

async function load(): Promise<{ readonly api: Chevrotain; readonly build: ChevrotainBuild }> {
  try {
    const entry = createRequire(import.meta.url).resolve("chevrotain");
    const api = (await import(pathToFileURL(join(dirname(entry), "..", "chevrotain.mjs")).href)) as Chevrotain;
    return { api, build: "single-file" };
  } catch {
    return { api: await import("chevrotain"), build: "entry-point" };
  }
}

const loaded = await load();
export const chevrotain: Chevrotain = loaded.api;
export const chevrotainBuild: ChevrotainBuild = loaded.build;
