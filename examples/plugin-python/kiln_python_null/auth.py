"""Refuses every call that does not carry the launch token."""

import hmac

import grpc

from .handshake import TOKEN_METADATA_KEY


def _deny(message):
    def unary(request, context):
        context.abort(grpc.StatusCode.UNAUTHENTICATED, message)

    def streaming(request_iterator, context):
        context.abort(grpc.StatusCode.UNAUTHENTICATED, message)

    return unary, streaming


class TokenInterceptor(grpc.ServerInterceptor):
    """Checks the `kiln-token` metadata of every call against the token Kiln gave at launch."""

    def __init__(self, token):
        self._token = token.encode()

    def intercept_service(self, continuation, details):
        handler = continuation(details)
        got = dict(details.invocation_metadata or ()).get(TOKEN_METADATA_KEY)
        if got is not None and hmac.compare_digest(got.encode(), self._token):
            return handler
        if handler is None:
            return None
        unary, streaming = _deny("missing or wrong %s metadata" % TOKEN_METADATA_KEY if got else
                                 "missing %s metadata" % TOKEN_METADATA_KEY)
        if handler.request_streaming and handler.response_streaming:
            return grpc.stream_stream_rpc_method_handler(streaming)
        if handler.request_streaming:
            return grpc.stream_unary_rpc_method_handler(streaming)
        if handler.response_streaming:
            return grpc.unary_stream_rpc_method_handler(unary)
        return grpc.unary_unary_rpc_method_handler(unary)
