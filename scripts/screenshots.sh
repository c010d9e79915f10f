#!/usr/bin/env bash
# Takes the screenshots in docs/ from the real app under Xvfb: attract and greeting, citizen and
# staff screens, Chinese and English. Needs a build (mvn -DskipTests package) and the run packages.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
mkdir -p "$out"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 2560x900x24" "$0" "$@"
fi
ctl() { bin/dxe sim-ctl --control http://127.0.0.1:7180 "$@" >/dev/null; }
# One screen of 2560x900: the citizen window sits at 0,0 (1280x800), the staff window at the right.
bin/dxe kiosk --sim.idcard.port=7101 --sim.control.port=7180 --idle.timeout=30 --idle.countdown=15 >/tmp/dxe-screenshots.log 2>&1 &
kiosk=$!
trap 'kill $kiosk 2>/dev/null || true' EXIT
for _ in $(seq 60); do ctl status 2>/dev/null && break; sleep 0.5; done
sleep 4
shoot() { import -window root -crop 1280x800+0+0 +repage "$out/$1-citizen.png"; import -window root -crop 1280x800+1280+60 +repage "$out/$1-staff.png"; }
shoot attract
ctl place wang-fang; sleep 2
shoot greeting
ctl remove; sleep 2
ctl place chen-jianguo; sleep 2
shoot expired-card
ctl remove; sleep 1
ctl place chan-tai-man; sleep 2
shoot greeting-hk-permit
sleep 15
shoot idle-countdown
ctl remove; sleep 2
# the document camera: a form on the desk, the citizen presses 拍摄材料 then 拍照
bin/dxe sim-ctl --control http://127.0.0.1:7180 camera-show document form-m20-gradient >/dev/null || true
ctl place zhang-wei; sleep 2
shoot greeting-with-photo
xdotool mousemove 510 728 click 1; sleep 3
shoot document-preview
xdotool mousemove 520 740 click 1; sleep 4
shoot document-checked
ctl remove; sleep 2
# English: touch the language button of the citizen screen (top right of the 1280x800 window)
xdotool mousemove 1175 54 click 1; sleep 1
ctl place emma-mueller; sleep 2
shoot greeting-english
ctl remove; sleep 1
echo "screenshots written to $out" >&2
