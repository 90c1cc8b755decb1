#!/usr/bin/env bash
# Installs Debian's Redis server (Redis 7 on Debian 12/13), which Vaani starts as its embedded Redis when no
# REDIS_URL is set; without it Vaani falls back to an older bundled Redis binary.
# Idempotent: does nothing when the package is already installed.
set -euo pipefail

if command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ]; then
  echo "redis: already installed: $(/usr/bin/redis-server --version 2>/dev/null || redis-server --version)"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo -n"
fi
echo "redis: installing redis-server"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends redis-server
# Debian starts a system-wide instance on :6379; Vaani does not use it (it starts its own on a free port).
echo "redis: installed $(redis-server --version)"
