#!/usr/bin/env bash
# The main job on the bundled specs (what `npm run main` runs): build, lint, format
# check, compile to generated/, verify and rewrite a bundled example response, a short
# HiR training run against the binary-reward baseline, and the HTML report.
# Offline, CPU only, about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
hir() { node bin/hir.js "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "build"
npm run --silent build

step "lint specs/"
hir lint specs

step "format check specs/"
hir fmt --check specs && echo "all contracts are formatted"

step "compile specs/ -> generated/"
hir compile specs

step "verify an example response (specs/examples/release-notes.response.md)"
inputs=(-i version=2.4 -i "changes=dark mode, CSV export, login fix")
# A failing verdict is the point of the demo, so exit 1 is expected here.
hir check specs/release-notes.contract "${inputs[@]}" specs/examples/release-notes.response.md || true

step "hindsight rewrite of the same response"
hir hindsight specs/release-notes.contract "${inputs[@]}" specs/examples/release-notes.response.md

step "hindsight refuses a response that breaks a safety rule"
hir hindsight specs/release-notes.contract "${inputs[@]}" specs/examples/release-notes.refused.md || true

step "short HiR training on the embedded policy (and the binary-reward baseline)"
rm -rf runs/demo
steps="${HIR_DEMO_STEPS:-40}"
hir train --arm hir --steps "$steps" --seed 1 --out runs/demo/hir-s1
hir train --arm binary --steps "$steps" --seed 1 --out runs/demo/binary-s1

step "report"
hir report runs/demo/hir-s1 runs/demo/binary-s1   # writes runs/demo/report.html, next to the runs
echo "open runs/demo/report.html in a browser"
