#!/usr/bin/env bash
# Usage: serve-standalone.sh PORT   (after scripts/build-app.sh or `npx next build`; STATEHOUSE_CONFIG and NEXTAUTH_SECRET set)
# Runs the standalone server of the last build (.next/standalone/server.js) on ${STATEHOUSE_BIND:-127.0.0.1}:PORT,
# the way the container does. Used by the demo, the e2e suite (one server, and two replicas behind nginx)
# and the load run. Serves only; seeds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
port=${1:?usage: serve-standalone.sh PORT}
[ -f .next/standalone/server.js ] || { echo "no .next/standalone/server.js: run scripts/build-app.sh first" >&2; exit 1; }
# A plain `npx next build` leaves the assets out of the standalone folder: copy them for this build.
if [ "$(cat .next/standalone/.next/static/.assets-of-build 2>/dev/null)" != "$(cat .next/BUILD_ID)" ]; then
  bash scripts/build-app.sh --assets-only
fi
# Not $HOSTNAME: bash and container runtimes set it to the machine name.
export NODE_ENV=production HOSTNAME=${STATEHOUSE_BIND:-127.0.0.1} PORT=$port
exec node .next/standalone/server.js
