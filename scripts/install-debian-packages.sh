#!/usr/bin/env bash
# Installs Debian packages that are not installed yet; the one place the install scripts share.
#   bash scripts/install-debian-packages.sh LABEL PACKAGE...
# Idempotent: does nothing when every package is already installed. As root it installs; otherwise it uses sudo,
# and never waits for a password when unattended (no terminal: the server or ./vaani test running it).
set -euo pipefail

label="$1"
shift
missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "$label: already installed: $*"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
  [ -t 0 ] || sudo="sudo -n"
fi
echo "$label: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "$label: installed ${missing[*]}"
