"""The gRPC services this plugin serves: Plugin, Builder and grpc.health.v1.Health."""

import json
import threading
import uuid

import grpc

from . import builder
from .core_client import Cancelled, Core


class State:
    """What the services share: core's connection, prepared instances, in-flight runs."""

    def __init__(self, contract, name, version, request_stop):
        self.c = contract
        self.name = name
        self.version = version
        self.request_stop = request_stop
        self.core = None
        self.instances = {}
        self.inflight = set()
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def cancel_all(self):
        with self.lock:
            for ev in self.inflight:
                ev.set()

    def idle(self):
        with self.lock:
            return not self.inflight


def _builder_kind(c, kind, type_, context):
    if kind != c.common.BUILDER or type_ != builder.TYPE:
        context.abort(grpc.StatusCode.NOT_FOUND, "this plugin serves only the builder %r" % builder.TYPE)


def make_plugin_servicer(s):
    class PluginServicer(s.c.plugin_grpc.PluginServicer):
        def Describe(self, request, context):
            comp = s.c.plugin.Component(kind=s.c.common.BUILDER, type=builder.TYPE, description=builder.DESCRIPTION)
            return s.c.plugin.DescribeResponse(name=s.name, version=s.version, protocol_version=1,
                                               components=[comp], sdk="python-grpcio/" + grpc.__version__)

        def GetSchema(self, request, context):
            _builder_kind(s.c, request.kind, request.type, context)
            return s.c.plugin.GetSchemaResponse(schema=builder.schema(s.c.common))

        def Connect(self, request, context):
            old, s.core = s.core, Core(s.c, request.core_address, request.core_token)
            if old:
                old.close()
            return s.c.common.Empty()

        def DestroyArtifact(self, request, context):
            return s.c.common.Empty()

        def Shutdown(self, request, context):
            s.request_stop((request.grace_ms or 2000) / 1000.0)
            return s.c.common.Empty()

    return PluginServicer()


def make_builder_servicer(s):
    class BuilderServicer(s.c.builder_grpc.BuilderServicer):
        def Prepare(self, request, context):
            if request.type != builder.TYPE:
                diag = s.c.common.Diagnostic(severity=s.c.common.ERROR, summary="Unknown builder %r" % request.type,
                                             detail="This plugin serves only the builder %r." % builder.TYPE)
                return s.c.builder.BuilderPrepareResponse(diagnostics=[diag])
            try:
                config = json.loads(request.config_json or "{}")
            except ValueError as e:
                context.abort(grpc.StatusCode.INVALID_ARGUMENT, "config_json is not JSON: %s" % e)
            settings, diags = builder.prepare(s.c.common, config if isinstance(config, dict) else {})
            instance_id = ""
            if not diags:
                instance_id = uuid.uuid4().hex
                s.instances[instance_id] = settings
            return s.c.builder.BuilderPrepareResponse(instance_id=instance_id, diagnostics=diags,
                                                      generated_variables=["PythonVersion"])

        def Run(self, request, context):
            settings = s.instances.get(request.instance_id)
            if settings is None:
                context.abort(grpc.StatusCode.FAILED_PRECONDITION, "unknown instance %r: call Prepare first"
                              % request.instance_id)
            if s.core is None:
                context.abort(grpc.StatusCode.FAILED_PRECONDITION, "Plugin.Connect was not called")
            cancelled = threading.Event()
            context.add_callback(cancelled.set)
            with s.lock:
                s.inflight.add(cancelled)
            try:
                art = builder.run(s.core, request.session_id, settings, cancelled)
            except Cancelled:
                context.abort(grpc.StatusCode.CANCELLED, "the build was cancelled")
            except grpc.RpcError as e:
                context.abort(grpc.StatusCode.UNKNOWN, "python-null: the provision hook failed: %s" % e.details())
            finally:
                with s.lock:
                    s.inflight.discard(cancelled)
            a = s.c.common.Artifact(builder_id=art["builder_id"], id=art["id"], description=art["description"],
                                    state_json=json.dumps(art["state"]), producer_kind=s.c.common.BUILDER,
                                    producer_type=builder.TYPE)
            return s.c.builder.BuilderRunResponse(artifact=a)

    return BuilderServicer()


def make_health_servicer(s):
    h = s.c.health

    class HealthServicer(s.c.health_grpc.HealthServicer):
        def _status(self, service):
            if service not in ("", "kiln.plugin.v1.Plugin", "kiln.plugin.v1.Builder"):
                return None
            return h.HealthCheckResponse.NOT_SERVING if s.stopping.is_set() else h.HealthCheckResponse.SERVING

        def Check(self, request, context):
            status = self._status(request.service)
            if status is None:
                context.abort(grpc.StatusCode.NOT_FOUND, "unknown service %r" % request.service)
            return h.HealthCheckResponse(status=status)

        def Watch(self, request, context):
            status = self._status(request.service)
            yield h.HealthCheckResponse(status=h.HealthCheckResponse.SERVICE_UNKNOWN if status is None else status)
            while context.is_active() and not s.stopping.wait(0.5):
                pass
            if context.is_active():
                yield h.HealthCheckResponse(status=h.HealthCheckResponse.NOT_SERVING)

    return HealthServicer()
