// Original file: kiln/plugin/v1/core.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Empty as _kiln_plugin_v1_Empty, Empty__Output as _kiln_plugin_v1_Empty__Output } from '../../../kiln/plugin/v1/Empty.js';
import type { HookRunRequest as _kiln_plugin_v1_HookRunRequest, HookRunRequest__Output as _kiln_plugin_v1_HookRunRequest__Output } from '../../../kiln/plugin/v1/HookRunRequest.js';

/**
 * Hooks a builder calls during Run. "provision" runs the template's
 * provisioners for this build against the given communicator.
 */
export interface HookClient extends grpc.Client {
  Run(argument: _kiln_plugin_v1_HookRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Run(argument: _kiln_plugin_v1_HookRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Run(argument: _kiln_plugin_v1_HookRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Run(argument: _kiln_plugin_v1_HookRunRequest, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  run(argument: _kiln_plugin_v1_HookRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  run(argument: _kiln_plugin_v1_HookRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  run(argument: _kiln_plugin_v1_HookRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  run(argument: _kiln_plugin_v1_HookRunRequest, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Hooks a builder calls during Run. "provision" runs the template's
 * provisioners for this build against the given communicator.
 */
export interface HookHandlers extends grpc.UntypedServiceImplementation {
  Run: grpc.handleUnaryCall<_kiln_plugin_v1_HookRunRequest__Output, _kiln_plugin_v1_Empty>;
  
}

export interface HookDefinition extends grpc.ServiceDefinition {
  Run: MethodDefinition<_kiln_plugin_v1_HookRunRequest, _kiln_plugin_v1_Empty, _kiln_plugin_v1_HookRunRequest__Output, _kiln_plugin_v1_Empty__Output>
}
