# Shared helpers of test/env/up.sh and down.sh (sourced, not run).

STATE_DIR="${KILN_TEST_ENV_DIR:-${XDG_RUNTIME_DIR:-/tmp}/kiln-test-env}"
MISSING=()

info() { printf '  .. %s\n' "$*"; }
ok() { printf '  ok %s\n' "$*"; }
warn() { printf '  !! %s\n' "$*" >&2; }
missing_item() {
  warn "$*"
  MISSING+=("$*")
}

is_root() { [[ "$(id -u)" == 0 ]]; }

docker_ok() { bounded 10 docker info >/dev/null 2>&1; }

# bounded SECONDS CMD...: runs CMD with a time limit.
bounded() {
  local secs="$1"
  shift
  if command -v timeout >/dev/null 2>&1; then timeout "$secs" "$@"; else "$@"; fi
}

# wait_for SECONDS CMD...: polls CMD every half second until it succeeds or time runs out.
wait_for() {
  local secs="$1"
  shift
  local deadline=$((SECONDS + secs))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# stop_pidfile FILE NAME: stops the process recorded in FILE (TERM, then KILL after 10s).
stop_pidfile() {
  local file="$1" name="$2" pid
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait_for 10 bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
    ok "$name: stopped (pid $pid)"
  fi
  rm -f "$file"
}

report_missing() {
  if ((${#MISSING[@]})); then
    printf '\nThe test environment is incomplete; missing:\n' >&2
    printf '  - %s\n' "${MISSING[@]}" >&2
    return 1
  fi
  printf '\nTest environment ready (state: %s)\n' "$STATE_DIR"
}
