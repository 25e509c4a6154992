#!/usr/bin/env bash
# Builds the Kubernetes node binaries of the test cluster (kube-apiserver,
# kube-controller-manager, kube-scheduler, kubelet, and kubectl for tests) and the static pause
# binary from the Go module proxy's copy of k8s.io/kubernetes, into DEST.
#
#   test/env/kube-build.sh VERSION DEST
#
# k8s.io/kubernetes replaces its staging modules with ./staging/..., which a
# module download does not carry, so a wrapper module requires it and
# replaces each staging module with its published k8s.io/<m>@v0.<minor>.<patch>.
set -euo pipefail

version="$1" dest="$2"
go="${GO:-go}"
staging="v0.${version#v1.}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiln-kube-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

info="$("$go" mod download -json "k8s.io/kubernetes@$version")"
gomod="$(sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p' <<<"$info")"
dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$info")"
[[ -f "$gomod" && -d "$dir" ]] || { echo "go mod download k8s.io/kubernetes@$version failed" >&2; exit 1; }

cd "$work"
goversion="$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$gomod")"
printf 'module kiln.test/kube\n\ngo %s\n\nrequire k8s.io/kubernetes %s\n' "$goversion" "$version" >go.mod
# Each `k8s.io/<m> => ./staging/src/k8s.io/<m>` of kubernetes' go.mod.
mapfile -t mods < <(sed -n 's#^[[:space:]]*\(k8s\.io/[^ ]*\) => \./staging/.*$#\1#p' "$gomod")
((${#mods[@]} > 0)) || { echo "no staging replacements found in $gomod" >&2; exit 1; }
for m in "${mods[@]}"; do
  "$go" mod edit -replace "$m=$m@$staging"
done
printf 'package main\n' >main.go
mkdir -p "$dest"
"$go" build -mod=mod -trimpath -ldflags=-s -o "$dest/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler \
  k8s.io/kubernetes/cmd/kubelet \
  k8s.io/kubernetes/cmd/kubectl
# The pause container's only process.
${CC:-cc} -Os -static -o "$dest/pause" "$dir/build/pause/linux/pause.c"
"$dest/kube-apiserver" --version
