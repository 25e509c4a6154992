// Original file: kiln/plugin/v1/provisioner.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Empty as _kiln_plugin_v1_Empty, Empty__Output as _kiln_plugin_v1_Empty__Output } from '../../../kiln/plugin/v1/Empty.js';
import type { ProvisionRequest as _kiln_plugin_v1_ProvisionRequest, ProvisionRequest__Output as _kiln_plugin_v1_ProvisionRequest__Output } from '../../../kiln/plugin/v1/ProvisionRequest.js';
import type { ProvisionerPrepareRequest as _kiln_plugin_v1_ProvisionerPrepareRequest, ProvisionerPrepareRequest__Output as _kiln_plugin_v1_ProvisionerPrepareRequest__Output } from '../../../kiln/plugin/v1/ProvisionerPrepareRequest.js';
import type { ProvisionerPrepareResponse as _kiln_plugin_v1_ProvisionerPrepareResponse, ProvisionerPrepareResponse__Output as _kiln_plugin_v1_ProvisionerPrepareResponse__Output } from '../../../kiln/plugin/v1/ProvisionerPrepareResponse.js';

/**
 * A provisioner prepares its configuration, then provisions a machine
 * through a communicator that core hands it (Communicator service on core).
 */
export interface ProvisionerClient extends grpc.Client {
  Prepare(argument: _kiln_plugin_v1_ProvisionerPrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_ProvisionerPrepareResponse__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _kiln_plugin_v1_ProvisionerPrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_ProvisionerPrepareResponse__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _kiln_plugin_v1_ProvisionerPrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_ProvisionerPrepareResponse__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _kiln_plugin_v1_ProvisionerPrepareRequest, callback: grpc.requestCallback<_kiln_plugin_v1_ProvisionerPrepareResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _kiln_plugin_v1_ProvisionerPrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_ProvisionerPrepareResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _kiln_plugin_v1_ProvisionerPrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_ProvisionerPrepareResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _kiln_plugin_v1_ProvisionerPrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_ProvisionerPrepareResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _kiln_plugin_v1_ProvisionerPrepareRequest, callback: grpc.requestCallback<_kiln_plugin_v1_ProvisionerPrepareResponse__Output>): grpc.ClientUnaryCall;
  
  Provision(argument: _kiln_plugin_v1_ProvisionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Provision(argument: _kiln_plugin_v1_ProvisionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Provision(argument: _kiln_plugin_v1_ProvisionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Provision(argument: _kiln_plugin_v1_ProvisionRequest, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  provision(argument: _kiln_plugin_v1_ProvisionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  provision(argument: _kiln_plugin_v1_ProvisionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  provision(argument: _kiln_plugin_v1_ProvisionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  provision(argument: _kiln_plugin_v1_ProvisionRequest, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  
}

/**
 * A provisioner prepares its configuration, then provisions a machine
 * through a communicator that core hands it (Communicator service on core).
 */
export interface ProvisionerHandlers extends grpc.UntypedServiceImplementation {
  Prepare: grpc.handleUnaryCall<_kiln_plugin_v1_ProvisionerPrepareRequest__Output, _kiln_plugin_v1_ProvisionerPrepareResponse>;
  
  Provision: grpc.handleUnaryCall<_kiln_plugin_v1_ProvisionRequest__Output, _kiln_plugin_v1_Empty>;
  
}

export interface ProvisionerDefinition extends grpc.ServiceDefinition {
  Prepare: MethodDefinition<_kiln_plugin_v1_ProvisionerPrepareRequest, _kiln_plugin_v1_ProvisionerPrepareResponse, _kiln_plugin_v1_ProvisionerPrepareRequest__Output, _kiln_plugin_v1_ProvisionerPrepareResponse__Output>
  Provision: MethodDefinition<_kiln_plugin_v1_ProvisionRequest, _kiln_plugin_v1_Empty, _kiln_plugin_v1_ProvisionRequest__Output, _kiln_plugin_v1_Empty__Output>
}
