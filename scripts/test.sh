#!/usr/bin/env bash
# Sets up everything the tests need and runs the whole suite: build, contract
# check, lint, the test environment (Docker Engine, registries, ...), then
# unit and end-to-end tests. This is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> Checking generated contract types"
npm run --silent proto:check
echo "==> Lint"
npx biome check . --diagnostic-level=error
if [ -f test/env/up.sh ]; then
  echo "==> Test environment"
  bash test/env/up.sh
fi
echo "==> Tests"
node scripts/run-tests.mjs all
