#!/usr/bin/env bash
# Builds the OpenTofu CLI the encryption tests run against, once per version, into .tools/tofu-<version>/tofu
# (ignored by git). `go install` refuses OpenTofu (its go.mod has replace directives), so the module
# source is copied out of Go's module cache and built in place. Prints the binary's path on stdout.
# Never touches anything outside .tools/ except Go's own module and build caches.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${TOFU_VERSION:-1.12.6}
dest=".tools/tofu-$version"
bin="$dest/tofu"
stamp="$dest/.stamp"

if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  echo "$PWD/$bin"
  exit 0
fi
command -v go >/dev/null || { echo "build-tofu: go is not installed; the OpenTofu encryption tests need it to build tofu $version" >&2; exit 1; }

echo "build-tofu: building OpenTofu $version (first time only; several minutes on a cold Go build cache)" >&2
src_dir=$(go mod download -json "github.com/opentofu/opentofu@v$version" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("Dir") or sys.exit(d.get("Error","no Dir in go mod download output")))')
work="$dest/src"
rm -rf "$work" && mkdir -p "$dest"
cp -r "$src_dir" "$work"
# The module cache is read-only; the build writes nothing into the source, but go wants to own it.
chmod -R u+w "$work"
(cd "$work" && go build -o ../tofu.tmp ./cmd/tofu)
mv "$dest/tofu.tmp" "$bin"
rm -rf "$work"
"$bin" version >/dev/null
echo "$version" > "$stamp"
echo "$PWD/$bin"
