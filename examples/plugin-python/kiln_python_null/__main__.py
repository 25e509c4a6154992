"""Entry point: checks the launch, serves the plugin, exits when stdin closes or on Shutdown."""

import json
import os
import shutil
import signal
import sys
import threading
import time
from concurrent import futures

from .handshake import ENV_PLUGIN_DEBUG, HandshakeError, debug_launch, handshake_line, read_launch, reattach_text
from .stubs import PACKAGE_DIR, StubError

NAME_FALLBACK = "kiln-plugin-python-null"


def log(text):
    sys.stderr.write("[python-null] %s\n" % text)
    sys.stderr.flush()


def package_identity():
    try:
        with open(os.path.join(PACKAGE_DIR, "package.json")) as f:
            pkg = json.load(f)
        return pkg.get("name", NAME_FALLBACK), pkg.get("version", "0.0.0")
    except (OSError, ValueError):
        return NAME_FALLBACK, "0.0.0"


def main():
    # Ctrl-C reaches core only; core cancels this plugin over the contract.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    name, version = package_identity()
    debug = os.environ.get(ENV_PLUGIN_DEBUG) == "1"
    try:
        launch = debug_launch() if debug else read_launch(name)
    except HandshakeError as e:
        log(str(e))
        return 1
    try:
        import grpc

        from .stubs import load_contract

        contract = load_contract()
    except (ImportError, StubError) as e:
        log("cannot start: %s" % e)
        return 1

    from .auth import TokenInterceptor
    from .service import State, make_builder_servicer, make_health_servicer, make_plugin_servicer

    stop_grace = [2.0]
    stop = threading.Event()

    def request_stop(grace_s):
        stop_grace[0] = grace_s
        stop.set()

    state = State(contract, name, version, request_stop)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), interceptors=[TokenInterceptor(launch.token)])
    contract.plugin_grpc.add_PluginServicer_to_server(make_plugin_servicer(state), server)
    contract.builder_grpc.add_BuilderServicer_to_server(make_builder_servicer(state), server)
    contract.health_grpc.add_HealthServicer_to_server(make_health_servicer(state), server)
    socket_path = os.path.join(launch.socket_dir, "plugin.sock")
    if server.add_insecure_port("unix:" + socket_path) == 0:
        log("cannot listen on %s" % socket_path)
        return 1
    server.start()
    log("%s %s listening on %s" % (name, version, socket_path))
    if debug:
        sys.stdout.write(reattach_text(name, version, socket_path, launch))
        signal.signal(signal.SIGINT, lambda *_: request_stop(2.0))
    else:
        sys.stdout.write(handshake_line(socket_path) + "\n")
    sys.stdout.flush()

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except OSError:
            pass
        log("stdin closed: stopping")
        request_stop(2.0)

    if not debug:
        threading.Thread(target=watch_stdin, name="stdin", daemon=True).start()
    while not stop.wait(0.5):
        pass
    state.stopping.set()
    state.cancel_all()
    deadline = time.monotonic() + stop_grace[0]
    while not state.idle() and time.monotonic() < deadline:
        time.sleep(0.05)
    server.stop(max(0.0, deadline - time.monotonic())).wait(5)
    try:
        os.unlink(socket_path)
    except OSError:
        pass
    if debug:
        shutil.rmtree(launch.socket_dir, ignore_errors=True)
    log("stopped")
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
