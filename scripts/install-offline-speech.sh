#!/usr/bin/env bash
# Installs the Debian packages that offline speech needs: PocketSphinx and its US English model (recognition), and
# espeak-ng, whose Hindi voice speaks Hindi replies offline (FreeTTS, from Maven Central, has only English voices).
# The JNA binding and FreeTTS come from Maven Central and need nothing here.
# Idempotent: does nothing when the packages are already installed.
set -euo pipefail

packages=(libpocketsphinx3 pocketsphinx-en-us espeak-ng)

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
