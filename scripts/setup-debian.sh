#!/usr/bin/env bash
# Installs the Debian packages the kiosk needs, only those missing (idempotent).
#   scripts/setup-debian.sh run    what running the kiosk needs (GTK for JavaFX windows, CJK fonts, Xvfb)
#   scripts/setup-debian.sh test   what the test suite needs (CJK fonts, socat for serial-port tests,
#                                  PostgreSQL for the intake server's PostgreSQL tests, procps for kill -STOP)
set -euo pipefail
what="${1:-run}"
case "$what" in
  run)  pkgs=(libgtk-3-0 libgl1 libxtst6 libxxf86vm1 fonts-noto-cjk xvfb xauth x11-utils imagemagick socat) ;;
  test) pkgs=(fonts-noto-cjk socat postgresql procps) ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is missing: install JDK 17 and Maven (apt-get install openjdk-17-jdk maven)" >&2; exit 1; }
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "setup: not a Debian system; install the equivalents of: ${missing[*]}" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: need root to install: ${missing[*]} (run: su -c 'apt-get install ${missing[*]}')" >&2; exit 1
  fi
fi
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
