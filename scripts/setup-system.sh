#!/usr/bin/env bash
# Installs the Debian packages the tests need (pty pairs, MQTT broker, databases, browser, fonts, keychain,
# the independent DXF reader used for ground truth, PDF text extraction). `npm test` runs this with --check first
# and installs only what is missing. As root it runs apt-get; otherwise it prints the exact command and stops.
set -euo pipefail

PACKAGES=(socat mosquitto mosquitto-clients postgresql redis-server chromium fonts-liberation fonts-dejavu-core
  libsecret-1-dev gnome-keyring dbus dbus-x11 python3-ezdxf poppler-utils oathtool)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done

if [ ${#missing[@]} -eq 0 ]; then
  [ "${1:-}" = "--quiet" ] || echo "setup:system: all test packages are installed."
  exit 0
fi

cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "setup:system: missing Debian packages: ${missing[*]}" >&2
  echo "Run as root:  sudo sh -c '$cmd'" >&2
  exit 1
fi
echo "setup:system: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup:system: done."
