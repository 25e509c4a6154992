#!/usr/bin/env bash
# Sets up Kiln from this clone and runs its main job on the built-in example:
# `kiln build` of examples/docker (a Docker image built from a local base image,
# provisioned with a shell script and tagged). What the example needs comes
# from the test environment's own services (test/env/up.sh): Debian's docker.io
# and busybox-static (installed as root when missing), the Docker Engine
# (started when it does not answer) and the local base image kiln-test/busybox.
# Without root, when something is missing, it prints the command to run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
packages="docker.io busybox-static"
echo "==> Docker Engine and the example's base image (test/env/up.sh packages docker image)"
if ! KILN_ENV_PACKAGES="$packages" bash test/env/up.sh packages docker image; then
  {
    echo
    if [[ "$(id -u)" != 0 ]]; then
      echo "The example needs the Docker Engine and a local base image; setting them up needs root. Run:"
      echo
      echo "  sudo KILN_ENV_PACKAGES=\"$packages\" bash test/env/up.sh packages docker image"
      echo
      echo "then npm run example again (or run it as root: sudo npm run example)."
      echo "If the engine already runs, adding yourself to the docker group is enough:"
      echo "  sudo usermod -aG docker \$USER   (then log in again)"
    else
      echo "The example's environment could not be set up: see the messages above."
    fi
  } >&2
  exit 1
fi
echo "==> kiln build examples/docker"
node cli/bin/run.js build examples/docker
echo "==> docker run --rm kiln-example/hello:latest"
docker run --rm kiln-example/hello:latest
