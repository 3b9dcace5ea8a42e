#!/usr/bin/env node
// Thin launcher. `npm run build` (and `prepack`) writes the CLI twice: tsc's dist/src/ (the library, and
// the CLI as modules) and an esbuild bundle of the CLI in dist/bundle/ (scripts/build-cli-bundle.mjs), which
// starts faster because Node loads a few chunks instead of ~200 modules. The bundle runs when it is there;
// otherwise (a tsc-only build) the modules do, with the same behaviour.
import { existsSync } from "node:fs";

// A reader that goes away (`hir lint specs | head -1`) ends the run quietly, not with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const bundle = new URL("../dist/bundle/hir.js", import.meta.url);
import(existsSync(bundle) ? bundle.href : "../dist/src/cli/main.js").then((m) => m.run(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`hir: internal error: ${err && err.stack ? err.stack : err}`); process.exitCode = 2; },
);
