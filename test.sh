#!/usr/bin/env bash
# Runs every test: unit, codec and property tests, drivers against the wire-level simulators,
# and the headless TestFX suite (Monocle, no display needed). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-debian.sh test
exec mvn -B verify "$@"
