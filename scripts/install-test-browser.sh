#!/usr/bin/env bash
# Installs the headless browser the console's browser tests drive: Debian's Chromium and its matching ChromeDriver.
# Selenium (from Maven Central) is pointed at /usr/bin/chromium and /usr/bin/chromedriver and never downloads one.
# Only the tests need this; the server and the console itself need nothing from Debian.
# Idempotent: does nothing when the packages are already installed.
set -euo pipefail

packages=(chromium chromium-driver)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test browser: already installed: ${packages[*]}"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo -n"
fi
echo "test browser: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "test browser: installed ${missing[*]}"
