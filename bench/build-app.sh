#!/usr/bin/env bash
# Usage: bench/build-app.sh DIR
# Production build of the committed code (git HEAD) in DIR, outside the working tree, so that other
# `next build` runs in ./.next (and uncommitted edits) cannot change the server being measured.
# Rebuilds only when HEAD changed since the last build there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
dir=$1
head=$(git rev-parse HEAD)
if [ -s "$dir/.next/BUILD_ID" ] && [ "$(cat "$dir/.bench-head" 2>/dev/null)" = "$head" ]; then
  echo "bench: server build of $head is up to date in $dir" >&2
  exit 0
fi
rm -rf "$dir" && mkdir -p "$dir"
git archive HEAD | tar -x -C "$dir"
# Turbopack refuses a node_modules symlinked from outside the project root: hard links cost no space.
cp -al "$PWD/node_modules" "$dir/node_modules"
echo "bench: building $head in $dir (scripts/build-app.sh)…" >&2
(cd "$dir" && NEXT_TELEMETRY_DISABLED=1 bash scripts/build-app.sh >"$dir/build.log" 2>&1) || { tail -40 "$dir/build.log" >&2; exit 1; }
echo "$head" >"$dir/.bench-head"
