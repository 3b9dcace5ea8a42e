#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run build`).
import("../dist/src/cli/main.js").then((m) => m.run(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`hir: internal error: ${err && err.stack ? err.stack : err}`); process.exitCode = 2; },
);
