"""Calls to the services core serves to plugins: Ui and Hook."""

import sys
import threading

import grpc

from .handshake import TOKEN_METADATA_KEY

CALL_TIMEOUT_S = 10


class Cancelled(Exception):
    """The build was cancelled."""


class Core:
    """One channel to core, opened at Connect; every call carries core's token."""

    def __init__(self, contract, address, token):
        self._c = contract
        self._channel = grpc.insecure_channel(address)
        self._md = ((TOKEN_METADATA_KEY, token),)
        self._ui = contract.core_grpc.UiStub(self._channel)
        self._hook = contract.core_grpc.HookStub(self._channel)

    def say(self, session_id, text):
        self._ui_call(self._ui.Say, session_id, text)

    def message(self, session_id, text):
        self._ui_call(self._ui.Message, session_id, text)

    def _ui_call(self, method, session_id, text):
        # A failed Ui call must not fail the build: log it and go on.
        try:
            method(self._c.core.UiMessage(session_id=session_id, text=text), metadata=self._md,
                   timeout=CALL_TIMEOUT_S)
        except grpc.RpcError as e:
            sys.stderr.write("[python-null] Ui call failed: %s: %s\n" % (e.code(), e.details()))

    def run_hook(self, session_id, name, generated_json, cancelled):
        """Runs a hook; cancels the call and raises Cancelled when `cancelled` is set first."""
        req = self._c.core.HookRunRequest(session_id=session_id, name=name, generated_data_json=generated_json)
        future = self._hook.Run.future(req, metadata=self._md)
        done = threading.Event()
        future.add_done_callback(lambda _f: done.set())
        while not done.wait(0.05):
            if cancelled.is_set():
                future.cancel()
                raise Cancelled()
        if cancelled.is_set():
            raise Cancelled()
        future.result()

    def close(self):
        self._channel.close()
