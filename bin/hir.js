#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run build`, and by `prepack` for the package).
// A reader that goes away (`hir lint specs | head -1`) ends the run quietly, not with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}
import("../dist/src/cli/main.js").then((m) => m.run(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`hir: internal error: ${err && err.stack ? err.stack : err}`); process.exitCode = 2; },
);
