#!/usr/bin/env bash
# Starts Statehouse on the embedded default: a local S3 + DynamoDB (moto) seeded with a
# realistic estate, and the production build of the dashboard on http://127.0.0.1:${PORT:-3000} (the URL is printed on start).
# Ctrl-C stops both. Says what it is doing at each step: a first start on a fresh clone installs
# Node 24, the npm packages and moto, and builds the dashboard (a few minutes); a later start skips
# whatever is unchanged (setup's stamps, and the build's stamp below), so it takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
step() { echo "demo: $*" >&2; }
started=$(date +%s)

step "[1/4] installing what is missing (Node 24, npm packages, moto; skipped when unchanged)…"
# The demo needs neither the browser tests' chromium/nginx nor OpenTofu (built from source: the slow part of a full setup).
STATEHOUSE_SKIP_BROWSER=1 STATEHOUSE_SKIP_TOFU=1 bash scripts/setup.sh
source scripts/node-env.sh

# The build's stamp: every file `next build` reads (tracked or not, committed or not), so an unchanged tree is not built again.
build_inputs() {
  git ls-files -z --cached --others --exclude-standard -- app components lib public auth.ts proxy.ts instrumentation.ts \
    next.config.mjs postcss.config.mjs tsconfig.json package.json package-lock.json scripts/build-app.sh scripts/build-cli.mjs |
    grep -zv '\.test\.ts$' | sort -z | xargs -0 sha256sum 2>/dev/null | sha256sum | cut -c1-16
}
if [ "${STATEHOUSE_SKIP_BUILD:-}" = "1" ]; then
  step "[2/4] build skipped (STATEHOUSE_SKIP_BUILD=1)"
else
  mkdir -p .stamps
  stamp=$(build_inputs)
  if [ -f .next/standalone/server.js ] && [ "$(cat .stamps/app 2>/dev/null)" = "$stamp" ] &&
    [ "$(cat .next/standalone/.next/static/.assets-of-build 2>/dev/null)" = "$(cat .next/BUILD_ID 2>/dev/null)" ]; then
    step "[2/4] the dashboard's build is up to date (sources unchanged since the last build): not building"
  else
    step "[2/4] building the dashboard (next build, standalone): a few minutes on a first start, its output follows…"
    rm -f .stamps/app
    bash scripts/build-app.sh
    echo "$stamp" > .stamps/app
  fi
fi
step "[3/4] starting a local S3 + DynamoDB (moto) ($(($(date +%s) - started)) s so far)…"
step "[4/4] seeding the demo estate, then serving the dashboard…"
exec scripts/with-moto.sh ${MOTO_PORT:+--port "$MOTO_PORT"} bash scripts/serve-demo.sh "${PORT:-3000}"
