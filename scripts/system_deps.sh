#!/usr/bin/env bash
# System packages the test suite needs (Debian's chromium for the browser tests, postgresql
# for the migration tests and the conversation tests' second run, redis-server for that run,
# nginx-light for the production profile's smoke run), installed by their own scripts when missing. CI starts on a
# machine without them; on a developer's machine with them this is quick and quiet.
set -euo pipefail
cd "$(dirname "$0")"
for s in install_browser.sh install_postgres.sh install_stack.sh; do
  if [ -f "$s" ]; then bash "$s"; fi
done
