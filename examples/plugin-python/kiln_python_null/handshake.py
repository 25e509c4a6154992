"""The plugin side of Kiln's handshake (see proto/src/handshake.ts)."""

import json
import os
import secrets
import tempfile

MAGIC_COOKIE_KEY = "KILN_PLUGIN_MAGIC_COOKIE"
MAGIC_COOKIE_VALUE = "d3b1a6c0e47f4f0e9b1c2a5d8e6f7a90kiln"
ENV_PROTOCOL_VERSIONS = "KILN_PLUGIN_PROTOCOL_VERSIONS"
ENV_SOCKET_DIR = "KILN_PLUGIN_SOCKET_DIR"
ENV_PLUGIN_TOKEN = "KILN_PLUGIN_TOKEN"
ENV_PLUGIN_DEBUG = "KILN_PLUGIN_DEBUG"
ENV_REATTACH = "KILN_REATTACH_PLUGINS"
TOKEN_METADATA_KEY = "kiln-token"
CORE_PROTOCOL_VERSION = 1
PROTOCOL_VERSION = 1


class HandshakeError(Exception):
    """Kiln did not start this process, or offered nothing this plugin speaks."""


class Launch:
    """What Kiln told the plugin through its environment."""

    def __init__(self, socket_dir, token, protocol):
        self.socket_dir = socket_dir
        self.token = token
        self.protocol = protocol


def read_launch(name, env=os.environ):
    """Checks the cookie, negotiates the protocol and reads the socket directory and token."""
    if env.get(MAGIC_COOKIE_KEY) != MAGIC_COOKIE_VALUE:
        raise HandshakeError(
            "%s is a Kiln plugin and is not meant to be run by hand. Install it with "
            "`kiln plugins install` or list it in required_plugins; Kiln starts it when a build uses it." % name
        )
    offered = []
    for v in env.get(ENV_PROTOCOL_VERSIONS, "").split(","):
        v = v.strip()
        if v.isdigit():
            offered.append(int(v))
    if PROTOCOL_VERSION not in offered:
        raise HandshakeError(
            "%s speaks plugin protocol %d, but Kiln offered %s. Use a Kiln release that supports "
            "protocol %d, or a version of this plugin built for protocol %s."
            % (name, PROTOCOL_VERSION, ", ".join(map(str, offered)) or "none", PROTOCOL_VERSION,
               " or ".join(map(str, offered)) or "?")
        )
    socket_dir = env.get(ENV_SOCKET_DIR, "")
    if not socket_dir or not os.path.isdir(socket_dir):
        raise HandshakeError("%s needs %s to name an existing directory" % (name, ENV_SOCKET_DIR))
    token = env.get(ENV_PLUGIN_TOKEN, "")
    if not token:
        raise HandshakeError("%s needs %s" % (name, ENV_PLUGIN_TOKEN))
    return Launch(socket_dir, token, PROTOCOL_VERSION)


def handshake_line(socket_path):
    """The one line written on stdout once the server listens."""
    return "%d|%d|unix|%s|grpc" % (CORE_PROTOCOL_VERSION, PROTOCOL_VERSION, socket_path)


def debug_launch():
    """KILN_PLUGIN_DEBUG=1: run by hand (e.g. under a debugger) in a private directory with a fresh token."""
    return Launch(tempfile.mkdtemp(prefix="kiln-plugin-debug-"), secrets.token_hex(32), PROTOCOL_VERSION)


def reattach_text(name, version, socket_path, launch):
    """What a plugin in debug mode prints: the KILN_REATTACH_PLUGINS value to export."""
    value = json.dumps({name: {"address": "unix:" + socket_path, "token": launch.token,
                               "protocol": launch.protocol, "pid": os.getpid()}})
    return ("%s %s is listening for kiln. In another terminal run:\n\n  export %s='%s'\n\n"
            "then run kiln as usual. Stop this plugin with Ctrl-C.\n" % (name, version, ENV_REATTACH, value))
