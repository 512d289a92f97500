#!/usr/bin/env bash
# Installs everything Statehouse needs on a fresh machine; fast when nothing changed.
#  - Node 24 from the npm registry (the `node` package ships the real binary) into .node/ when the
#    machine's node is older; scripts/node-env.sh puts it first on PATH for every script
#  - npm packages (npm install: a lockfile made on one platform lacks other platforms' binaries, so no `npm ci`)
#  - moto[server] into the project-local virtualenv .venv (the local S3 + DynamoDB)
#  - the compiled `statehouse` command (dist/cli), rebuilt only when its sources changed
#  - Debian's chromium (browser tests) and nginx (the two-replica test's load balancer), when running as root and missing
#  - OpenTofu built from source into .tools/ (scripts/build-tofu.sh), for the state encryption tests
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .stamps

hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

NODE_VERSION=24.21.0
node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ] && { [ ! -x .node/node_modules/.bin/node ] || [ "$(cat .stamps/node 2>/dev/null)" != "$NODE_VERSION" ]; }; then
  echo "setup: node@$NODE_VERSION into .node/ (the machine's node is $(node --version 2>/dev/null || echo missing))" >&2
  rm -rf .node
  npm install --prefix .node --no-audit --no-fund --loglevel=error "node@$NODE_VERSION"
  [ "$(node_major .node/node_modules/.bin/node)" -ge 24 ] || { echo "setup: .node/ holds no Node 24" >&2; exit 1; }
  echo "$NODE_VERSION" > .stamps/node
fi
source scripts/node-env.sh

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

apt_updated=""
debian_package() { # PACKAGE BINARY WHY
  [ -x "$2" ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "setup: apt-get install $1" >&2
    export DEBIAN_FRONTEND=noninteractive
    [ -n "$apt_updated" ] || { apt-get update -qq >/dev/null; apt_updated=1; }
    apt-get install -y -qq "$1" >/dev/null
  else
    echo "setup: $2 is missing and this is not root: install Debian's $1 package for $3" >&2
  fi
}
if [ "${STATEHOUSE_SKIP_BROWSER:-}" != "1" ]; then
  debian_package chromium /usr/bin/chromium "the browser tests"
  debian_package nginx /usr/sbin/nginx "the two-replica test"
fi

# Real OpenTofu for the state encryption tests (built once per version into .tools/, reused after).
if [ "${STATEHOUSE_SKIP_TOFU:-}" != "1" ]; then
  bash scripts/build-tofu.sh >/dev/null || { echo "setup: could not build OpenTofu (scripts/build-tofu.sh); the encryption tests need it" >&2; exit 1; }
fi
