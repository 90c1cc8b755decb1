#!/usr/bin/env bash
# Installs the Debian packages that offline speech needs: PocketSphinx and its US English model (recognition), and
# espeak-ng, whose Hindi voice speaks Hindi replies offline (FreeTTS, from Maven Central, has only English voices).
# The JNA binding and FreeTTS come from Maven Central and need nothing here.
set -euo pipefail
exec bash "$(dirname "$0")/install-debian-packages.sh" "offline speech" libpocketsphinx3 pocketsphinx-en-us espeak-ng
