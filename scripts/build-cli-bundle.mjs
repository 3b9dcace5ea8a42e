/**
 * Bundles the `hir` command line (src/cli/main.ts) with esbuild into dist/bundle/, which
 * bin/hir.js runs when it is present (`npm run build` makes it; tsc's dist/src/ stays the
 * library API and the launcher's fallback).
 *
 * Why: a cold `hir` process spent a large share of its start-up in Node's ES module loader,
 * which pays per module (resolve, read, compile, link): a small `hir lint` loaded ~190
 * modules, zod alone 95. Bundled, the modules a command needs arrive in a few chunks.
 *
 * - Code splitting keeps the lazy command loading of src/cli/registry.ts: `hir --version`
 *   still loads no parser, and each command's code is its own chunk.
 * - Packages that load themselves by path or are large and loaded late stay external,
 *   resolved from node_modules as before: chevrotain (grammar/chevrotain.ts imports its
 *   single-file build beside the resolved package), prettier, typescript, ajv (required
 *   on the first JSON schema) and the language server.
 * - CommonJS dependencies bundled into ES modules (commander) still call `require` for
 *   Node's built-ins: every chunk gets one from `createRequire`.
 * - Deterministic: paths are relative to the repository, chunk names are content hashes,
 *   and the folder is emptied first so no stale chunk survives.
 *
 *   node scripts/build-cli-bundle.mjs             (part of `npm run build`)
 *   node scripts/build-cli-bundle.mjs --out DIR   (elsewhere: the determinism test builds twice)
 */
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const OUT = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(ROOT, "dist", "bundle");

/** Kept out of the bundle, loaded from node_modules at run time (see above). */
const EXTERNAL = ["chevrotain", "prettier", "typescript", "ajv", "vscode-languageserver", "vscode-languageserver-textdocument"];

rmSync(OUT, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { hir: "src/cli/main.ts" },
  outdir: OUT,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: EXTERNAL,
  banner: { js: "import { createRequire as __hirCreateRequire } from \"node:module\"; const require = __hirCreateRequire(import.meta.url);" },
  legalComments: "none",
  logLevel: "warning",
});
