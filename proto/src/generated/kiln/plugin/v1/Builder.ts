// Original file: kiln/plugin/v1/builder.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BuilderPrepareRequest as _kiln_plugin_v1_BuilderPrepareRequest, BuilderPrepareRequest__Output as _kiln_plugin_v1_BuilderPrepareRequest__Output } from '../../../kiln/plugin/v1/BuilderPrepareRequest.js';
import type { BuilderPrepareResponse as _kiln_plugin_v1_BuilderPrepareResponse, BuilderPrepareResponse__Output as _kiln_plugin_v1_BuilderPrepareResponse__Output } from '../../../kiln/plugin/v1/BuilderPrepareResponse.js';
import type { BuilderRunRequest as _kiln_plugin_v1_BuilderRunRequest, BuilderRunRequest__Output as _kiln_plugin_v1_BuilderRunRequest__Output } from '../../../kiln/plugin/v1/BuilderRunRequest.js';
import type { BuilderRunResponse as _kiln_plugin_v1_BuilderRunResponse, BuilderRunResponse__Output as _kiln_plugin_v1_BuilderRunResponse__Output } from '../../../kiln/plugin/v1/BuilderRunResponse.js';

/**
 * A builder prepares its configuration, then runs: it makes a machine,
 * calls Hook.Run("provision") on core with a communicator, and returns an
 * artifact. Cancelling Run cancels the build; the builder's cleanups run.
 */
export interface BuilderClient extends grpc.Client {
  Prepare(argument: _kiln_plugin_v1_BuilderPrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderPrepareResponse__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _kiln_plugin_v1_BuilderPrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderPrepareResponse__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _kiln_plugin_v1_BuilderPrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderPrepareResponse__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _kiln_plugin_v1_BuilderPrepareRequest, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderPrepareResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _kiln_plugin_v1_BuilderPrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderPrepareResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _kiln_plugin_v1_BuilderPrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderPrepareResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _kiln_plugin_v1_BuilderPrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderPrepareResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _kiln_plugin_v1_BuilderPrepareRequest, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderPrepareResponse__Output>): grpc.ClientUnaryCall;
  
  Run(argument: _kiln_plugin_v1_BuilderRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderRunResponse__Output>): grpc.ClientUnaryCall;
  Run(argument: _kiln_plugin_v1_BuilderRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderRunResponse__Output>): grpc.ClientUnaryCall;
  Run(argument: _kiln_plugin_v1_BuilderRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderRunResponse__Output>): grpc.ClientUnaryCall;
  Run(argument: _kiln_plugin_v1_BuilderRunRequest, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderRunResponse__Output>): grpc.ClientUnaryCall;
  run(argument: _kiln_plugin_v1_BuilderRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderRunResponse__Output>): grpc.ClientUnaryCall;
  run(argument: _kiln_plugin_v1_BuilderRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderRunResponse__Output>): grpc.ClientUnaryCall;
  run(argument: _kiln_plugin_v1_BuilderRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderRunResponse__Output>): grpc.ClientUnaryCall;
  run(argument: _kiln_plugin_v1_BuilderRunRequest, callback: grpc.requestCallback<_kiln_plugin_v1_BuilderRunResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * A builder prepares its configuration, then runs: it makes a machine,
 * calls Hook.Run("provision") on core with a communicator, and returns an
 * artifact. Cancelling Run cancels the build; the builder's cleanups run.
 */
export interface BuilderHandlers extends grpc.UntypedServiceImplementation {
  Prepare: grpc.handleUnaryCall<_kiln_plugin_v1_BuilderPrepareRequest__Output, _kiln_plugin_v1_BuilderPrepareResponse>;
  
  Run: grpc.handleUnaryCall<_kiln_plugin_v1_BuilderRunRequest__Output, _kiln_plugin_v1_BuilderRunResponse>;
  
}

export interface BuilderDefinition extends grpc.ServiceDefinition {
  Prepare: MethodDefinition<_kiln_plugin_v1_BuilderPrepareRequest, _kiln_plugin_v1_BuilderPrepareResponse, _kiln_plugin_v1_BuilderPrepareRequest__Output, _kiln_plugin_v1_BuilderPrepareResponse__Output>
  Run: MethodDefinition<_kiln_plugin_v1_BuilderRunRequest, _kiln_plugin_v1_BuilderRunResponse, _kiln_plugin_v1_BuilderRunRequest__Output, _kiln_plugin_v1_BuilderRunResponse__Output>
}
