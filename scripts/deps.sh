#!/bin/sh
# Installs what pendamping needs to build, run and test on Debian 12: apt packages when run as root,
# otherwise the exact apt-get line to run. Then the npm packages of the test suite (with "test").
# With "bench": also what the benchmarks run (make bench): wrk for load, the sqlite3 shell for the
# import baseline.
set -eu
cd "$(dirname "$0")/.."

want="gcc make meson ninja-build pkg-config python3 libmicrohttpd-dev libsqlite3-dev libjansson-dev libsodium-dev zlib1g-dev"
if [ "${1:-}" = "test" ]; then
  want="$want libcmocka-dev chromium sqlite3 faketime"
fi
if [ "${1:-}" = "bench" ]; then
  want="$want wrk sqlite3"
fi

missing=""
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
# Node.js (18 or newer) may come from Debian or elsewhere; npm ships with some builds of it.
if [ "${1:-}" = "test" ]; then
  command -v node >/dev/null 2>&1 || missing="$missing nodejs"
  command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi

if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "deps: installing$missing"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "deps: missing packages. Run:"
    echo "  sudo apt-get install -y$missing"
    exit 1
  fi
fi

if [ "${1:-}" = "test" ]; then
  if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "deps: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
