#!/usr/bin/env bash
# Sets up what is needed and starts the kiosk on simulated hardware (the embedded default):
# both screens, with the simulated ID-card reader and its control API on 127.0.0.1.
# Extra arguments go to the kiosk, e.g. ./run-kiosk.sh --idle.timeout=120
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-debian.sh run
mvn -B -q -DskipTests package
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'TXT'
No display (DISPLAY is not set): the kiosk needs a screen.
Run it in a virtual display instead:
    xvfb-run -n 99 -s "-screen 0 2560x1000x24 -ac" ./run-kiosk.sh
and look at it with, for example:
    DISPLAY=:99 import -window root shot.png      (from another shell)
TXT
  exit 3
fi
echo "Simulator control: http://127.0.0.1:7080  (or: bin/dxe sim-ctl place zhang-wei | remove | list)" >&2
exec bin/dxe kiosk "$@"
