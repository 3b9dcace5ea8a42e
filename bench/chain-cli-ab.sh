#!/bin/bash
# Issue #8's chain through the CLI, this tree against a baseline checkout, interleaved:
# one `node bin/hir.js <command>` process per sample (start-up included), printing
# "command|tree|wall user sys" per sample and then min / median per command.
#
#   bench/chain-cli-ab.sh <baseline checkout, built> [rounds] [command filter (a regex)]
# Both trees must be built (`npm run build`). The inputs are written to a temporary folder:
# the 12,000-long chain (t1 requires t0, ...), its reverse (t0 requires t1, ...) and a
# 3-word response. Every command of the issue's "done when" runs on them.
set -euo pipefail
BASE=$(cd "$1" && pwd)
ROUNDS=${2:-5}
FILTER=${3:-.}
THIS=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
echo '{}' > "$DIR/package.json"
node -e '
const fs = require("fs");
const n = 12000;
const tasks = Array.from({ length: n }, (_, i) => `  task t${i} "Step ${i}." check words >= 1`);
const write = (file, edge) => {
  const edges = Array.from({ length: n - 1 }, (_, i) => edge(i));
  fs.writeFileSync(file, `contract C {\n  prompt "Answer."\n${tasks.join("\n")}\n${edges.join("\n")}\n}\n`);
};
write(process.argv[1], (i) => `  t${i + 1} requires t${i}`);
write(process.argv[2], (i) => `  t${i} requires t${i + 1}`);
fs.writeFileSync(process.argv[3], "one two three");
' "$DIR/chain.contract" "$DIR/rev.contract" "$DIR/resp.txt"
cd "$DIR"
COMMANDS=(
  "lint chain.contract"
  "fmt --check chain.contract"
  "ir chain.contract"
  "compile chain.contract -o out"
  "check chain.contract resp.txt"
  "hindsight chain.contract resp.txt"
  "check rev.contract resp.txt"
  "hindsight rev.contract resp.txt"
)
TIMEFORMAT='%R %U %S'
for r in $(seq 1 "$ROUNDS"); do
  for cmd in "${COMMANDS[@]}"; do
    [[ "$cmd" =~ $FILTER ]] || continue
    for tree in base this; do
      if [ $tree = base ]; then root=$BASE; else root=$THIS; fi
      rm -rf out
      # shellcheck disable=SC2086
      t=$( { time node "$root/bin/hir.js" $cmd >/dev/null 2>&1 || true; } 2>&1 )
      echo "$cmd|$tree|$t"
    done
  done
done | tee "$DIR/samples.txt"
python3 - "$DIR/samples.txt" <<'PY'
import sys, statistics as st
d = {}
order = []
for line in open(sys.argv[1]):
    cmd, tree, t = line.strip().split("|")
    wall, user, sys_ = map(float, t.split())
    if cmd not in order:
        order.append(cmd)
    d.setdefault((cmd, tree), []).append((wall, user + sys_))
print("command: wall min/median, CPU (user+sys) min/median, seconds")
for cmd in order:
    cells = []
    for tree in ["base", "this"]:
        w = [x[0] for x in d[(cmd, tree)]]; c = [x[1] for x in d[(cmd, tree)]]
        cells.append(f"{tree} wall {min(w):.2f}/{st.median(w):.2f} cpu {min(c):.2f}/{st.median(c):.2f}")
    print(f"{cmd}: " + " | ".join(cells))
PY
