#!/usr/bin/env bash
# Installs Debian's redis-server and nginx-light, with apt-get, when they are missing: the
# conversation tests' second run (PostgreSQL + Redis, tests/conversation/conftest.py) starts
# its own redis-server on a free port, and the smoke run of the production profile
# (scripts/stack_smoke.py, through scripts/prod_local.sh) needs nginx too. Quiet and quick
# when they are there already. No service is started here (the tests start their own).
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ ${#need[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_stack: ${need[*]} missing and apt-get is not here; install them yourself" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install_stack: installing ${need[*]} with apt-get (once)" >&2
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d 101: Debian does not start the packaged services while installing
if [ ! -e /usr/sbin/policy-rc.d ] && [ -z "$sudo" ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
command -v redis-server >&2
