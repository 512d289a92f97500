#!/usr/bin/env bash
# Usage: build-app.sh [--assets-only]
# The production build, the same steps for the tests, the demo, the benchmark and the Dockerfile:
# `next build` (output: "standalone") and then what Next leaves out of .next/standalone: the static
# assets and public/. --assets-only copies those again for the last build. Builds; starts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
export NEXT_TELEMETRY_DISABLED=1
if [ "${1:-}" != "--assets-only" ]; then node scripts/build-cli.mjs && npx next build; fi
[ -f .next/standalone/server.js ] || { echo "build-app: no .next/standalone/server.js (is output: \"standalone\" set?)" >&2; exit 1; }
rm -rf .next/standalone/.next/static .next/standalone/public
cp -a .next/static .next/standalone/.next/static
if [ -d public ]; then cp -a public .next/standalone/public; fi
cp .next/BUILD_ID .next/standalone/.next/static/.assets-of-build
