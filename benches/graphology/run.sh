#!/usr/bin/env bash
# Side-by-side ForceAtlas2 timing: graphology (node) and `knowmap layout` on
# the same generated graphs. Installs graphology into a temporary folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
cp "$here/compare.mjs" "$work/"
(cd "$work" && npm init -y >/dev/null && npm install --silent graphology@0.25 graphology-layout-forceatlas2@0.10)
knowmap=${KNOWMAP:-"$here/../../target/release/knowmap"}
for n in 1000 5000 10000; do
  (cd "$work" && node compare.mjs "$n" 20 "edges-$n.csv")
  "$knowmap" layout "$work/edges-$n.csv" --iterations 20 --out /dev/null
done
