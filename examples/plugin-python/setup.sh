#!/bin/sh
# Prepares the python-null plugin: makes sure the interpreter has grpcio and
# grpcio-tools (Debian: python3-grpcio, python3-grpc-tools; installed when
# run as root), then generates the gRPC stubs from Kiln's .proto files into
# gen/ (never committed). Safe to run again.
set -eu
here=$(dirname "$(readlink -f "$0")")
python=${KILN_PYTHON:-/usr/bin/python3}
[ -x "$python" ] || python=python3

if ! "$python" -c 'import grpc, grpc_tools' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> installing python3-grpcio python3-grpc-tools"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-grpcio python3-grpc-tools
  else
    echo "python-null needs grpcio and grpcio-tools for $python:" >&2
    echo "  sudo apt-get install python3-grpcio python3-grpc-tools   (or: pip install grpcio grpcio-tools)" >&2
    exit 1
  fi
fi

PYTHONPATH="$here" "$python" -c 'from kiln_python_null.stubs import ensure_stubs; print("==> stubs in " + ensure_stubs())'
