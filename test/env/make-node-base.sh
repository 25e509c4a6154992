#!/usr/bin/env bash
# Makes a Node.js base image for building Kiln's container image where no
# image can be pulled: a minimal Debian root (debootstrap --variant=minbase,
# from this machine's own apt sources) plus this machine's own node binary and
# npm, imported with `docker import`. It stands in for the official
# node:20-bookworm-slim image (node and npm in /usr/local, apt working).
#
#   test/env/make-node-base.sh [--force] [IMAGE]    (default: kiln-test/node-base:20)
#
# Cached: does nothing when IMAGE exists (--force rebuilds it). Needs root,
# debootstrap, the Docker Engine and node >= 20 on this machine.
# The Debian mirror is the first one this machine's apt sources name for
# bookworm; KILN_DEBIAN_MIRROR overrides it.
set -euo pipefail

FORCE=0
IMAGE=kiln-test/node-base:20
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h | --help)
      sed -n '2,12p' "$0"
      exit 0
      ;;
    -*)
      echo "make-node-base: unknown option $arg" >&2
      exit 2
      ;;
    *) IMAGE="$arg" ;;
  esac
done

die() {
  echo "make-node-base: $*" >&2
  exit 1
}

if ((!FORCE)) && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "make-node-base: $IMAGE present"
  exit 0
fi

[[ "$(id -u)" == 0 ]] || die "needs root (debootstrap and chroot)"
command -v debootstrap >/dev/null 2>&1 || die "debootstrap is not installed (apt-get install debootstrap)"
docker info >/dev/null 2>&1 || die "the Docker Engine does not answer (test/env/up.sh docker)"
NODE="$(command -v node || true)"
[[ -n "$NODE" ]] || die "node is not installed"
NODE="$(readlink -f "$NODE")"
major="$("$NODE" -p 'process.versions.node.split(".")[0]')"
((major >= 20)) || die "node $("$NODE" --version) is too old (Kiln needs >= 20)"
NPM_DIR=""
for d in "$(dirname "$NODE")/../lib/node_modules/npm" /usr/lib/node_modules/npm /usr/local/lib/node_modules/npm; do
  if [[ -f "$d/bin/npm-cli.js" ]]; then
    NPM_DIR="$(readlink -f "$d")"
    break
  fi
done
[[ -n "$NPM_DIR" ]] || die "npm (lib/node_modules/npm beside node) was not found"

# The mirror: this machine's apt sources (one-line or deb822 format).
mirror_from_apt() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    awk '$1 == "deb" && $0 ~ / bookworm / { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    awk 'BEGIN { RS = ""; FS = "\n" }
      /(^|\n)Suites:[^\n]*bookworm( |\n|$)/ && !/(^|\n)Enabled: *no/ {
        for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) { split($i, a, " "); print a[2]; exit } }' "$f"
  done
}
MIRROR="${KILN_DEBIAN_MIRROR:-$(mirror_from_apt | grep -v -- '-security' | head -n1)}"
[[ -n "$MIRROR" ]] || die "no bookworm mirror in this machine's apt sources (set KILN_DEBIAN_MIRROR)"

ROOT="$(mktemp -d "${TMPDIR:-/var/tmp}/kiln-node-base.XXXXXX")"
trap 'rm -rf "$ROOT"' EXIT
started=$SECONDS
echo "make-node-base: debootstrap bookworm (minbase) into $ROOT"
if ! debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$ROOT.log" 2>&1; then
  tail -n 20 "$ROOT.log" >&2
  rm -f "$ROOT.log"
  die "debootstrap failed"
fi
rm -f "$ROOT.log"

# apt inside the image uses this machine's sources and network settings.
if compgen -G '/etc/apt/sources.list.d/*.sources' >/dev/null || compgen -G '/etc/apt/sources.list.d/*.list' >/dev/null; then
  rm -f "$ROOT/etc/apt/sources.list"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    # Only Debian's own archive: its keyring is in the new root.
    if grep -q 'debian' "$f"; then cp "$f" "$ROOT$f"; fi
  done
fi
grep -h '^ *Acquire::' /etc/apt/apt.conf /etc/apt/apt.conf.d/* 2>/dev/null >"$ROOT/etc/apt/apt.conf.d/90host-acquire" || true
# What the official slim images leave out.
printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$ROOT/etc/apt/apt.conf.d/90no-recommends"
rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin "$ROOT"/var/cache/apt/archives/*.deb \
  "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/var/log/*.log

# Node and npm where the official image has them.
mkdir -p "$ROOT/usr/local/bin" "$ROOT/usr/local/lib/node_modules"
cp "$NODE" "$ROOT/usr/local/bin/node"
cp -a "$NPM_DIR" "$ROOT/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ROOT/usr/local/bin/npx"
# The node binary's shared libraries must all resolve inside the new root.
if ! env -u NODE_EXTRA_CA_CERTS chroot "$ROOT" /usr/local/bin/node -e 'process.exit(0)'; then
  die "node does not run inside the Debian root (missing shared libraries: $(ldd "$NODE" | grep -c 'not found'))"
fi
version="$("$NODE" --version)"

echo "make-node-base: importing $IMAGE (node $version)"
(cd "$ROOT" && tar --numeric-owner -c .) |
  docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c "ENV NODE_VERSION=${version#v}" \
    -c 'CMD ["node"]' \
    -m "debootstrap bookworm minbase + node $version" - "$IMAGE" >/dev/null
echo "make-node-base: built $IMAGE in $((SECONDS - started))s ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%d MB", $1 / 1000000 }'))"
