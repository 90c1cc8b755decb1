#!/usr/bin/env bash
# Installs the headless browser the console's browser tests drive: Debian's Chromium and its matching ChromeDriver.
# Selenium (from Maven Central) is pointed at /usr/bin/chromium and /usr/bin/chromedriver and never downloads one.
# Only the tests need this; the server and the console itself need nothing from Debian.
set -euo pipefail
exec bash "$(dirname "$0")/install-debian-packages.sh" "test browser" chromium chromium-driver
