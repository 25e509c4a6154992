// Original file: kiln/plugin/v1/data_source.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DataSourceConfigureRequest as _kiln_plugin_v1_DataSourceConfigureRequest, DataSourceConfigureRequest__Output as _kiln_plugin_v1_DataSourceConfigureRequest__Output } from '../../../kiln/plugin/v1/DataSourceConfigureRequest.js';
import type { DataSourceConfigureResponse as _kiln_plugin_v1_DataSourceConfigureResponse, DataSourceConfigureResponse__Output as _kiln_plugin_v1_DataSourceConfigureResponse__Output } from '../../../kiln/plugin/v1/DataSourceConfigureResponse.js';
import type { DataSourceExecuteRequest as _kiln_plugin_v1_DataSourceExecuteRequest, DataSourceExecuteRequest__Output as _kiln_plugin_v1_DataSourceExecuteRequest__Output } from '../../../kiln/plugin/v1/DataSourceExecuteRequest.js';
import type { DataSourceExecuteResponse as _kiln_plugin_v1_DataSourceExecuteResponse, DataSourceExecuteResponse__Output as _kiln_plugin_v1_DataSourceExecuteResponse__Output } from '../../../kiln/plugin/v1/DataSourceExecuteResponse.js';
import type { DataSourceOutputSchemaRequest as _kiln_plugin_v1_DataSourceOutputSchemaRequest, DataSourceOutputSchemaRequest__Output as _kiln_plugin_v1_DataSourceOutputSchemaRequest__Output } from '../../../kiln/plugin/v1/DataSourceOutputSchemaRequest.js';
import type { DataSourceOutputSchemaResponse as _kiln_plugin_v1_DataSourceOutputSchemaResponse, DataSourceOutputSchemaResponse__Output as _kiln_plugin_v1_DataSourceOutputSchemaResponse__Output } from '../../../kiln/plugin/v1/DataSourceOutputSchemaResponse.js';

/**
 * A data source is configured from a `data` block and executed once, before
 * the builds start; its result is readable as data.<type>.<name>.<attr>.
 */
export interface DataSourceClient extends grpc.Client {
  Configure(argument: _kiln_plugin_v1_DataSourceConfigureRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceConfigureResponse__Output>): grpc.ClientUnaryCall;
  Configure(argument: _kiln_plugin_v1_DataSourceConfigureRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceConfigureResponse__Output>): grpc.ClientUnaryCall;
  Configure(argument: _kiln_plugin_v1_DataSourceConfigureRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceConfigureResponse__Output>): grpc.ClientUnaryCall;
  Configure(argument: _kiln_plugin_v1_DataSourceConfigureRequest, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceConfigureResponse__Output>): grpc.ClientUnaryCall;
  configure(argument: _kiln_plugin_v1_DataSourceConfigureRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceConfigureResponse__Output>): grpc.ClientUnaryCall;
  configure(argument: _kiln_plugin_v1_DataSourceConfigureRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceConfigureResponse__Output>): grpc.ClientUnaryCall;
  configure(argument: _kiln_plugin_v1_DataSourceConfigureRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceConfigureResponse__Output>): grpc.ClientUnaryCall;
  configure(argument: _kiln_plugin_v1_DataSourceConfigureRequest, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceConfigureResponse__Output>): grpc.ClientUnaryCall;
  
  Execute(argument: _kiln_plugin_v1_DataSourceExecuteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceExecuteResponse__Output>): grpc.ClientUnaryCall;
  Execute(argument: _kiln_plugin_v1_DataSourceExecuteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceExecuteResponse__Output>): grpc.ClientUnaryCall;
  Execute(argument: _kiln_plugin_v1_DataSourceExecuteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceExecuteResponse__Output>): grpc.ClientUnaryCall;
  Execute(argument: _kiln_plugin_v1_DataSourceExecuteRequest, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceExecuteResponse__Output>): grpc.ClientUnaryCall;
  execute(argument: _kiln_plugin_v1_DataSourceExecuteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceExecuteResponse__Output>): grpc.ClientUnaryCall;
  execute(argument: _kiln_plugin_v1_DataSourceExecuteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceExecuteResponse__Output>): grpc.ClientUnaryCall;
  execute(argument: _kiln_plugin_v1_DataSourceExecuteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceExecuteResponse__Output>): grpc.ClientUnaryCall;
  execute(argument: _kiln_plugin_v1_DataSourceExecuteRequest, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceExecuteResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The schema of the value Execute returns.
   */
  OutputSchema(argument: _kiln_plugin_v1_DataSourceOutputSchemaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceOutputSchemaResponse__Output>): grpc.ClientUnaryCall;
  OutputSchema(argument: _kiln_plugin_v1_DataSourceOutputSchemaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceOutputSchemaResponse__Output>): grpc.ClientUnaryCall;
  OutputSchema(argument: _kiln_plugin_v1_DataSourceOutputSchemaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceOutputSchemaResponse__Output>): grpc.ClientUnaryCall;
  OutputSchema(argument: _kiln_plugin_v1_DataSourceOutputSchemaRequest, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceOutputSchemaResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The schema of the value Execute returns.
   */
  outputSchema(argument: _kiln_plugin_v1_DataSourceOutputSchemaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceOutputSchemaResponse__Output>): grpc.ClientUnaryCall;
  outputSchema(argument: _kiln_plugin_v1_DataSourceOutputSchemaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceOutputSchemaResponse__Output>): grpc.ClientUnaryCall;
  outputSchema(argument: _kiln_plugin_v1_DataSourceOutputSchemaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceOutputSchemaResponse__Output>): grpc.ClientUnaryCall;
  outputSchema(argument: _kiln_plugin_v1_DataSourceOutputSchemaRequest, callback: grpc.requestCallback<_kiln_plugin_v1_DataSourceOutputSchemaResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * A data source is configured from a `data` block and executed once, before
 * the builds start; its result is readable as data.<type>.<name>.<attr>.
 */
export interface DataSourceHandlers extends grpc.UntypedServiceImplementation {
  Configure: grpc.handleUnaryCall<_kiln_plugin_v1_DataSourceConfigureRequest__Output, _kiln_plugin_v1_DataSourceConfigureResponse>;
  
  Execute: grpc.handleUnaryCall<_kiln_plugin_v1_DataSourceExecuteRequest__Output, _kiln_plugin_v1_DataSourceExecuteResponse>;
  
  /**
   * The schema of the value Execute returns.
   */
  OutputSchema: grpc.handleUnaryCall<_kiln_plugin_v1_DataSourceOutputSchemaRequest__Output, _kiln_plugin_v1_DataSourceOutputSchemaResponse>;
  
}

export interface DataSourceDefinition extends grpc.ServiceDefinition {
  Configure: MethodDefinition<_kiln_plugin_v1_DataSourceConfigureRequest, _kiln_plugin_v1_DataSourceConfigureResponse, _kiln_plugin_v1_DataSourceConfigureRequest__Output, _kiln_plugin_v1_DataSourceConfigureResponse__Output>
  Execute: MethodDefinition<_kiln_plugin_v1_DataSourceExecuteRequest, _kiln_plugin_v1_DataSourceExecuteResponse, _kiln_plugin_v1_DataSourceExecuteRequest__Output, _kiln_plugin_v1_DataSourceExecuteResponse__Output>
  OutputSchema: MethodDefinition<_kiln_plugin_v1_DataSourceOutputSchemaRequest, _kiln_plugin_v1_DataSourceOutputSchemaResponse, _kiln_plugin_v1_DataSourceOutputSchemaRequest__Output, _kiln_plugin_v1_DataSourceOutputSchemaResponse__Output>
}
