"""The python-null builder: says a message, runs the provision hook, returns an artifact.

It makes nothing but a scratch directory, which its cleanup removes whether the
build succeeds, fails or is cancelled.
"""

import json
import platform
import shutil
import tempfile
import uuid

from .core_client import Cancelled

TYPE = "python-null"
BUILDER_ID = "kiln.python-null"
DESCRIPTION = "A builder that makes nothing: it says a message and runs the provisioners without a machine."


def schema(common):
    """The configuration schema served by GetSchema."""
    return common.Schema(
        description=DESCRIPTION,
        attributes=[
            common.Attribute(name="message", type="string", required=True,
                             description="What the builder says during the build."),
            common.Attribute(name="labels", type="map(string)",
                             description="Copied into the artifact's state."),
        ],
    )


def prepare(common, config):
    """Validates a decoded body; returns (settings, diagnostics)."""
    diags = []

    def error(summary, detail, path):
        diags.append(common.Diagnostic(severity=common.ERROR, summary=summary, detail=detail,
                                       attribute_path=path))

    for key in config:
        if key not in ("message", "labels") and not key.startswith("packer_"):
            error('Unsupported argument "%s"' % key, "python-null accepts message and labels.", [key])
    message = config.get("message")
    if not isinstance(message, str) or not message:
        error('Missing required argument "message"', "Set message to a non-empty string.", ["message"])
    labels = config.get("labels") or {}
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        error("Invalid labels", "labels must be a map of strings.", ["labels"])
    return {"message": message, "labels": labels}, diags


def run(core, session_id, settings, cancelled):
    """Runs the build's steps, unwinding their cleanups in reverse; returns the artifact as a dict."""
    cleanups = []
    try:
        if cancelled.is_set():
            raise Cancelled()
        scratch = tempfile.mkdtemp(prefix="kiln-python-null-")
        core.message(session_id, "Created scratch directory " + scratch)

        def remove_scratch():
            core.say(session_id, "Removing scratch directory " + scratch)
            shutil.rmtree(scratch, ignore_errors=True)

        cleanups.append(remove_scratch)
        core.say(session_id, settings["message"])
        core.say(session_id, "Running provisioners...")
        generated = {"PythonVersion": platform.python_version()}
        core.run_hook(session_id, "provision", json.dumps(generated), cancelled)
        return {
            "builder_id": BUILDER_ID,
            "id": "python-null-" + uuid.uuid4().hex[:12],
            "description": "python-null said: " + settings["message"],
            "state": {"message": settings["message"], "labels": settings["labels"]},
        }
    finally:
        if cancelled.is_set():
            core.say(session_id, "Build was cancelled; cleaning up.")
        for cleanup in reversed(cleanups):
            _quietly(cleanup)


def _quietly(fn, *args):
    try:
        fn(*args)
    except Exception:  # noqa: BLE001 - cleanup must go on
        pass
