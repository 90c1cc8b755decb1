#!/usr/bin/env bash
# Installs the Debian packages that offline speech recognition needs (PocketSphinx and its US English model).
# Offline synthesis (FreeTTS) and the JNA binding come from Maven Central and need nothing here.
# Idempotent: does nothing when the packages are already installed.
set -euo pipefail

packages=(libpocketsphinx3 pocketsphinx-en-us)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "offline speech: already installed: ${packages[*]}"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
  # Unattended (the server runs this in the background): never wait for a password.
  [ -t 0 ] || sudo="sudo -n"
fi
echo "offline speech: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "offline speech: installed ${missing[*]}"
