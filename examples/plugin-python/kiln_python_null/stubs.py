"""Generates the Python gRPC stubs from Kiln's own .proto files and imports them.

The stubs are never committed: they are made from the contract the plugin is
installed with (the @kiln/proto package, or the repository's proto/ folder),
once per contract version, into gen/<hash>/ beside the package (or a cache
directory when the package is read-only).
"""

import hashlib
import importlib
import os
import shutil
import sys
import tempfile

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTRACT_FILES = [
    "kiln/plugin/v1/common.proto",
    "kiln/plugin/v1/plugin.proto",
    "kiln/plugin/v1/builder.proto",
    "kiln/plugin/v1/core.proto",
]
HEALTH_FILE = "grpc/health/v1/health.proto"


class StubError(Exception):
    """The contract could not be found or compiled."""


def find_proto_root():
    """The directory holding kiln/plugin/v1/*.proto: $KILN_PROTO_DIR, an installed @kiln/proto, or the repository."""
    explicit = os.environ.get("KILN_PROTO_DIR")
    candidates = [explicit] if explicit else []
    d = PACKAGE_DIR
    while True:
        candidates.append(os.path.join(d, "node_modules", "@kiln", "proto"))
        candidates.append(os.path.join(d, "proto"))
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    for c in candidates:
        if os.path.isfile(os.path.join(c, CONTRACT_FILES[1])) and os.path.isfile(os.path.join(c, HEALTH_FILE)):
            return c
    raise StubError(
        "cannot find Kiln's .proto files (kiln/plugin/v1/plugin.proto): install the @kiln/proto "
        "package beside this plugin or set KILN_PROTO_DIR to its directory"
    )


def _contract_hash(root):
    h = hashlib.sha256()
    for f in CONTRACT_FILES + [HEALTH_FILE]:
        with open(os.path.join(root, f), "rb") as fh:
            h.update(f.encode() + b"\0" + fh.read())
    return h.hexdigest()[:16]


def _protoc(args):
    try:
        from grpc_tools import protoc
    except ImportError as e:
        raise StubError(
            "grpcio-tools is not installed for %s (Debian: apt-get install python3-grpc-tools)" % sys.executable
        ) from e
    if protoc.main(["protoc"] + args) != 0:
        raise StubError("protoc failed on " + " ".join(args))


def _generate(root, out):
    _protoc(["-I" + root, "--python_out=" + out, "--grpc_python_out=" + out] + CONTRACT_FILES)
    # health.proto lives in package grpc.health.v1; compiling it from its own
    # folder keeps its module out of the real `grpc` package's namespace.
    health_dir = os.path.join(root, os.path.dirname(HEALTH_FILE))
    _protoc(["-I" + health_dir, "--python_out=" + out, "--grpc_python_out=" + out, os.path.basename(HEALTH_FILE)])


def _target_dirs(digest):
    yield os.path.join(PACKAGE_DIR, "gen", digest)
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    yield os.path.join(cache, "kiln", "plugin-python-null", digest)


def ensure_stubs():
    """Makes sure the stubs for the installed contract exist; returns their directory."""
    root = find_proto_root()
    digest = _contract_hash(root)
    last_error = None
    for target in _target_dirs(digest):
        if os.path.isdir(target):
            return target
        parent = os.path.dirname(target)
        try:
            os.makedirs(parent, exist_ok=True)
            tmp = tempfile.mkdtemp(prefix=".tmp-", dir=parent)
        except OSError as e:
            last_error = e
            continue
        try:
            _generate(root, tmp)
            try:
                os.rename(tmp, target)
            except OSError:
                if not os.path.isdir(target):
                    raise
            return target
        except OSError as e:
            last_error = e
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    raise StubError("cannot write generated stubs: %s" % last_error)


class Contract:
    """The generated modules, by short name."""

    def __init__(self, directory):
        if directory not in sys.path:
            sys.path.insert(0, directory)
        self.common = importlib.import_module("kiln.plugin.v1.common_pb2")
        self.plugin = importlib.import_module("kiln.plugin.v1.plugin_pb2")
        self.plugin_grpc = importlib.import_module("kiln.plugin.v1.plugin_pb2_grpc")
        self.builder = importlib.import_module("kiln.plugin.v1.builder_pb2")
        self.builder_grpc = importlib.import_module("kiln.plugin.v1.builder_pb2_grpc")
        self.core = importlib.import_module("kiln.plugin.v1.core_pb2")
        self.core_grpc = importlib.import_module("kiln.plugin.v1.core_pb2_grpc")
        self.health = importlib.import_module("health_pb2")
        self.health_grpc = importlib.import_module("health_pb2_grpc")


def load_contract():
    """Generates (when needed) and imports the stubs."""
    return Contract(ensure_stubs())
