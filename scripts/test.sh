#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is missing, then lint, typecheck,
# unit/integration tests against a local S3 + DynamoDB, the production build, and the
# Playwright e2e suite in Debian's chromium. Every stage runs; the exit status is non-zero
# if any failed. Ends with a "N passed, N failed" line counting vitest + playwright tests.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export npm_config_update_notifier=false

bash scripts/setup.sh || { echo "setup failed" >&2; exit 1; }
source scripts/node-env.sh
rm -rf .test-results && mkdir -p .test-results

failed=()
stage() {
  local name=$1; shift
  echo "=== $name: $*"
  local t0=$SECONDS
  if "$@"; then echo "=== $name: ok ($((SECONDS - t0))s)"; else echo "=== $name: FAILED ($((SECONDS - t0))s)"; failed+=("$name"); fi
}

stage lint npx eslint --max-warnings=0 .
stage typecheck npx tsc --noEmit -p .
stage unit scripts/with-moto.sh npx vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json
stage build bash scripts/build-app.sh
# A second build, for Statehouse under a path prefix (Next's basePath is build-time): e2e/base-path.spec.ts serves it.
export STATEHOUSE_PREFIXED_APP_DIR=${STATEHOUSE_PREFIXED_APP_DIR:-/tmp/statehouse-prefixed-app}
stage build-prefixed bash scripts/build-prefixed.sh "$STATEHOUSE_PREFIXED_APP_DIR" /statehouse
if [[ " ${failed[*]} " == *" build "* ]]; then
  echo "=== e2e: skipped (build failed)"
  failed+=("e2e")
else
  stage e2e scripts/with-moto.sh npx playwright test
fi

node scripts/test-summary.mjs .test-results/vitest.json .test-results/playwright.json
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed stages: ${failed[*]}"
  exit 1
fi
