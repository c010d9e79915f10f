#!/usr/bin/env bash
# Installs the Debian packages the kiosk needs, only those missing (idempotent).
#   scripts/setup-debian.sh run    what running the kiosk needs (GTK for JavaFX windows, CJK fonts, Xvfb)
#   scripts/setup-debian.sh test   what the test suite needs (CJK fonts, socat for serial-port tests, pcscd + vpcd +
#                                  iproute2 for the chip-passport tests through PC/SC,
#                                  PostgreSQL for the intake server's PostgreSQL tests, procps for kill -STOP)
set -euo pipefail
what="${1:-run}"
case "$what" in
  run)  pkgs=(libgtk-3-0 libgl1 libxtst6 libxxf86vm1 fonts-noto-cjk xvfb xauth x11-utils xdotool imagemagick socat
              pcscd libpcsclite1 vsmartcard-vpcd iproute2) ;;
  test) pkgs=(fonts-noto-cjk socat pcscd libpcsclite1 vsmartcard-vpcd iproute2 postgresql procps) ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is missing: install JDK 17 and Maven (apt-get install openjdk-17-jdk maven)" >&2; exit 1; }
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# vsmartcard-vpcd installs a system-wide reader config that makes the system pcscd listen for virtual cards on
# TCP port 35963 of every interface. The kiosk's tests and simulator bring their own copy and run it only inside a
# loopback-only network namespace (PcscSandbox), so the system-wide file is removed after installing.
disable_system_vpcd() {
  if [ -f /etc/reader.conf.d/vpcd ]; then
    echo "setup: removing /etc/reader.conf.d/vpcd (vpcd must not listen outside the test namespace)" >&2
    $sudo rm -f /etc/reader.conf.d/vpcd
  fi
}
sudo=""
if [ ${#missing[@]} -eq 0 ]; then
  [ "$(id -u)" -eq 0 ] && disable_system_vpcd
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "setup: not a Debian system; install the equivalents of: ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: need root to install: ${missing[*]} (run: su -c 'apt-get install ${missing[*]}')" >&2; exit 1
  fi
fi
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
disable_system_vpcd
