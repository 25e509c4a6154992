// Original file: kiln/plugin/v1/leftovers.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListLeftoversRequest as _kiln_plugin_v1_ListLeftoversRequest, ListLeftoversRequest__Output as _kiln_plugin_v1_ListLeftoversRequest__Output } from '../../../kiln/plugin/v1/ListLeftoversRequest.js';
import type { ListLeftoversResponse as _kiln_plugin_v1_ListLeftoversResponse, ListLeftoversResponse__Output as _kiln_plugin_v1_ListLeftoversResponse__Output } from '../../../kiln/plugin/v1/ListLeftoversResponse.js';
import type { RemoveLeftoversRequest as _kiln_plugin_v1_RemoveLeftoversRequest, RemoveLeftoversRequest__Output as _kiln_plugin_v1_RemoveLeftoversRequest__Output } from '../../../kiln/plugin/v1/RemoveLeftoversRequest.js';
import type { RemoveLeftoversResponse as _kiln_plugin_v1_RemoveLeftoversResponse, RemoveLeftoversResponse__Output as _kiln_plugin_v1_RemoveLeftoversResponse__Output } from '../../../kiln/plugin/v1/RemoveLeftoversResponse.js';

/**
 * Optional. A plugin whose builds make things that outlive a killed plugin
 * or an -on-error=abort build (containers, VMs, cloud instances) lists and
 * removes them here, for `kiln cleanup`. A plugin that serves it names
 * "kiln.plugin.v1.Leftovers" in DescribeResponse.services.
 */
export interface LeftoversClient extends grpc.Client {
  /**
   * What builds left, found by the run id the plugin labelled them with.
   */
  List(argument: _kiln_plugin_v1_ListLeftoversRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_ListLeftoversResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _kiln_plugin_v1_ListLeftoversRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_ListLeftoversResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _kiln_plugin_v1_ListLeftoversRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_ListLeftoversResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _kiln_plugin_v1_ListLeftoversRequest, callback: grpc.requestCallback<_kiln_plugin_v1_ListLeftoversResponse__Output>): grpc.ClientUnaryCall;
  /**
   * What builds left, found by the run id the plugin labelled them with.
   */
  list(argument: _kiln_plugin_v1_ListLeftoversRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_ListLeftoversResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _kiln_plugin_v1_ListLeftoversRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_ListLeftoversResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _kiln_plugin_v1_ListLeftoversRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_ListLeftoversResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _kiln_plugin_v1_ListLeftoversRequest, callback: grpc.requestCallback<_kiln_plugin_v1_ListLeftoversResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes the given leftovers (as List returned them).
   */
  Remove(argument: _kiln_plugin_v1_RemoveLeftoversRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_RemoveLeftoversResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _kiln_plugin_v1_RemoveLeftoversRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_RemoveLeftoversResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _kiln_plugin_v1_RemoveLeftoversRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_RemoveLeftoversResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _kiln_plugin_v1_RemoveLeftoversRequest, callback: grpc.requestCallback<_kiln_plugin_v1_RemoveLeftoversResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes the given leftovers (as List returned them).
   */
  remove(argument: _kiln_plugin_v1_RemoveLeftoversRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_RemoveLeftoversResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _kiln_plugin_v1_RemoveLeftoversRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_RemoveLeftoversResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _kiln_plugin_v1_RemoveLeftoversRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_RemoveLeftoversResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _kiln_plugin_v1_RemoveLeftoversRequest, callback: grpc.requestCallback<_kiln_plugin_v1_RemoveLeftoversResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Optional. A plugin whose builds make things that outlive a killed plugin
 * or an -on-error=abort build (containers, VMs, cloud instances) lists and
 * removes them here, for `kiln cleanup`. A plugin that serves it names
 * "kiln.plugin.v1.Leftovers" in DescribeResponse.services.
 */
export interface LeftoversHandlers extends grpc.UntypedServiceImplementation {
  /**
   * What builds left, found by the run id the plugin labelled them with.
   */
  List: grpc.handleUnaryCall<_kiln_plugin_v1_ListLeftoversRequest__Output, _kiln_plugin_v1_ListLeftoversResponse>;
  
  /**
   * Removes the given leftovers (as List returned them).
   */
  Remove: grpc.handleUnaryCall<_kiln_plugin_v1_RemoveLeftoversRequest__Output, _kiln_plugin_v1_RemoveLeftoversResponse>;
  
}

export interface LeftoversDefinition extends grpc.ServiceDefinition {
  List: MethodDefinition<_kiln_plugin_v1_ListLeftoversRequest, _kiln_plugin_v1_ListLeftoversResponse, _kiln_plugin_v1_ListLeftoversRequest__Output, _kiln_plugin_v1_ListLeftoversResponse__Output>
  Remove: MethodDefinition<_kiln_plugin_v1_RemoveLeftoversRequest, _kiln_plugin_v1_RemoveLeftoversResponse, _kiln_plugin_v1_RemoveLeftoversRequest__Output, _kiln_plugin_v1_RemoveLeftoversResponse__Output>
}
