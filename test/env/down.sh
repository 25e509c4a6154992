#!/usr/bin/env bash
# Stops what test/env/up.sh started and removes its state. dockerd is left
# running unless --docker is given; --image also removes kiln-test/busybox,
# kiln-test/node-base:20 and kiln-test/ansible:bookworm.
#
#   test/env/down.sh [--docker] [--image]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=kube.sh
. "$HERE/kube.sh"

STOP_DOCKER=0
REMOVE_IMAGE=0
for arg in "$@"; do
  case "$arg" in
    --docker) STOP_DOCKER=1 ;;
    --image) REMOVE_IMAGE=1 ;;
    -h | --help)
      sed -n '2,6p' "$0"
      exit 0
      ;;
    *)
      warn "unknown option: $arg"
      exit 2
      ;;
  esac
done

down_registry() { stop_pidfile "$STATE_DIR/registry.pid" registry; }
down_verdaccio() { stop_pidfile "$STATE_DIR/verdaccio.pid" verdaccio; }
down_npmproxy() { stop_pidfile "$STATE_DIR/npmproxy.pid" npmproxy; }
down_moto() { stop_pidfile "$STATE_DIR/moto.pid" moto; }
down_sshd() { stop_pidfile "$STATE_DIR/sshd.pid" sshd; }

down_image() {
  ((REMOVE_IMAGE)) || return 0
  docker_ok && docker image rm -f "${KILN_TEST_IMAGE:-kiln-test/busybox:latest}" >/dev/null 2>&1 || true
  docker_ok && docker image rm -f "${KILN_TEST_NODE_BASE:-kiln-test/node-base:20}" >/dev/null 2>&1 || true
  docker_ok && docker image rm -f "${KILN_TEST_ANSIBLE_IMAGE:-kiln-test/ansible:bookworm}" >/dev/null 2>&1 || true
  ok "image: removed"
}

down_docker() {
  ((STOP_DOCKER)) || return 0
  stop_pidfile "$STATE_DIR/dockerd.pid" dockerd
}

down_kube
down_registry
down_verdaccio
down_npmproxy
down_moto
down_sshd
down_image
down_docker
if ((STOP_DOCKER)); then
  rm -rf "$STATE_DIR"
else
  # Keep dockerd's pid file so a later `down.sh --docker` can still stop it, the QEMU guest and
  # the Kubernetes binaries (slow to make).
  find "$STATE_DIR" -mindepth 1 -maxdepth 1 ! -name dockerd.pid ! -name dockerd.log ! -name guest ! -name kube-bin \
    -exec rm -rf {} + 2>/dev/null || true
fi
ok "test environment down"
