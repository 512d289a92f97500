#!/usr/bin/env bash
# Usage (under scripts/with-moto.sh): serve-demo.sh PORT
# Seeds the demo estate into $MOTO_ENDPOINT when it is empty, writes .demo/statehouse.config.json
# (backends + demo users), and runs the standalone server on PORT (serve-standalone.sh). Used by the demo and the e2e suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
port=${1:-3000}
: "${MOTO_ENDPOINT:?run under scripts/with-moto.sh}"
mkdir -p .demo
TSX_TSCONFIG_PATH=tsconfig.plain-node.json node --import tsx scripts/demo-prepare.ts .demo/statehouse.config.json
[ -s .demo/nextauth-secret ] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' > .demo/nextauth-secret
export STATEHOUSE_CONFIG="$PWD/.demo/statehouse.config.json"
# The encrypted demo backend's TF_ENCRYPTION-style settings (demo passphrase), written by demo-prepare.
export STATEHOUSE_DEMO_TF_ENCRYPTION="$(cat .demo/STATEHOUSE_DEMO_TF_ENCRYPTION.json)"
export NEXTAUTH_SECRET="$(cat .demo/nextauth-secret)"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://127.0.0.1:$port}"
# The audit trail and sign-out-everywhere use the default credential chain: point it at the local stack.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
echo "Statehouse demo: $NEXTAUTH_URL  (sign in with one click as the demo admin, operator or viewer)" >&2
exec bash scripts/serve-standalone.sh "$port"
