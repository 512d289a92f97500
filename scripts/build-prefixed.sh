#!/usr/bin/env bash
# Usage: build-prefixed.sh DIR [BASE_PATH]   (BASE_PATH default /statehouse)
# The production build for serving under a path prefix behind a reverse proxy (Next's basePath is fixed at
# build time, so this is a second build): the working tree's files are copied to DIR and built there with
# STATEHOUSE_BASE_PATH, leaving ./.next alone. e2e/base-path.spec.ts serves DIR behind nginx.
# Rebuilds only when the copied sources changed since the last build there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
dir=${1:?usage: build-prefixed.sh DIR [BASE_PATH]}
base=${2:-/statehouse}
# What git would commit (tracked and new, not ignored) is what gets built.
list=$(mktemp)
git ls-files -co --exclude-standard | grep -v '^node_modules/' | sort | while IFS= read -r f; do [ -e "$f" ] || [ -L "$f" ] && echo "$f"; done >"$list" || true
stamp=$( { echo "$base"; tar -c -T "$list" --mtime=@0 --owner=0 --group=0 --sort=name 2>/dev/null | sha1sum; } | sha1sum | cut -c1-40)
if [ -s "$dir/.next/BUILD_ID" ] && [ "$(cat "$dir/.prefixed-stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "build-prefixed: build under $base is up to date in $dir" >&2
  exit 0
fi
rm -rf "$dir" && mkdir -p "$dir"
tar -c -T "$list" | tar -x -C "$dir"
rm -f "$list"
# Turbopack refuses a node_modules symlinked from outside the project root: hard links cost no space.
cp -al "$PWD/node_modules" "$dir/node_modules"
echo "build-prefixed: building under $base in $dir…" >&2
t0=$SECONDS
(cd "$dir" && STATEHOUSE_BASE_PATH="$base" NEXT_TELEMETRY_DISABLED=1 bash scripts/build-app.sh >"$dir/build.log" 2>&1) || { tail -40 "$dir/build.log" >&2; exit 1; }
echo "build-prefixed: done in $((SECONDS - t0)) s" >&2
echo "$stamp" >"$dir/.prefixed-stamp"
