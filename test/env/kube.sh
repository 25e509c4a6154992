# The `kube` service of test/env/up.sh (sourced by up.sh and down.sh): a
# single-node Kubernetes cluster on 127.0.0.1 for `kiln build
# -executor=kubernetes` (docs/kubernetes.md, "Testing it here").
#
# - kube-apiserver, kube-controller-manager, kube-scheduler, kubelet and
#   kubectl are built once from the Go module proxy (kube-build.sh) and
#   cached in $STATE_DIR/kube-bin, with a static pause binary;
# - etcd comes from Debian's etcd-server, unpacked with `dpkg -x` (no system
#   service starts); containerd (with its CRI plugin), runc and
#   containernetworking-plugins from Debian;
# - a containerd of its own ($KUBE_DIR/containerd.sock), pods with
#   hostNetwork only (a loopback-only CNI configuration), the node named
#   localhost; certificates made with openssl; the admin kubeconfig is
#   $STATE_DIR/kube/kubeconfig.
#
# Ports (127.0.0.1): API server $KILN_KUBE_PORT (16443), etcd 12379/12380,
# kubelet 10250 (healthz 10248), controller manager 10257, scheduler 10259.

KUBE_VERSION=v1.36.3
KUBE_BIN="$STATE_DIR/kube-bin"
KUBE_DIR="$STATE_DIR/kube"
KUBE_PORT="${KILN_KUBE_PORT:-16443}"
KUBE_PAUSE_IMAGE=kiln.test/pause:3.10
KUBE_CTRD_SOCK="$KUBE_DIR/containerd.sock"
KUBE_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl pause)

kube_bins_ok() {
  local b
  for b in "${KUBE_BINARIES[@]}"; do [[ -x "$KUBE_BIN/$b" ]] || return 1; done
  [[ -x "$KUBE_BIN/etcd/usr/bin/etcd" ]]
}

kubectl_() { "$KUBE_BIN/kubectl" --kubeconfig "$KUBE_DIR/kubeconfig" --request-timeout=5s "$@"; }

kube_node_ready() {
  [[ "$(kubectl_ get node localhost -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]] &&
    kubectl_ -n default get serviceaccount default >/dev/null 2>&1
}

kube_pid_alive() { [[ -f "$KUBE_DIR/$1.pid" ]] && kill -0 "$(cat "$KUBE_DIR/$1.pid")" 2>/dev/null; }

# kube_start NAME CMD...: starts CMD in the background (its own session), logging to $KUBE_DIR/NAME.log.
kube_start() {
  local name="$1"
  shift
  kube_pid_alive "$name" && return 0
  setsid nohup "$@" >"$KUBE_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$KUBE_DIR/$name.pid"
}

# The binaries: built from source once (about 20 minutes on 2 cores), then cached.
kube_install() {
  local go log="$STATE_DIR/kube-build.log"
  if ! command -v containerd >/dev/null || ! command -v runc >/dev/null || [[ ! -x /usr/lib/cni/loopback ]] ||
    ! command -v openssl >/dev/null; then
    if ! is_root; then
      missing_item "kube: needs containerd, runc, containernetworking-plugins and openssl (apt-get install them as root)"
      return 1
    fi
    DEBIAN_FRONTEND=noninteractive bounded 600 apt-get install -y -qq --no-install-recommends \
      containerd runc containernetworking-plugins openssl >>"$STATE_DIR/apt.log" 2>&1 ||
      { missing_item "kube: apt-get install containerd runc containernetworking-plugins failed (see $STATE_DIR/apt.log)"; return 1; }
  fi
  if [[ ! -x "$KUBE_BIN/etcd/usr/bin/etcd" ]]; then
    local tmp
    tmp="$(mktemp -d)"
    if ! (cd "$tmp" && bounded 300 apt-get download etcd-server >>"$STATE_DIR/apt.log" 2>&1 &&
      mkdir -p "$KUBE_BIN" && rm -rf "$KUBE_BIN/etcd" && dpkg -x etcd-server_*.deb "$KUBE_BIN/etcd"); then
      rm -rf "$tmp"
      missing_item "kube: apt-get download etcd-server failed (see $STATE_DIR/apt.log)"
      return 1
    fi
    rm -rf "$tmp"
  fi
  kube_bins_ok && return 0
  go="$(go_bin)"
  if [[ -z "$go" ]]; then
    missing_item "kube: Go is needed to build Kubernetes $KUBE_VERSION (apt-get install golang-go)"
    return 1
  fi
  info "kube: building Kubernetes $KUBE_VERSION from source, once: about 20 minutes on 2 cores (log: $log)"
  rm -rf "$KUBE_BIN.tmp"
  if GO="$go" bounded 3600 nice -n 19 bash "$HERE/kube-build.sh" "$KUBE_VERSION" "$KUBE_BIN.tmp" >"$log" 2>&1; then
    mkdir -p "$KUBE_BIN"
    for b in "${KUBE_BINARIES[@]}"; do mv "$KUBE_BIN.tmp/$b" "$KUBE_BIN/$b"; done
    rm -rf "$KUBE_BIN.tmp"
  fi
  kube_bins_ok || { missing_item "kube: building Kubernetes $KUBE_VERSION failed (see $log)"; return 1; }
}

# A CA, the API server's serving certificate, client certificates (admin in
# system:masters, the node) and the service account key; kubeconfigs.
kube_certs() {
  local d="$KUBE_DIR/pki"
  [[ -f "$d/done" ]] && return 0
  mkdir -p "$d"
  (
    cd "$d"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout ca.key -out ca.crt -subj /CN=kiln-test-ca
    printf 'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\n' >san.ext
    cert() { # NAME SUBJECT [EXTFILE]
      openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -out "$1.crt" ${3:+-extfile "$3"}
    }
    cert apiserver /CN=kube-apiserver san.ext
    cert admin "/O=system:masters/CN=kiln-test-admin"
    cert node "/O=system:nodes/CN=system:node:localhost"
    openssl genrsa -out sa.key 2048
    openssl rsa -in sa.key -pubout -out sa.pub
  ) >"$KUBE_DIR/pki.log" 2>&1 || return 1
  local who
  for who in admin node; do
    cat >"$KUBE_DIR/$who.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kiln-test
  cluster:
    server: https://127.0.0.1:$KUBE_PORT
    certificate-authority: $d/ca.crt
users:
- name: $who
  user:
    client-certificate: $d/$who.crt
    client-key: $d/$who.key
contexts:
- name: kiln-test
  context: {cluster: kiln-test, user: $who}
current-context: kiln-test
EOF
  done
  cp "$KUBE_DIR/admin.kubeconfig" "$KUBE_DIR/kubeconfig"
  touch "$d/done"
}

kube_configs() {
  mkdir -p "$KUBE_DIR/cni" "$KUBE_DIR/containerd" "$KUBE_DIR/kubelet" "$KUBE_DIR/pod-logs"
  cat >"$KUBE_DIR/cni/10-loopback.conflist" <<EOF
{"cniVersion": "1.0.0", "name": "kiln-loopback", "plugins": [{"type": "loopback"}]}
EOF
  cat >"$KUBE_DIR/containerd.toml" <<EOF
version = 2
root = "$KUBE_DIR/containerd/root"
state = "$KUBE_DIR/containerd/state"
[grpc]
  address = "$KUBE_CTRD_SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$KUBE_PAUSE_IMAGE"
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$KUBE_DIR/cni"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
EOF
  cat >"$KUBE_DIR/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 127.0.0.1
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
containerRuntimeEndpoint: unix://$KUBE_CTRD_SOCK
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
podLogsDir: $KUBE_DIR/pod-logs
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $KUBE_DIR/pki/ca.crt}
authorization: {mode: Webhook}
evictionHard: {memory.available: 100Mi, nodefs.available: 2%, imagefs.available: 2%, nodefs.inodesFree: 2%}
imageGCHighThresholdPercent: 99
imageGCLowThresholdPercent: 98
serializeImagePulls: false
EOF
}

# The pause image (sandbox) in the cluster's containerd, made from the static pause binary.
kube_pause_image() {
  kube_ctr images ls -q 2>/dev/null | grep -qx "$KUBE_PAUSE_IMAGE" && return 0
  if ! docker_ok; then
    missing_item "kube: the Docker Engine is needed once to make the pause image (bash test/env/up.sh docker)"
    return 1
  fi
  local tmp
  tmp="$(mktemp -d)"
  cp "$KUBE_BIN/pause" "$tmp/pause"
  (cd "$tmp" && tar -cf pause.tar pause) &&
    docker import -c 'ENTRYPOINT ["/pause"]' "$tmp/pause.tar" "$KUBE_PAUSE_IMAGE" >/dev/null &&
    docker save "$KUBE_PAUSE_IMAGE" | kube_ctr images import - >/dev/null
  local rc=$?
  rm -rf "$tmp"
  ((rc == 0)) || missing_item "kube: importing the pause image into containerd failed"
  return "$rc"
}

kube_ctr() { ctr --address "$KUBE_CTRD_SOCK" -n k8s.io "$@"; }

up_kube() {
  if kube_node_ready 2>/dev/null; then
    ok "kube: node localhost Ready (KUBECONFIG=$KUBE_DIR/kubeconfig)"
    return 0
  fi
  if ! is_root; then
    missing_item "kube: starting the cluster needs root (sudo $0 kube)"
    return 0
  fi
  kube_install || return 0
  mkdir -p "$KUBE_DIR"
  kube_certs || { missing_item "kube: making certificates failed (see $KUBE_DIR/pki.log)"; return 0; }
  kube_configs
  local pki="$KUBE_DIR/pki" etcd="$KUBE_BIN/etcd/usr/bin/etcd"
  kube_start containerd containerd --config "$KUBE_DIR/containerd.toml"
  kube_start etcd "$etcd" --name kiln-test --data-dir "$KUBE_DIR/etcd" \
    --listen-client-urls http://127.0.0.1:12379 --advertise-client-urls http://127.0.0.1:12379 \
    --listen-peer-urls http://127.0.0.1:12380 --initial-advertise-peer-urls http://127.0.0.1:12380 \
    --initial-cluster kiln-test=http://127.0.0.1:12380 --listen-metrics-urls ''
  if ! wait_for 30 kube_ctr version >/dev/null 2>&1; then
    missing_item "kube: containerd did not answer within 30s (see $KUBE_DIR/containerd.log)"
    return 0
  fi
  kube_pause_image || return 0
  kube_start kube-apiserver "$KUBE_BIN/kube-apiserver" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$KUBE_PORT" \
    --etcd-servers=http://127.0.0.1:12379 \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" \
    --kubelet-client-certificate="$pki/admin.crt" --kubelet-client-key="$pki/admin.key" \
    --kubelet-preferred-address-types=Hostname \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-cluster-ip-range=10.96.0.0/24 \
    --authorization-mode=Node,RBAC --allow-privileged=true \
    --enable-priority-and-fairness=false
  if ! wait_for 60 kubectl_ get --raw /readyz >/dev/null 2>&1; then
    missing_item "kube: kube-apiserver was not ready within 60s (see $KUBE_DIR/kube-apiserver.log, etcd.log)"
    return 0
  fi
  kube_start kube-controller-manager "$KUBE_BIN/kube-controller-manager" \
    --kubeconfig="$KUBE_DIR/admin.kubeconfig" --bind-address=127.0.0.1 \
    --service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
    --use-service-account-credentials=false --leader-elect=false \
    --controllers='*,-nodeipam,-service-lb-controller,-route,-cloud-node-lifecycle'
  kube_start kube-scheduler "$KUBE_BIN/kube-scheduler" \
    --kubeconfig="$KUBE_DIR/admin.kubeconfig" --bind-address=127.0.0.1 --leader-elect=false
  kube_start kubelet "$KUBE_BIN/kubelet" --config="$KUBE_DIR/kubelet.yaml" \
    --kubeconfig="$KUBE_DIR/node.kubeconfig" --hostname-override=localhost \
    --root-dir="$KUBE_DIR/kubelet"
  if ! wait_for 90 kube_node_ready; then
    missing_item "kube: node localhost not Ready within 90s (see $KUBE_DIR/kubelet.log)"
    return 0
  fi
  ok "kube: node localhost Ready (KUBECONFIG=$KUBE_DIR/kubeconfig)"
}

# Stops the cluster: the kubelet, every container of the cluster's containerd,
# the control plane, etcd and containerd; unmounts what the kubelet mounted.
# The binaries ($KUBE_BIN) stay; the cluster's state goes with $STATE_DIR.
down_kube() {
  [[ -d "$KUBE_DIR" ]] || return 0
  stop_pidfile "$KUBE_DIR/kubelet.pid" kubelet
  if kube_pid_alive containerd; then
    local t
    for t in $(kube_ctr tasks ls -q 2>/dev/null); do
      kube_ctr tasks kill -s SIGKILL "$t" >/dev/null 2>&1 || true
    done
    for t in $(kube_ctr tasks ls -q 2>/dev/null); do
      wait_for 10 bash -c "! ctr --address '$KUBE_CTRD_SOCK' -n k8s.io tasks ls -q | grep -qx '$t' || ctr --address '$KUBE_CTRD_SOCK' -n k8s.io tasks delete '$t' >/dev/null 2>&1" || true
    done
    for t in $(kube_ctr containers ls -q 2>/dev/null); do
      kube_ctr containers delete "$t" >/dev/null 2>&1 || true
    done
  fi
  stop_pidfile "$KUBE_DIR/kube-scheduler.pid" kube-scheduler
  stop_pidfile "$KUBE_DIR/kube-controller-manager.pid" kube-controller-manager
  stop_pidfile "$KUBE_DIR/kube-apiserver.pid" kube-apiserver
  stop_pidfile "$KUBE_DIR/etcd.pid" etcd
  stop_pidfile "$KUBE_DIR/containerd.pid" containerd
  # Deepest mount points first.
  awk -v d="$KUBE_DIR/" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}
