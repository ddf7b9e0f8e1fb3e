#!/usr/bin/env bash
# Installs the Debian packages the test suite drives: chromium (browser tests)
# and a PostgreSQL server (the PostgreSQL backend's tests start their own).
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "error: the tests need ${need[*]}; install them as root (apt-get install ${need[*]})" >&2
        exit 1
    fi
    sudo="sudo"
fi
echo "installing ${need[*]} (Debian packages) ..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
