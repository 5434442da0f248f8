#!/usr/bin/env bash
# Debian packages the app and its tests need: Qt's runtime libraries (for offscreen and Xvfb
# windows), poppler-utils (pdftotext/pdftoppm/pdfinfo), zbar-tools (QR decoding in tests), xvfb,
# Chromium (the supervisor web's browser tests, driven by Playwright) with CJK fonts,
# and PostgreSQL (the county center's tests run on SQLite and on a real PostgreSQL: they start
# their own throwaway cluster from /usr/lib/postgresql/*/bin; pg_dump/pg_restore for backups).
# Installs them when running as root and any is missing; otherwise says what to install.
set -euo pipefail

packages=(
  poppler-utils zbar-tools xvfb xauth sqlite3 desktop-file-utils
  libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libglib2.0-0
  postgresql postgresql-client
  chromium fonts-noto-cjk
)

command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system, skipping"; exit 0; }

installed() {
  # the package itself, or for postgresql* a versioned one (postgresql-client-15 gives pg_dump)
  local names=("$1")
  [[ "$1" == postgresql* ]] && names+=("$1-[0-9]*")
  { dpkg-query -W -f='${Status}\n' "${names[@]}" 2>/dev/null || true; } | grep -q "install ok installed"
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: please install: sudo apt-get install -y ${missing[*]}" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes

# The postgresql package would start its own cluster (port 5432); the tests need none of it and
# a container has no init system to run it. While installing, a policy-rc.d that refuses every
# service start keeps it stopped (Debian's documented switch, honoured by invoke-rc.d and
# deb-systemd-invoke); one the machine already has is left as it is.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# written by system-deps.sh while it installs packages\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  own_policy=1
fi
cleanup() { if [ "$own_policy" -eq 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
