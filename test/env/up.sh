#!/usr/bin/env bash
# Brings up Kiln's test environment on this machine. Idempotent: every service
# is checked first and left alone when it already answers. Everything binds to
# 127.0.0.1 and every wait is bounded.
#
#   test/env/up.sh [service...]     (default: all services)
#
# Services: packages docker image nodebase registry verdaccio npmproxy moto sshd guest packer116 ansible packerqemu
#           packertest kube (a single-node Kubernetes cluster: test/env/kube.sh)
# State (logs, pids, registry storage): $KILN_TEST_ENV_DIR
# (default: $XDG_RUNTIME_DIR/kiln-test-env or /tmp/kiln-test-env).
# To add a service: write up_<name> (and down_<name> in down.sh) and list it
# in ALL_SERVICES.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=kube.sh
. "$HERE/kube.sh"

ALL_SERVICES=(packages docker image nodebase registry verdaccio npmproxy moto sshd guest packer116 ansible packerqemu packertest kube)

# Debian packages the suites need (binary or file that proves each is present).
declare -A PACKAGES=(
  [docker.io]=/usr/sbin/dockerd
  [busybox-static]=/bin/busybox
  [docker-registry]=/usr/bin/docker-registry
  [packer]=/usr/bin/packer
  [python3-grpcio]=/usr/lib/python3/dist-packages/grpc
  [python3-grpc-tools]=/usr/lib/python3/dist-packages/grpc_tools
  [openssh-server]=/usr/sbin/sshd
  [openssh-client]=/usr/bin/scp
  [openssh-sftp-server]=/usr/lib/openssh/sftp-server
  [qemu-system-x86]=/usr/bin/qemu-system-x86_64
  [qemu-utils]=/usr/bin/qemu-img
  [dropbear-bin]=/usr/sbin/dropbear
  [grub-pc-bin]=/usr/lib/grub/i386-pc
  [xorriso]=/usr/bin/xorriso
  [mtools]=/usr/bin/mformat
  [cpio]=/usr/bin/cpio
  [debootstrap]=/usr/sbin/debootstrap
  [docker-compose]=/usr/bin/docker-compose
)

# KILN_ENV_PACKAGES="docker.io busybox-static" limits the packages service to
# those (scripts/example.sh needs only what the Docker example uses).
up_packages() {
  local missing=() wanted=("${!PACKAGES[@]}")
  [[ -z "${KILN_ENV_PACKAGES:-}" ]] || read -r -a wanted <<<"$KILN_ENV_PACKAGES"
  for pkg in "${wanted[@]}"; do
    if [[ -z "${PACKAGES[$pkg]:-}" ]]; then
      missing_item "packages: unknown package $pkg in KILN_ENV_PACKAGES (known: ${!PACKAGES[*]})"
      return 0
    fi
    [[ -e "${PACKAGES[$pkg]}" ]] || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    ok "packages: all present"
    return 0
  fi
  if ! is_root; then
    missing_item "packages: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})"
    return 0
  fi
  info "packages: installing ${missing[*]}"
  if [[ ! -e "$STATE_DIR/apt-updated" ]]; then
    bounded 600 apt-get update -qq >"$STATE_DIR/apt.log" 2>&1 || warn "apt-get update failed (see $STATE_DIR/apt.log)"
    touch "$STATE_DIR/apt-updated"
  fi
  if ! DEBIAN_FRONTEND=noninteractive bounded 1200 apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >>"$STATE_DIR/apt.log" 2>&1; then
    missing_item "packages: apt-get install ${missing[*]} failed (see $STATE_DIR/apt.log)"
    return 0
  fi
  # Debian starts the registry's own service on :5000 (all interfaces); ours
  # binds 127.0.0.1 with its own storage, so stop the packaged one.
  if [[ " ${missing[*]} " == *" docker-registry "* ]] && command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now docker-registry >/dev/null 2>&1 || true
  fi
  ok "packages: installed ${missing[*]}"
}

up_docker() {
  if docker_ok; then
    ok "docker: engine answering"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    missing_item "docker: dockerd is not installed (apt-get install docker.io)"
    return 0
  fi
  if [[ -S /var/run/docker.sock ]] && ! is_root; then
    missing_item "docker: the engine runs but $(id -un) cannot use /var/run/docker.sock (add the user to the docker group, or run as root)"
    return 0
  fi
  if ! is_root; then
    missing_item "docker: the engine is not running and starting dockerd needs root (sudo $0 docker)"
    return 0
  fi
  info "docker: starting dockerd (log: $STATE_DIR/dockerd.log)"
  setsid nohup dockerd >"$STATE_DIR/dockerd.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/dockerd.pid"
  if ! wait_for 60 docker_ok; then
    missing_item "docker: dockerd did not answer within 60s (see $STATE_DIR/dockerd.log)"
    return 0
  fi
  ok "docker: dockerd started (pid $(cat "$STATE_DIR/dockerd.pid"))"
}

# Builds kiln-test/busybox:latest: static busybox, applet links, passwd, group, /tmp.
up_image() {
  local image="${KILN_TEST_IMAGE:-kiln-test/busybox:latest}"
  if ! docker_ok; then
    missing_item "image: $image needs the docker engine"
    return 0
  fi
  if docker image inspect "$image" >/dev/null 2>&1; then
    ok "image: $image present"
    return 0
  fi
  if [[ ! -x /bin/busybox ]] || ! /bin/busybox --list >/dev/null 2>&1; then
    missing_item "image: /bin/busybox (static) is missing (apt-get install busybox-static)"
    return 0
  fi
  local root
  root="$(mktemp -d "$STATE_DIR/busybox-root.XXXXXX")"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,var/tmp,home,dev,proc,sys}
  cp /bin/busybox "$root/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list-full); do
    [[ -e "$root/$applet" ]] || ln -s /bin/busybox "$root/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  chmod 1777 "$root/tmp" "$root/var/tmp"
  chmod 700 "$root/root"
  if (cd "$root" && tar --numeric-owner --owner=0 --group=0 -c .) |
    bounded 120 docker import -c 'CMD ["/bin/sh"]' - "$image" >/dev/null; then
    ok "image: built $image"
  else
    missing_item "image: docker import of $image failed"
  fi
  rm -rf "$root"
}

# Builds kiln-test/node-base:20 (Debian minbase + this machine's node and npm),
# the base image the container-image tests build Kiln's Dockerfile on.
up_nodebase() {
  local image="${KILN_TEST_NODE_BASE:-kiln-test/node-base:20}"
  if ! docker_ok; then
    missing_item "nodebase: $image needs the docker engine"
    return 0
  fi
  if docker image inspect "$image" >/dev/null 2>&1; then
    ok "nodebase: $image present"
    return 0
  fi
  info "nodebase: building $image (log: $STATE_DIR/nodebase.log)"
  if bounded 900 bash "$HERE/make-node-base.sh" "$image" >"$STATE_DIR/nodebase.log" 2>&1; then
    ok "nodebase: $(tail -n 1 "$STATE_DIR/nodebase.log" | sed 's/^make-node-base: //')"
  else
    missing_item "nodebase: $(tail -n 1 "$STATE_DIR/nodebase.log")"
  fi
}

registry_ok() { curl -fsS -m 2 "http://127.0.0.1:${KILN_REGISTRY_PORT:-5000}/v2/" >/dev/null 2>&1; }

up_registry() {
  local port="${KILN_REGISTRY_PORT:-5000}"
  if registry_ok; then
    ok "registry: answering on 127.0.0.1:$port"
    return 0
  fi
  if ! command -v docker-registry >/dev/null 2>&1; then
    missing_item "registry: docker-registry is not installed (apt-get install docker-registry)"
    return 0
  fi
  mkdir -p "$STATE_DIR/registry/storage"
  cat >"$STATE_DIR/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
  info "registry: starting on 127.0.0.1:$port (log: $STATE_DIR/registry.log)"
  setsid nohup docker-registry serve "$STATE_DIR/registry/config.yml" >"$STATE_DIR/registry.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/registry.pid"
  if wait_for 30 registry_ok; then
    ok "registry: started (pid $(cat "$STATE_DIR/registry.pid"))"
  else
    missing_item "registry: did not answer on 127.0.0.1:$port within 30s (see $STATE_DIR/registry.log)"
  fi
}

verdaccio_ok() { curl -fsS -m 2 "http://127.0.0.1:${KILN_NPM_REGISTRY_PORT:-4873}/-/ping" >/dev/null 2>&1; }

# An npm registry for `kiln init` tests: verdaccio on 127.0.0.1, no uplinks,
# anyone may publish and unpublish. Installed into the state dir, never into
# the workspace.
up_verdaccio() {
  local port="${KILN_NPM_REGISTRY_PORT:-4873}" dir="$STATE_DIR/verdaccio"
  if verdaccio_ok; then
    ok "verdaccio: answering on 127.0.0.1:$port"
    return 0
  fi
  mkdir -p "$dir/storage"
  if [[ ! -x "$dir/node_modules/.bin/verdaccio" ]]; then
    info "verdaccio: installing into $dir (log: $STATE_DIR/verdaccio-install.log)"
    printf '{ "private": true, "overrides": { "node-fetch": "2.7.0" } }\n' >"$dir/package.json"
    if ! bounded 600 npm install --prefix "$dir" --no-audit --no-fund verdaccio@6 >"$STATE_DIR/verdaccio-install.log" 2>&1; then
      missing_item "verdaccio: npm install failed (see $STATE_DIR/verdaccio-install.log)"
      return 0
    fi
  fi
  cat >"$dir/config.yaml" <<YAML
storage: $dir/storage
auth:
  htpasswd:
    file: $dir/htpasswd
uplinks: {}
packages:
  '**':
    access: \$all
    publish: \$all
    unpublish: \$all
server:
  keepAliveTimeout: 60
max_body_size: 200mb
listen: 127.0.0.1:$port
log: { type: stdout, format: pretty, level: warn }
YAML
  info "verdaccio: starting on 127.0.0.1:$port (log: $STATE_DIR/verdaccio.log)"
  setsid nohup "$dir/node_modules/.bin/verdaccio" --config "$dir/config.yaml" >"$STATE_DIR/verdaccio.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/verdaccio.pid"
  if wait_for 60 verdaccio_ok; then
    ok "verdaccio: started (pid $(cat "$STATE_DIR/verdaccio.pid"))"
  else
    missing_item "verdaccio: did not answer on 127.0.0.1:$port within 60s (see $STATE_DIR/verdaccio.log)"
  fi
}

sshd_ok() { [[ -f "$STATE_DIR/sshd.pid" ]] && kill -0 "$(cat "$STATE_DIR/sshd.pid")" 2>/dev/null; }

# OpenSSH's sshd on 127.0.0.1:$KILN_SSHD_PORT (2222) with its own config and
# host key; the user running it logs in with $STATE_DIR/sshd/id_ed25519.
up_sshd() {
  local port="${KILN_SSHD_PORT:-2222}" dir="$STATE_DIR/sshd"
  if sshd_ok; then
    ok "sshd: running on 127.0.0.1:$port"
    return 0
  fi
  if [[ ! -x /usr/sbin/sshd ]]; then
    missing_item "sshd: /usr/sbin/sshd is not installed (apt-get install openssh-server)"
    return 0
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  [[ -f "$dir/host_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
  [[ -f "$dir/id_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C kiln-test -f "$dir/id_ed25519"
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  if is_root; then mkdir -p /run/sshd && chmod 755 /run/sshd; fi
  local sftp=/usr/lib/openssh/sftp-server
  cat >"$dir/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
PidFile $STATE_DIR/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem sftp $sftp
CONF
  info "sshd: starting on 127.0.0.1:$port (log: $STATE_DIR/sshd.log)"
  if ! /usr/sbin/sshd -f "$dir/sshd_config" -E "$STATE_DIR/sshd.log"; then
    missing_item "sshd: did not start (see $STATE_DIR/sshd.log)"
    return 0
  fi
  if wait_for 10 sshd_ok; then
    ok "sshd: started (pid $(cat "$STATE_DIR/sshd.pid"), user $(id -un), key $dir/id_ed25519)"
  else
    missing_item "sshd: no pid file within 10s (see $STATE_DIR/sshd.log)"
  fi
}

# The QEMU test guest (an ISO with GRUB, a kernel and an initramfs with
# dropbear); built by make-guest.sh when missing or made by another version
# of make-guest.sh (its hash is kept next to the ISO).
up_guest() {
  local want have
  want="$(sha256sum <"$HERE/make-guest.sh" | cut -d' ' -f1)"
  have="$(cat "$STATE_DIR/guest/make-guest.sha256" 2>/dev/null || true)"
  if [[ -f "$STATE_DIR/guest/kiln-guest.iso" && "$have" == "$want" ]]; then
    ok "guest: $STATE_DIR/guest/kiln-guest.iso present"
    return 0
  fi
  info "guest: building (log: $STATE_DIR/guest.log)"
  if bounded 600 bash "$HERE/make-guest.sh" "$STATE_DIR/guest" >"$STATE_DIR/guest.log" 2>&1; then
    ok "guest: built $STATE_DIR/guest/kiln-guest.iso"
  else
    missing_item "guest: make-guest.sh failed (see $STATE_DIR/guest.log)"
  fi
}

moto_ok() { curl -fsS -m 2 -o /dev/null "http://127.0.0.1:${KILN_MOTO_PORT:-5001}/moto-api/" 2>/dev/null; }

# The AWS API for the amazon plugin: moto's server on 127.0.0.1:$KILN_MOTO_PORT
# (5001), installed from PyPI into a venv under the state dir. It validates
# instance types and AMI ids, so that failure tests have something to fail on.
up_moto() {
  local port="${KILN_MOTO_PORT:-5001}" venv="$STATE_DIR/moto-venv"
  if moto_ok; then
    ok "moto: answering on 127.0.0.1:$port"
    return 0
  fi
  if [[ ! -x "$venv/bin/moto_server" ]]; then
    if ! command -v python3 >/dev/null 2>&1; then
      missing_item "moto: python3 is not installed (apt-get install python3 python3-venv)"
      return 0
    fi
    info "moto: installing into $venv (log: $STATE_DIR/moto-install.log)"
    if ! { python3 -m venv "$venv" && bounded 600 "$venv/bin/python" -m pip install --quiet 'moto[server]'; } \
      >"$STATE_DIR/moto-install.log" 2>&1; then
      missing_item "moto: pip install 'moto[server]' failed (see $STATE_DIR/moto-install.log)"
      return 0
    fi
  fi
  info "moto: starting on 127.0.0.1:$port (log: $STATE_DIR/moto.log)"
  MOTO_EC2_ENABLE_INSTANCE_TYPE_VALIDATION=true MOTO_ENABLE_AMI_VALIDATION=true \
    setsid nohup "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$STATE_DIR/moto.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/moto.pid"
  if wait_for 60 moto_ok; then
    ok "moto: started (pid $(cat "$STATE_DIR/moto.pid"))"
  else
    missing_item "moto: did not answer on 127.0.0.1:$port within 60s (see $STATE_DIR/moto.log)"
  fi
}

# A caching npm proxy for build containers: the container-image suite's
# default build runs `npm install` inside the engine's build containers, which
# do not trust this machine's certificate authorities (NODE_EXTRA_CA_CERTS and
# the system store are the host's). Verdaccio runs on the host, where they
# apply, with npm's configured registry as its uplink, on 127.0.0.1:4874; the
# build reaches it with --network host. Its storage is a cache kept across runs.
npmproxy_ok() { curl -fsS -m 2 "http://127.0.0.1:${KILN_NPM_PROXY_PORT:-4874}/-/ping" >/dev/null 2>&1; }

up_npmproxy() {
  local port="${KILN_NPM_PROXY_PORT:-4874}" dir="$STATE_DIR/npmproxy" bin="$STATE_DIR/verdaccio/node_modules/.bin/verdaccio"
  if npmproxy_ok; then
    ok "npmproxy: answering on 127.0.0.1:$port"
    return 0
  fi
  if [[ ! -x "$bin" ]]; then
    missing_item "npmproxy: needs verdaccio (test/env/up.sh verdaccio first)"
    return 0
  fi
  local upstream
  upstream="$(npm config get registry 2>/dev/null)"
  upstream="${upstream%/}/"
  mkdir -p "$dir/storage"
  cat >"$dir/config.yaml" <<YAML
storage: $dir/storage
uplinks:
  upstream:
    url: $upstream
    timeout: 60s
    maxage: 30m
packages:
  '**':
    access: \$all
    proxy: upstream
server:
  keepAliveTimeout: 60
listen: 127.0.0.1:$port
log: { type: stdout, format: pretty, level: warn }
YAML
  info "npmproxy: starting on 127.0.0.1:$port (log: $STATE_DIR/npmproxy.log)"
  setsid nohup "$bin" --config "$dir/config.yaml" >"$STATE_DIR/npmproxy.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/npmproxy.pid"
  if wait_for 60 npmproxy_ok; then
    ok "npmproxy: started (pid $(cat "$STATE_DIR/npmproxy.pid"))"
  else
    missing_item "npmproxy: did not answer on 127.0.0.1:$port within 60s (see $STATE_DIR/npmproxy.log)"
  fi
}

# Packer v1.16.0, the reference for the template language and the CLI
# (differential tests and benchmarks). Built once from the Go module proxy's
# copy of its source and cached as $STATE_DIR/packer116; later runs only
# check its version.
PACKER116_VERSION=1.16.0
packer116_ok() { [[ -x "$STATE_DIR/packer116" ]] && CHECKPOINT_DISABLE=1 "$STATE_DIR/packer116" version 2>/dev/null | grep -q "Packer v$PACKER116_VERSION"; }

up_packer116() {
  if packer116_ok; then
    ok "packer116: $STATE_DIR/packer116 (v$PACKER116_VERSION)"
    return 0
  fi
  local go
  go="$(command -v go || true)"
  [[ -n "$go" ]] || { [[ -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go; }
  if [[ -z "$go" ]]; then
    if is_root; then
      DEBIAN_FRONTEND=noninteractive bounded 600 apt-get install -y -qq golang-go >>"$STATE_DIR/apt.log" 2>&1 || true
      go="$(command -v go || true)"
    fi
    if [[ -z "$go" ]]; then
      missing_item "packer116: Go is needed to build Packer v$PACKER116_VERSION (apt-get install golang-go)"
      return 0
    fi
  fi
  info "packer116: building Packer v$PACKER116_VERSION from source, once (log: $STATE_DIR/packer116-build.log)"
  local dir src
  dir="$(bounded 900 "$go" mod download -json "github.com/hashicorp/packer@v$PACKER116_VERSION" 2>>"$STATE_DIR/packer116-build.log" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    missing_item "packer116: go mod download of github.com/hashicorp/packer@v$PACKER116_VERSION failed (see $STATE_DIR/packer116-build.log)"
    return 0
  fi
  src="$STATE_DIR/packer116-src"
  rm -rf "$src"
  cp -r "$dir" "$src" && chmod -R u+w "$src"
  if (cd "$src" && bounded 2400 "$go" build -o "$STATE_DIR/packer116.tmp" . >>"$STATE_DIR/packer116-build.log" 2>&1); then
    mv "$STATE_DIR/packer116.tmp" "$STATE_DIR/packer116"
    rm -rf "$src"
  fi
  if packer116_ok; then
    ok "packer116: built $STATE_DIR/packer116"
  else
    missing_item "packer116: building Packer v$PACKER116_VERSION failed (see $STATE_DIR/packer116-build.log)"
  fi
}

# Ansible for the ansible and ansible-local provisioners: ansible-core from
# PyPI in a virtualenv ($STATE_DIR/ansible-venv; tests put its bin directory on
# PATH), and an image with python3 and Debian's ansible-core for playbooks that
# run real modules and for ansible-local (kiln-test/ansible:bookworm, made
# from the node base image with apt, cached by Docker).
ANSIBLE_IMAGE="${KILN_TEST_ANSIBLE_IMAGE:-kiln-test/ansible:bookworm}"
ansible_venv_ok() { [[ -x "$STATE_DIR/ansible-venv/bin/ansible-playbook" ]] && "$STATE_DIR/ansible-venv/bin/ansible-playbook" --version >/dev/null 2>&1; }

up_ansible() {
  local venv="$STATE_DIR/ansible-venv"
  if ansible_venv_ok; then
    ok "ansible: $("$venv/bin/ansible-playbook" --version | head -n 1) in $venv"
  elif ! command -v python3 >/dev/null 2>&1; then
    missing_item "ansible: python3 is not installed (apt-get install python3 python3-venv)"
  else
    info "ansible: installing ansible-core into $venv (log: $STATE_DIR/ansible-install.log)"
    if { python3 -m venv "$venv" && bounded 600 "$venv/bin/python" -m pip install --quiet ansible-core; } \
      >"$STATE_DIR/ansible-install.log" 2>&1 && ansible_venv_ok; then
      ok "ansible: $("$venv/bin/ansible-playbook" --version | head -n 1)"
    else
      missing_item "ansible: pip install ansible-core failed (see $STATE_DIR/ansible-install.log)"
    fi
  fi
  if ! docker_ok; then
    missing_item "ansible: $ANSIBLE_IMAGE needs the docker engine"
    return 0
  fi
  if docker image inspect "$ANSIBLE_IMAGE" >/dev/null 2>&1; then
    ok "ansible: $ANSIBLE_IMAGE present"
    return 0
  fi
  local base="${KILN_TEST_NODE_BASE:-kiln-test/node-base:20}" name="kiln-test-env-ansible-image"
  if ! docker image inspect "$base" >/dev/null 2>&1; then
    missing_item "ansible: $ANSIBLE_IMAGE is made from $base (run: test/env/up.sh nodebase)"
    return 0
  fi
  info "ansible: making $ANSIBLE_IMAGE from $base (log: $STATE_DIR/ansible-image.log)"
  docker rm -f "$name" >/dev/null 2>&1 || true
  if bounded 600 docker run --name "$name" "$base" sh -c \
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 ansible-core && rm -rf /var/lib/apt/lists/*' \
    >"$STATE_DIR/ansible-image.log" 2>&1 &&
    docker commit -c 'CMD ["/bin/sh"]' "$name" "$ANSIBLE_IMAGE" >>"$STATE_DIR/ansible-image.log" 2>&1; then
    ok "ansible: $ANSIBLE_IMAGE made"
  else
    missing_item "ansible: making $ANSIBLE_IMAGE failed (see $STATE_DIR/ansible-image.log)"
  fi
  docker rm -f "$name" >/dev/null 2>&1 || true
}

# go_bin: prints the Go toolchain's path (installing Debian's golang-go as root when none is found).
go_bin() {
  local go
  go="$(command -v go || true)"
  [[ -n "$go" ]] || { [[ -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go; }
  if [[ -z "$go" ]] && is_root; then
    DEBIAN_FRONTEND=noninteractive bounded 600 apt-get install -y -qq golang-go >>"$STATE_DIR/apt.log" 2>&1 || true
    go="$(command -v go || true)"
  fi
  printf '%s' "$go"
}

# Packer's own QEMU plugin (packer-plugin-qemu), unchanged, for the Packer
# plugin bridge's end-to-end tests. Built once from the Go module proxy's copy
# of its source with its packer-plugin-sdk requirement replaced by the SDK
# version the proxy serves, and cached as $STATE_DIR/packer-plugin-qemu.
# v1.1.7 requires SDK v0.6.11, whose source the proxy does not serve; its
# generated HCL spec (config.hcl2spec.go) is regenerated with v0.6.10's own
# packer-sdc, as the plugin's `make generate` does, so that the spec matches
# the SDK the binary is built with (v1.1.7's spec names two WinRM settings
# v0.6.10 lacks, and Packer 1.16 then refuses every HCL template).
PACKERQEMU_VERSION=1.1.7
PACKERQEMU_SDK=v0.6.10
PACKERQEMU_RECIPE="packer-plugin-qemu v$PACKERQEMU_VERSION, sdk $PACKERQEMU_SDK, spec regenerated"
packerqemu_ok() {
  [[ -x "$STATE_DIR/packer-plugin-qemu" ]] &&
    [[ "$(cat "$STATE_DIR/packer-plugin-qemu.recipe" 2>/dev/null)" == "$PACKERQEMU_RECIPE" ]] &&
    PACKER_PLUGIN_MAGIC_COOKIE= "$STATE_DIR/packer-plugin-qemu" describe 2>/dev/null | grep -q '"api_version":"x5.0"'
}

up_packerqemu() {
  if packerqemu_ok; then
    ok "packerqemu: $STATE_DIR/packer-plugin-qemu (v$PACKERQEMU_VERSION)"
    return 0
  fi
  local go dir src log="$STATE_DIR/packerqemu-build.log"
  go="$(go_bin)"
  if [[ -z "$go" ]]; then
    missing_item "packerqemu: Go is needed to build packer-plugin-qemu v$PACKERQEMU_VERSION (apt-get install golang-go)"
    return 0
  fi
  info "packerqemu: building packer-plugin-qemu v$PACKERQEMU_VERSION from source, once (log: $log)"
  dir="$(bounded 900 "$go" mod download -json "github.com/hashicorp/packer-plugin-qemu@v$PACKERQEMU_VERSION" 2>>"$log" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    missing_item "packerqemu: go mod download of github.com/hashicorp/packer-plugin-qemu@v$PACKERQEMU_VERSION failed (see $log)"
    return 0
  fi
  src="$STATE_DIR/packerqemu-src"
  rm -rf "$src"
  cp -r "$dir" "$src" && chmod -R u+w "$src"
  if (cd "$src" &&
    "$go" mod edit -replace "github.com/hashicorp/packer-plugin-sdk=github.com/hashicorp/packer-plugin-sdk@$PACKERQEMU_SDK" &&
    bounded 900 "$go" mod tidy >>"$log" 2>&1 &&
    sdk="$("$go" list -m -f '{{.Dir}}' github.com/hashicorp/packer-plugin-sdk 2>>"$log")" &&
    (cd "$sdk" && bounded 1200 nice "$go" build -o "$src/packer-sdc" ./cmd/packer-sdc) >>"$log" 2>&1 &&
    (cd builder/qemu && GOFILE=config.go GOPACKAGE=qemu \
      bounded 900 nice "$src/packer-sdc" mapstructure-to-hcl2 -type Config,QemuImgArgs) >>"$log" 2>&1 &&
    bounded 2400 nice "$go" build -o "$STATE_DIR/packer-plugin-qemu.tmp" . >>"$log" 2>&1); then
    mv "$STATE_DIR/packer-plugin-qemu.tmp" "$STATE_DIR/packer-plugin-qemu"
    printf '%s' "$PACKERQEMU_RECIPE" >"$STATE_DIR/packer-plugin-qemu.recipe"
    rm -rf "$src"
  fi
  if packerqemu_ok; then
    ok "packerqemu: built $STATE_DIR/packer-plugin-qemu"
  else
    missing_item "packerqemu: building packer-plugin-qemu v$PACKERQEMU_VERSION failed (see $log)"
  fi
}

# The small Packer plugin of the test tree (test/packer-plugin-kilntest,
# written with packer-plugin-sdk: a builder with an SSH communicator, a
# provisioner, a post-processor, a data source), built into
# $STATE_DIR/packer-plugin-kilntest and rebuilt when its sources change.
packertest_sum() { cat "$HERE/../packer-plugin-kilntest/"*.go "$HERE/../packer-plugin-kilntest/go."* | sha256sum | cut -d' ' -f1; }
packertest_ok() {
  [[ -x "$STATE_DIR/packer-plugin-kilntest" ]] &&
    [[ "$(cat "$STATE_DIR/packer-plugin-kilntest.sum" 2>/dev/null)" == "$(packertest_sum)" ]]
}

up_packertest() {
  if packertest_ok; then
    ok "packertest: $STATE_DIR/packer-plugin-kilntest"
    return 0
  fi
  local go log="$STATE_DIR/packertest-build.log"
  go="$(go_bin)"
  if [[ -z "$go" ]]; then
    missing_item "packertest: Go is needed to build test/packer-plugin-kilntest (apt-get install golang-go)"
    return 0
  fi
  info "packertest: building test/packer-plugin-kilntest (log: $log)"
  if (cd "$HERE/../packer-plugin-kilntest" &&
    bounded 1800 nice "$go" build -mod=mod -o "$STATE_DIR/packer-plugin-kilntest.tmp" . >"$log" 2>&1); then
    mv "$STATE_DIR/packer-plugin-kilntest.tmp" "$STATE_DIR/packer-plugin-kilntest"
    packertest_sum >"$STATE_DIR/packer-plugin-kilntest.sum"
    ok "packertest: built $STATE_DIR/packer-plugin-kilntest"
  else
    missing_item "packertest: building test/packer-plugin-kilntest failed (see $log)"
  fi
}

main() {
  mkdir -p "$STATE_DIR"
  local services=("$@")
  ((${#services[@]})) || services=("${ALL_SERVICES[@]}")
  for s in "${services[@]}"; do
    if ! declare -F "up_$s" >/dev/null; then
      warn "unknown service: $s (known: ${ALL_SERVICES[*]})"
      MISSING+=("unknown service $s")
      continue
    fi
    "up_$s"
  done
  report_missing
}

# Sourcing this file (to call one up_<service>) does not run main.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
