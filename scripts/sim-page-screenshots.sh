#!/usr/bin/env bash
# Screenshots of the simulator's own web pages (the locker cabinet, the scanner) for docs/: starts
# the simulator on spare ports, puts the cabinet in a demo state through sim-ctl, opens one door
# through the technicians' tool, and renders each page with headless Chromium. Needs a build
# (mvn -B -q -pl kiosk-app -am package -DskipTests) and Debian's chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
mkdir -p "$out"
command -v chromium >/dev/null || { echo "sim-page-screenshots: needs chromium (apt-get install chromium)" >&2; exit 1; }
control=http://127.0.0.1:7280
ctl() { bin/dxe sim-ctl --control "$control" "$@" >/dev/null; }
bin/dxe sim --idcard-port 7201 --scanner-port 7202 --locker-port 7203 --control-port 7280 >/tmp/dxe-sim-pages.log 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 60); do ctl locker 2>/dev/null && break; sleep 0.5; done
# a cabinet in use: documents waiting in 2, 5 and 14; door 7 open with a document going in; 11 stuck
for n in 2 5 14; do ctl locker-door $n open; ctl locker-item $n put; ctl locker-door $n close; done
bin/dxe locker-open --port tcp://127.0.0.1:7203 --board 1 --lock 7 >/dev/null 2>&1
ctl locker-item 7 put
ctl locker-stuck 11 on
bin/dxe locker-open --port tcp://127.0.0.1:7203 --board 1 --lock 11 >/dev/null 2>&1 || true
bin/dxe locker-status --port tcp://127.0.0.1:7203 --bus 1:12p,2:12p >/dev/null 2>&1
shoot() {
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=3000 \
    --window-size="$2" --screenshot="$out/$1.png" "$control/$3" >/dev/null 2>&1
}
shoot sim-locker 1100,1180 locker
shoot sim-scanner 1100,700 scanner
echo "screenshots written to $out" >&2
