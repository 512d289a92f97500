#!/usr/bin/env bash
# Usage: npm run bench   (bash scripts/bench.sh)
# The benchmark: starts a local S3 + DynamoDB (moto), seeds the scale scenario (generated data
# cached in .bench/data), measures lib/, the diff, and the production server + browser, prints a
# table and writes .bench/results.json. See docs/PERFORMANCE.md.
# Env: BENCH_RUNS (default 5); BENCH_SKIP_SERVER=1 skips the server/browser figures (and the build);
# BENCH_LOAD=1 adds the load run (two replicas behind nginx, 50 users for 60 s), BENCH_LOAD=only runs just it;
# BENCH_SIGNIN_FLOOD=1 adds the sign-in flood figures (bench/sign-in-flood.ts);
# BENCH_APP_DIR (default /tmp/statehouse-bench-app): where git HEAD is built (scripts/build-app.sh),
# outside the working tree so that concurrent builds in ./.next cannot disturb the measured server.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/setup.sh
source scripts/node-env.sh
if [ "${BENCH_SKIP_SERVER:-}" = "1" ]; then
  unset BENCH_APP_DIR
else
  export BENCH_APP_DIR=${BENCH_APP_DIR:-/tmp/statehouse-bench-app}
  bash bench/build-app.sh "$BENCH_APP_DIR"
fi
# tsconfig.plain-node.json maps lib/'s server-only markers to an empty module (also for the child processes).
export TSX_TSCONFIG_PATH=tsconfig.plain-node.json
exec scripts/with-moto.sh node --import tsx bench/main.ts
