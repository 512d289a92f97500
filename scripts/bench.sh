#!/usr/bin/env bash
# Usage: npm run bench   (bash scripts/bench.sh)
# The benchmark: starts a local S3 + DynamoDB (moto), seeds the scale scenario (generated data
# cached in .bench/data), measures lib/, the diff, and the production server + browser, prints a
# table and writes .bench/results.json. See docs/PERFORMANCE.md.
# Env: BENCH_RUNS (default 5); BENCH_SKIP_SERVER=1 skips the server/browser figures (and the build);
# BENCH_SIGNIN_FLOOD=1 adds the sign-in flood figures (bench/sign-in-flood.ts);
# BENCH_APP_DIR (default /tmp/statehouse-bench-app): where git HEAD is built with `next build`,
# outside the working tree so that concurrent builds in ./.next cannot disturb the measured server.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
bash scripts/setup.sh
if [ "${BENCH_SKIP_SERVER:-}" = "1" ]; then
  unset BENCH_APP_DIR
else
  export BENCH_APP_DIR=${BENCH_APP_DIR:-/tmp/statehouse-bench-app}
  bash bench/build-app.sh "$BENCH_APP_DIR"
fi
exec scripts/with-moto.sh node --conditions=react-server --import tsx bench/main.ts
