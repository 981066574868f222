#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries (initdb, pg_ctl, postgres) for the migration
# tests (tests/unit/test_migrations.py), with apt-get, when they are missing. Quiet and quick
# when they are there already. The tests start their own throwaway server on a free port in
# a temporary folder; no cluster is created or started here (the package's own cluster, if
# Debian makes one, is not used).
set -euo pipefail

found() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}
found && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_postgres: PostgreSQL is missing and apt-get is not here; install the PostgreSQL server" \
       "(initdb, pg_ctl) yourself, or put its bin folder on PATH" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install_postgres: installing postgresql with apt-get (once)" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
# policy-rc.d 101: do not start the packaged cluster's service while installing
if [ ! -e /usr/sbin/policy-rc.d ] && [ -z "$sudo" ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
$sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
found || { echo "install_postgres: postgresql was installed but initdb was not found" >&2; exit 1; }
ls -d /usr/lib/postgresql/*/bin >&2
