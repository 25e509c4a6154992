// Original file: kiln/plugin/v1/plugin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConnectRequest as _kiln_plugin_v1_ConnectRequest, ConnectRequest__Output as _kiln_plugin_v1_ConnectRequest__Output } from '../../../kiln/plugin/v1/ConnectRequest.js';
import type { DescribeRequest as _kiln_plugin_v1_DescribeRequest, DescribeRequest__Output as _kiln_plugin_v1_DescribeRequest__Output } from '../../../kiln/plugin/v1/DescribeRequest.js';
import type { DescribeResponse as _kiln_plugin_v1_DescribeResponse, DescribeResponse__Output as _kiln_plugin_v1_DescribeResponse__Output } from '../../../kiln/plugin/v1/DescribeResponse.js';
import type { DestroyArtifactRequest as _kiln_plugin_v1_DestroyArtifactRequest, DestroyArtifactRequest__Output as _kiln_plugin_v1_DestroyArtifactRequest__Output } from '../../../kiln/plugin/v1/DestroyArtifactRequest.js';
import type { Empty as _kiln_plugin_v1_Empty, Empty__Output as _kiln_plugin_v1_Empty__Output } from '../../../kiln/plugin/v1/Empty.js';
import type { GetSchemaRequest as _kiln_plugin_v1_GetSchemaRequest, GetSchemaRequest__Output as _kiln_plugin_v1_GetSchemaRequest__Output } from '../../../kiln/plugin/v1/GetSchemaRequest.js';
import type { GetSchemaResponse as _kiln_plugin_v1_GetSchemaResponse, GetSchemaResponse__Output as _kiln_plugin_v1_GetSchemaResponse__Output } from '../../../kiln/plugin/v1/GetSchemaResponse.js';
import type { ShutdownRequest as _kiln_plugin_v1_ShutdownRequest, ShutdownRequest__Output as _kiln_plugin_v1_ShutdownRequest__Output } from '../../../kiln/plugin/v1/ShutdownRequest.js';

/**
 * Served by every plugin. Core calls Describe right after the handshake.
 */
export interface PluginClient extends grpc.Client {
  /**
   * Tells the plugin where core's services are (Ui, Hook, Communicator
   * proxy) and the token to send with each call to them. Called once,
   * before any component call.
   */
  Connect(argument: _kiln_plugin_v1_ConnectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Connect(argument: _kiln_plugin_v1_ConnectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Connect(argument: _kiln_plugin_v1_ConnectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Connect(argument: _kiln_plugin_v1_ConnectRequest, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Tells the plugin where core's services are (Ui, Hook, Communicator
   * proxy) and the token to send with each call to them. Called once,
   * before any component call.
   */
  connect(argument: _kiln_plugin_v1_ConnectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  connect(argument: _kiln_plugin_v1_ConnectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  connect(argument: _kiln_plugin_v1_ConnectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  connect(argument: _kiln_plugin_v1_ConnectRequest, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Name, version, protocol version and the components this plugin serves.
   */
  Describe(argument: _kiln_plugin_v1_DescribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _kiln_plugin_v1_DescribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _kiln_plugin_v1_DescribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _kiln_plugin_v1_DescribeRequest, callback: grpc.requestCallback<_kiln_plugin_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Name, version, protocol version and the components this plugin serves.
   */
  describe(argument: _kiln_plugin_v1_DescribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _kiln_plugin_v1_DescribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _kiln_plugin_v1_DescribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _kiln_plugin_v1_DescribeRequest, callback: grpc.requestCallback<_kiln_plugin_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes an artifact this plugin made.
   */
  DestroyArtifact(argument: _kiln_plugin_v1_DestroyArtifactRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  DestroyArtifact(argument: _kiln_plugin_v1_DestroyArtifactRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  DestroyArtifact(argument: _kiln_plugin_v1_DestroyArtifactRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  DestroyArtifact(argument: _kiln_plugin_v1_DestroyArtifactRequest, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Removes an artifact this plugin made.
   */
  destroyArtifact(argument: _kiln_plugin_v1_DestroyArtifactRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  destroyArtifact(argument: _kiln_plugin_v1_DestroyArtifactRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  destroyArtifact(argument: _kiln_plugin_v1_DestroyArtifactRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  destroyArtifact(argument: _kiln_plugin_v1_DestroyArtifactRequest, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * The configuration schema of one component.
   */
  GetSchema(argument: _kiln_plugin_v1_GetSchemaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_GetSchemaResponse__Output>): grpc.ClientUnaryCall;
  GetSchema(argument: _kiln_plugin_v1_GetSchemaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_GetSchemaResponse__Output>): grpc.ClientUnaryCall;
  GetSchema(argument: _kiln_plugin_v1_GetSchemaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_GetSchemaResponse__Output>): grpc.ClientUnaryCall;
  GetSchema(argument: _kiln_plugin_v1_GetSchemaRequest, callback: grpc.requestCallback<_kiln_plugin_v1_GetSchemaResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The configuration schema of one component.
   */
  getSchema(argument: _kiln_plugin_v1_GetSchemaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_GetSchemaResponse__Output>): grpc.ClientUnaryCall;
  getSchema(argument: _kiln_plugin_v1_GetSchemaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_GetSchemaResponse__Output>): grpc.ClientUnaryCall;
  getSchema(argument: _kiln_plugin_v1_GetSchemaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_GetSchemaResponse__Output>): grpc.ClientUnaryCall;
  getSchema(argument: _kiln_plugin_v1_GetSchemaRequest, callback: grpc.requestCallback<_kiln_plugin_v1_GetSchemaResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Asks the plugin to stop: in-flight calls are cancelled, their cleanups
   * run, then the process exits.
   */
  Shutdown(argument: _kiln_plugin_v1_ShutdownRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Shutdown(argument: _kiln_plugin_v1_ShutdownRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Shutdown(argument: _kiln_plugin_v1_ShutdownRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Shutdown(argument: _kiln_plugin_v1_ShutdownRequest, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Asks the plugin to stop: in-flight calls are cancelled, their cleanups
   * run, then the process exits.
   */
  shutdown(argument: _kiln_plugin_v1_ShutdownRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  shutdown(argument: _kiln_plugin_v1_ShutdownRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  shutdown(argument: _kiln_plugin_v1_ShutdownRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  shutdown(argument: _kiln_plugin_v1_ShutdownRequest, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Served by every plugin. Core calls Describe right after the handshake.
 */
export interface PluginHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Tells the plugin where core's services are (Ui, Hook, Communicator
   * proxy) and the token to send with each call to them. Called once,
   * before any component call.
   */
  Connect: grpc.handleUnaryCall<_kiln_plugin_v1_ConnectRequest__Output, _kiln_plugin_v1_Empty>;
  
  /**
   * Name, version, protocol version and the components this plugin serves.
   */
  Describe: grpc.handleUnaryCall<_kiln_plugin_v1_DescribeRequest__Output, _kiln_plugin_v1_DescribeResponse>;
  
  /**
   * Removes an artifact this plugin made.
   */
  DestroyArtifact: grpc.handleUnaryCall<_kiln_plugin_v1_DestroyArtifactRequest__Output, _kiln_plugin_v1_Empty>;
  
  /**
   * The configuration schema of one component.
   */
  GetSchema: grpc.handleUnaryCall<_kiln_plugin_v1_GetSchemaRequest__Output, _kiln_plugin_v1_GetSchemaResponse>;
  
  /**
   * Asks the plugin to stop: in-flight calls are cancelled, their cleanups
   * run, then the process exits.
   */
  Shutdown: grpc.handleUnaryCall<_kiln_plugin_v1_ShutdownRequest__Output, _kiln_plugin_v1_Empty>;
  
}

export interface PluginDefinition extends grpc.ServiceDefinition {
  Connect: MethodDefinition<_kiln_plugin_v1_ConnectRequest, _kiln_plugin_v1_Empty, _kiln_plugin_v1_ConnectRequest__Output, _kiln_plugin_v1_Empty__Output>
  Describe: MethodDefinition<_kiln_plugin_v1_DescribeRequest, _kiln_plugin_v1_DescribeResponse, _kiln_plugin_v1_DescribeRequest__Output, _kiln_plugin_v1_DescribeResponse__Output>
  DestroyArtifact: MethodDefinition<_kiln_plugin_v1_DestroyArtifactRequest, _kiln_plugin_v1_Empty, _kiln_plugin_v1_DestroyArtifactRequest__Output, _kiln_plugin_v1_Empty__Output>
  GetSchema: MethodDefinition<_kiln_plugin_v1_GetSchemaRequest, _kiln_plugin_v1_GetSchemaResponse, _kiln_plugin_v1_GetSchemaRequest__Output, _kiln_plugin_v1_GetSchemaResponse__Output>
  Shutdown: MethodDefinition<_kiln_plugin_v1_ShutdownRequest, _kiln_plugin_v1_Empty, _kiln_plugin_v1_ShutdownRequest__Output, _kiln_plugin_v1_Empty__Output>
}
