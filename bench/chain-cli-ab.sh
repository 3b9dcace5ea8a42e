#!/bin/bash
# Issue #8's chain through the CLI, this tree against a baseline checkout, interleaved:
# one `node bin/hir.js <command> chain.contract` process per sample (start-up included),
# printing "command|tree|wall user sys" per sample and then min / median per command.
#
#   bench/chain-cli-ab.sh <baseline checkout, built> [rounds]
# Both trees must be built (`npm run build`). The chain is written to a temporary folder.
set -euo pipefail
BASE=$(cd "$1" && pwd)
ROUNDS=${2:-5}
THIS=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
echo '{}' > "$DIR/package.json"
node -e 'const n=12000;const t=[];for(let i=0;i<n;i++)t.push(`  task t${i} "Step ${i}." check words >= 1`);const r=[];for(let i=0;i<n-1;i++)r.push(`  t${i+1} requires t${i}`);require("fs").writeFileSync(process.argv[1],`contract C {\n  prompt "Answer."\n${t.join("\n")}\n${r.join("\n")}\n}\n`)' "$DIR/chain.contract"
cd "$DIR"
TIMEFORMAT='%R %U %S'
for r in $(seq 1 "$ROUNDS"); do
  for cmd in "lint" "fmt --check" "ir" "check"; do
    for tree in base this; do
      if [ $tree = base ]; then root=$BASE; else root=$THIS; fi
      # shellcheck disable=SC2086
      t=$( { time node "$root/bin/hir.js" $cmd chain.contract >/dev/null 2>&1 || true; } 2>&1 )
      echo "$cmd|$tree|$t"
    done
  done
done | tee "$DIR/samples.txt"
python3 - "$DIR/samples.txt" <<'PY'
import sys, statistics as st
d = {}
for line in open(sys.argv[1]):
    cmd, tree, t = line.strip().split("|")
    wall, user, sys_ = map(float, t.split())
    d.setdefault((cmd, tree), []).append((wall, user + sys_))
print("command: wall min/median, CPU (user+sys) min/median, seconds")
for cmd in ["lint", "fmt --check", "ir", "check"]:
    cells = []
    for tree in ["base", "this"]:
        w = [x[0] for x in d[(cmd, tree)]]; c = [x[1] for x in d[(cmd, tree)]]
        cells.append(f"{tree} wall {min(w):.2f}/{st.median(w):.2f} cpu {min(c):.2f}/{st.median(c):.2f}")
    print(f"{cmd}: " + " | ".join(cells))
PY
