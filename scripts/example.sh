#!/usr/bin/env bash
# Sets up Kiln from this clone and runs its main job on the built-in example:
# `kiln build` of examples/docker (a Docker image built from a local base image,
# provisioned with a shell script and tagged). Starts the Docker Engine and
# makes the local base image when they are missing (test/env/up.sh docker).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash test/env/up.sh docker
echo "==> kiln build examples/docker"
node cli/bin/run.js build examples/docker
echo "==> docker run --rm kiln-example/hello:latest"
docker run --rm kiln-example/hello:latest
