#!/usr/bin/env bash
# Builds the web widget into widget/dist/ (widget.js, index.html, embed.html). Safe to run
# again: `npm ci` runs only when widget/package-lock.json changed (or node_modules is missing);
# the type check and the build (a second or two) run every time.
set -euo pipefail
cd "$(dirname "$0")/../widget"

say() { printf 'build_widget: %s\n' "$*" >&2; }
die() { printf '\nbuild_widget: ERROR: %s\n\n' "$*" >&2; exit 1; }

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
  || die "Node.js and npm are needed to build the widget (Debian: apt-get install nodejs npm; Node 18 or later)."
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 18 ] || die "Node.js $(node --version) is too old: the widget's toolchain needs Node 18 or later."

stamp=node_modules/.package-lock.sha256
want="$( (cat package-lock.json; node --version) | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing the pinned front-end packages (npm ci)"
  # --ignore-scripts: no package runs code at install time (esbuild works without its postinstall)
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null \
    || die "npm ci failed (see above); check that the npm registry is reachable."
  echo "$want" > "$stamp"
fi
node node_modules/typescript/bin/tsc --noEmit -p . || die "the widget's TypeScript has type errors (see above)."
node build.mjs >/dev/null
say "built widget/dist/ ($(wc -c < dist/widget.js) bytes of widget.js)"
