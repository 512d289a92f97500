#!/usr/bin/env bash
# Usage: scripts/with-moto.sh [--port N] COMMAND [ARGS...]
# Starts a moto server (S3 + DynamoDB on one loopback port; a free port unless --port is given),
# waits until it answers, runs COMMAND with MOTO_ENDPOINT=http://127.0.0.1:PORT in its environment,
# and stops the server on exit, Ctrl-C or failure. Exits with COMMAND's status.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
port=""
if [ "${1:-}" = "--port" ]; then port=$2; shift 2; fi
if [ -z "$port" ]; then
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
fi
log=${MOTO_LOG:-$(mktemp -t moto.XXXXXX.log)}
# Test-only: the offset of moto's clock, written by testkit's setMotoClockOffset (scripts/moto-server.py).
export MOTO_CLOCK_FILE=$(mktemp -t moto-clock.XXXXXX)
.venv/bin/python scripts/moto-server.py -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto_pid=$!
child=""
cleanup() {
  trap - EXIT INT TERM
  [ -n "$child" ] && kill "$child" 2>/dev/null
  kill "$moto_pid" 2>/dev/null
  wait "$moto_pid" 2>/dev/null
  rm -f "$MOTO_CLOCK_FILE"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
for _ in $(seq 1 150); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/moto-api/data.json" 2>/dev/null; then break; fi
  if ! kill -0 "$moto_pid" 2>/dev/null; then echo "moto server failed to start:" >&2; cat "$log" >&2; exit 1; fi
  sleep 0.1
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/moto-api/data.json" || { echo "moto server did not answer on port $port" >&2; exit 1; }
export MOTO_ENDPOINT="http://127.0.0.1:$port"
echo "moto: S3 + DynamoDB on $MOTO_ENDPOINT (log $log)" >&2
"$@" &
child=$!
wait "$child"
status=$?
child=""
exit $status
