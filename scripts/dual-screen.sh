#!/usr/bin/env bash
# Runs the kiosk on TWO virtual screens (Xorg dummy driver, two 1920x1080 outputs side by side), the
# way a real terminal has them, and takes a screenshot of both: docs/screenshots/dual-screen.png.
# Xvfb cannot do this (JavaFX sees one Screen there); see ../shared/design/stack.md.
# Needs: xserver-xorg-video-dummy x11-xserver-utils imagemagick (installed if missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
for p in xserver-xorg-video-dummy x11-xserver-utils imagemagick; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
display=":77"
conf="$(mktemp -d)/xorg.conf"
cat > "$conf" <<'CONF'
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Monitor"
  Identifier "m0"
  HorizSync 5.0 - 1000.0
  VertRefresh 5.0 - 200.0
  Modeline "1920x1080" 148.50 1920 2008 2052 2200 1080 1084 1089 1125 +Hsync +Vsync
EndSection
Section "Screen"
  Identifier "s0"
  Device "dummy"
  Monitor "m0"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual 3840 1080
  EndSubSection
EndSection
CONF
Xorg "$display" -config "$conf" -noreset -nolisten tcp -ac -logfile /tmp/dxe-xorg.log >/dev/null 2>&1 &
xorg=$!
trap 'kill $kiosk $xorg 2>/dev/null || true' EXIT
kiosk=""
for _ in $(seq 40); do DISPLAY=$display xrandr >/dev/null 2>&1 && break; sleep 0.25; done
export DISPLAY=$display
xrandr --output DUMMY0 --mode 1920x1080 --pos 0x0 --primary
xrandr --addmode DUMMY1 1920x1080
xrandr --output DUMMY1 --mode 1920x1080 --right-of DUMMY0
xrandr --listmonitors
bin/dxe kiosk --sim.idcard.port=7201 --sim.control.port=7280 >/tmp/dxe-dual.log 2>&1 &
kiosk=$!
for _ in $(seq 60); do bin/dxe sim-ctl --control http://127.0.0.1:7280 status >/dev/null 2>&1 && break; sleep 0.5; done
sleep 5
bin/dxe sim-ctl --control http://127.0.0.1:7280 place zhang-wei >/dev/null
sleep 3
mkdir -p docs/screenshots
import -window root -resize 50% docs/screenshots/dual-screen.png
echo "docs/screenshots/dual-screen.png: left = citizen screen (DUMMY0), right = staff screen (DUMMY1)" >&2
