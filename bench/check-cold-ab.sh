#!/bin/bash
# Bind+check of issue #8's chain, its warning-free variant ("Do step <letters>." clauses) and
# its reverse (`t0 requires t1`, ...), this tree against a baseline build, one fresh process
# per sample, interleaved. Each process parses once, then binds and checks 6 times: the first
# round is "cold" (what one CLI run pays), rounds 3-6 are "warm". Prints min and median cold,
# and min warm, per tree and input (ms; CPU=1 for CPU time, main + GC threads, instead of wall).
#
#   bench/check-cold-ab.sh <baseline dist folder> [processes per tree, default 5]
# Both trees must be built (`npm run build`; the baseline with `npx tsc -p tsconfig.build.json`).
set -euo pipefail
BASE=$(cd "$1" && pwd)
N=${2:-5}
THIS=$(cd "$(dirname "$0")/.." && pwd)/dist
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
node -e '
const fs = require("fs"), n = 12000, dir = process.argv[1];
const letters = (i) => { let s = ""; do { s = String.fromCharCode(97 + (i % 26)) + s; i = Math.floor(i / 26) - 1; } while (i >= 0); return s; };
const write = (name, clause, edge) => {
  const t = Array.from({ length: n }, (_, i) => `  task t${i} "${clause(i)}" check words >= 1`);
  const r = Array.from({ length: n - 1 }, (_, i) => `  ${edge(i)}`);
  fs.writeFileSync(`${dir}/${name}.contract`, `contract C {\n  prompt "Answer."\n${t.join("\n")}\n${r.join("\n")}\n}\n`);
};
write("chain", (i) => `Step ${i}.`, (i) => `t${i + 1} requires t${i}`);
write("free", (i) => `Do step ${letters(i)}.`, (i) => `t${i + 1} requires t${i}`);
write("reverse", (i) => `Do step ${letters(i)}.`, (i) => `t${i} requires t${i + 1}`);
' "$DIR"
cat > "$DIR/run.mjs" <<'JS'
import { readFileSync } from "node:fs";
const [dist, file] = process.argv.slice(2);
const { parseDocument } = await import(`${dist}/src/language/ast-builder.js`);
const { bindProgram } = await import(`${dist}/src/language/binder.js`);
const { checkProgramWithTyping } = await import(`${dist}/src/language/checker.js`);
const file0 = parseDocument(readFileSync(file, "utf8"), "chain.contract").file;
const files = new Map([["chain.contract", file0]]);
const imports = new Map([["chain.contract", []]]);
const now = () => (process.env.CPU ? ((u) => (u.user + u.system) / 1000)(process.cpuUsage()) : performance.now());
const out = [];
for (let r = 0; r < 6; r++) {
  const t0 = now();
  const bound = bindProgram(files, imports);
  checkProgramWithTyping({ files, imports, contracts: bound.contracts, sets: bound.sets });
  out.push(now() - t0);
}
console.log(out.map((x) => x.toFixed(1)).join(" "));
JS
for input in chain free reverse; do
  for i in $(seq 1 "$N"); do
    echo "base $(node "$DIR/run.mjs" "$BASE" "$DIR/$input.contract")"
    echo "this $(node "$DIR/run.mjs" "$THIS" "$DIR/$input.contract")"
  done | node -e '
const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => l.split(" "));
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const tree of ["base", "this"]) {
  const runs = rows.filter((r) => r[0] === tree).map((r) => r.slice(1).map(Number));
  const cold = runs.map((r) => r[0]), warm = runs.flatMap((r) => r.slice(2));
  console.log(`${process.argv[1].padEnd(8)} ${tree}: cold min ${Math.min(...cold).toFixed(0)} median ${med(cold).toFixed(0)} | warm min ${Math.min(...warm).toFixed(0)}`);
}' "$input"
done
