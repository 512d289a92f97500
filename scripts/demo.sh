#!/usr/bin/env bash
# Starts Statehouse on the embedded default: a local S3 + DynamoDB (moto) seeded with a
# realistic estate, and the production build of the dashboard on http://127.0.0.1:${PORT:-3000} (the URL is printed on start).
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/setup.sh
source scripts/node-env.sh
if [ "${STATEHOUSE_SKIP_BUILD:-}" != "1" ]; then bash scripts/build-app.sh; fi
exec scripts/with-moto.sh ${MOTO_PORT:+--port "$MOTO_PORT"} bash scripts/serve-demo.sh "${PORT:-3000}"
