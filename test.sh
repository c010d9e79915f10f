#!/usr/bin/env bash
# Runs every test: unit, codec and property tests, drivers against the wire-level simulators,
# and the headless TestFX suite (Monocle, no display needed). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-debian.sh test
mvn -B verify "$@"
# The launch scripts are part of the product: they must at least parse, and dxe must reach its Java side.
for f in bin/dxe run-kiosk.sh scripts/*.sh .ci/run; do bash -n "$f"; done
set +e
bin/dxe read-idcard >/dev/null 2>&1; code=$?
set -e
[ "$code" -eq 2 ] || { echo "bin/dxe read-idcard without arguments should exit 2 (usage), got $code" >&2; exit 1; }
echo "launch scripts: OK"
