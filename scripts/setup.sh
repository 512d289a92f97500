#!/usr/bin/env bash
# Installs everything Statehouse needs on a fresh machine; fast when nothing changed.
#  - npm packages (npm install: a lockfile made on one platform lacks other platforms' binaries, so no `npm ci`)
#  - moto[server] into the project-local virtualenv .venv (the local S3 + DynamoDB)
#  - the compiled `statehouse` command (dist/cli), rebuilt only when its sources changed
#  - Debian's chromium for the browser tests, when running as root and it is missing
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .stamps

hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

npm_hash=$(hash_of package.json package-lock.json)
if [ ! -d node_modules ] || [ "$(cat .stamps/npm 2>/dev/null)" != "$npm_hash" ]; then
  echo "setup: npm install" >&2
  npm install --no-audit --no-fund --loglevel=error
  hash_of package.json package-lock.json > .stamps/npm
fi

# The CLI bundle: stamped by every file that can change what esbuild writes.
cli_hash=$(git ls-files -z lib scripts/build-cli.mjs package-lock.json tsconfig.json 2>/dev/null | xargs -0 cat 2>/dev/null | sha256sum | cut -c1-16)
if [ ! -f dist/cli/statehouse.mjs ] || [ "$(cat .stamps/cli 2>/dev/null)" != "$cli_hash" ]; then
  echo "setup: build the statehouse command (dist/cli)" >&2
  node scripts/build-cli.mjs
  echo "$cli_hash" > .stamps/cli
fi

PY=${PYTHON:-python3}
py_hash=$(hash_of requirements-dev.txt)
if [ ! -x .venv/bin/moto_server ] || [ "$(cat .stamps/venv 2>/dev/null)" != "$py_hash" ]; then
  echo "setup: python venv with moto[server]" >&2
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  echo "$py_hash" > .stamps/venv
fi

if [ "${STATEHOUSE_SKIP_BROWSER:-}" != "1" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "setup: apt-get install chromium" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing and this is not root: install Debian's chromium package for the browser tests" >&2
  fi
fi
