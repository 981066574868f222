#!/usr/bin/env bash
# Installs Debian's Chromium and a few fonts for the browser tests (tests/browser/), with
# apt-get, when they are missing. Quiet and quick when they are there already.
# Playwright drives this Chromium (/usr/bin/chromium); it never downloads a browser of its own.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
for pkg in fonts-liberation fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_browser: ${need[*]} missing and apt-get is not here; install Chromium yourself (CHROMIUM=/path/to/chromium)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install_browser: installing ${need[*]} with apt-get (once)" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
chromium --version >&2
