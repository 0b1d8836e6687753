#!/usr/bin/env bash
# Integration tests start a real redis-server (PostgreSQL comes from the embedded-postgres package).
# On Debian as root we install it when missing; elsewhere we say what to install.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "redis-server missing: installing Debian's redis-server" >&2
  (apt-get install -y redis-server >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y redis-server >/dev/null; })
  exit 0
fi
echo "redis-server is not installed; integration tests need it (Debian: apt-get install -y redis-server)" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
