#!/usr/bin/env bash
# Installs Debian's Redis server (Redis 7 on Debian 12/13), which Vaani starts as its embedded Redis when no
# REDIS_URL is set; without it Vaani falls back to an older bundled Redis binary. (Debian also starts a system-wide
# instance on :6379; Vaani does not use it: it starts its own on a free loopback port with a password.)
set -euo pipefail
exec bash "$(dirname "$0")/install-debian-packages.sh" "redis" redis-server
