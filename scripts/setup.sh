#!/usr/bin/env bash
# Creates .venv with Python 3.10 and installs the pinned dependencies from requirements.lock.
# Safe to run again: it reinstalls only when requirements.lock changed.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf '\nsetup: ERROR: %s\n\n' "$*" >&2; exit 1; }

is_py310() { [ -n "$1" ] && "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }

find_python() {
  local c v
  # 1. an explicit choice
  if [ -n "${PYTHON:-}" ]; then is_py310 "$PYTHON" && { echo "$PYTHON"; return; }; die "PYTHON=$PYTHON is not a working Python 3.10."; fi
  # 2. python3.10 on PATH (a pyenv shim only works when a 3.10 version is selected, so ask pyenv too)
  for c in python3.10 python3 python; do
    if command -v "$c" >/dev/null 2>&1 && is_py310 "$(command -v "$c")"; then command -v "$c"; return; fi
  done
  # 3. pyenv: a 3.10.x it has installed
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  if command -v pyenv >/dev/null 2>&1; then root="$(pyenv root)"; fi
  for v in $(ls -1 "$root/versions" 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -t. -k3 -n -r); do
    c="$root/versions/$v/bin/python3.10"
    is_py310 "$c" && { echo "$c"; return; }
  done
  # 4. the usual system places
  for c in /usr/bin/python3.10 /usr/local/bin/python3.10; do is_py310 "$c" && { echo "$c"; return; }; done
  return 1
}

PY="$(find_python)" || die "Python 3.10 was not found. Rasa 3.6 needs Python 3.10 (>=3.8,<3.11).
  Install it, for example with pyenv:   pyenv install 3.10.13
  or Debian/Ubuntu:                     apt-get install python3.10 python3.10-venv
  or point to one:                      PYTHON=/path/to/python3.10 make run"

stamp=.venv/.requirements.sha256
want="$(sha256sum requirements.lock | cut -d' ' -f1)"
if [ -x .venv/bin/python ] && is_py310 .venv/bin/python && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

if ! is_py310 .venv/bin/python 2>/dev/null; then
  say "creating .venv with $PY"
  rm -rf .venv
  "$PY" -m venv .venv || die "could not create a virtual environment with $PY (on Debian: apt-get install python3.10-venv)."
fi
say "installing pinned dependencies from requirements.lock (first time: about 2 minutes, 2.7 GB)"
export PIP_DISABLE_PIP_VERSION_CHECK=1
.venv/bin/python -m pip install -q "pip==24.0" "setuptools==70.3.0" "wheel==0.45.1" \
  || die "could not upgrade pip in .venv; check that the package index is reachable."
.venv/bin/python -m pip install -q -r requirements.lock \
  || die "pip could not install requirements.lock (see the error above). Nothing was changed outside .venv; fix the cause and run the command again."
.venv/bin/python -m pip check || die "pip check found broken requirements (see above)."
echo "$want" > "$stamp"
say "done: $(.venv/bin/python -c 'import rasa, spacy, sqlalchemy; print("rasa", rasa.__version__, "| spacy", spacy.__version__, "| sqlalchemy", sqlalchemy.__version__)')"
