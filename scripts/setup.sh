#!/usr/bin/env bash
# Installs the workspace's dependencies (when missing or stale) and builds
# every package. Idempotent; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "kiln: Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
stamp=node_modules/.kiln-install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  # `npm install` rather than `npm ci`: it installs exactly what the lock file
  # records, but tolerates optional platform packages (other operating
  # systems' linter binaries) that a mirror may not serve and the lock file
  # therefore lacks, where `npm ci` refuses to start.
  echo "==> Installing dependencies (npm install from the lock file)"
  npm install --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
echo "==> Building (tsc -b)"
npx tsc -b
if [ -f cli/scripts/postbuild.mjs ]; then node cli/scripts/postbuild.mjs; fi
node scripts/bundle.mjs
