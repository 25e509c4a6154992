// Original file: kiln/plugin/v1/post_processor.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { PostProcessRequest as _kiln_plugin_v1_PostProcessRequest, PostProcessRequest__Output as _kiln_plugin_v1_PostProcessRequest__Output } from '../../../kiln/plugin/v1/PostProcessRequest.js';
import type { PostProcessResponse as _kiln_plugin_v1_PostProcessResponse, PostProcessResponse__Output as _kiln_plugin_v1_PostProcessResponse__Output } from '../../../kiln/plugin/v1/PostProcessResponse.js';
import type { PostProcessorConfigureRequest as _kiln_plugin_v1_PostProcessorConfigureRequest, PostProcessorConfigureRequest__Output as _kiln_plugin_v1_PostProcessorConfigureRequest__Output } from '../../../kiln/plugin/v1/PostProcessorConfigureRequest.js';
import type { PostProcessorConfigureResponse as _kiln_plugin_v1_PostProcessorConfigureResponse, PostProcessorConfigureResponse__Output as _kiln_plugin_v1_PostProcessorConfigureResponse__Output } from '../../../kiln/plugin/v1/PostProcessorConfigureResponse.js';

/**
 * A post-processor turns one artifact into another.
 */
export interface PostProcessorClient extends grpc.Client {
  Configure(argument: _kiln_plugin_v1_PostProcessorConfigureRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessorConfigureResponse__Output>): grpc.ClientUnaryCall;
  Configure(argument: _kiln_plugin_v1_PostProcessorConfigureRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessorConfigureResponse__Output>): grpc.ClientUnaryCall;
  Configure(argument: _kiln_plugin_v1_PostProcessorConfigureRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessorConfigureResponse__Output>): grpc.ClientUnaryCall;
  Configure(argument: _kiln_plugin_v1_PostProcessorConfigureRequest, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessorConfigureResponse__Output>): grpc.ClientUnaryCall;
  configure(argument: _kiln_plugin_v1_PostProcessorConfigureRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessorConfigureResponse__Output>): grpc.ClientUnaryCall;
  configure(argument: _kiln_plugin_v1_PostProcessorConfigureRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessorConfigureResponse__Output>): grpc.ClientUnaryCall;
  configure(argument: _kiln_plugin_v1_PostProcessorConfigureRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessorConfigureResponse__Output>): grpc.ClientUnaryCall;
  configure(argument: _kiln_plugin_v1_PostProcessorConfigureRequest, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessorConfigureResponse__Output>): grpc.ClientUnaryCall;
  
  PostProcess(argument: _kiln_plugin_v1_PostProcessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessResponse__Output>): grpc.ClientUnaryCall;
  PostProcess(argument: _kiln_plugin_v1_PostProcessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessResponse__Output>): grpc.ClientUnaryCall;
  PostProcess(argument: _kiln_plugin_v1_PostProcessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessResponse__Output>): grpc.ClientUnaryCall;
  PostProcess(argument: _kiln_plugin_v1_PostProcessRequest, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessResponse__Output>): grpc.ClientUnaryCall;
  postProcess(argument: _kiln_plugin_v1_PostProcessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessResponse__Output>): grpc.ClientUnaryCall;
  postProcess(argument: _kiln_plugin_v1_PostProcessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessResponse__Output>): grpc.ClientUnaryCall;
  postProcess(argument: _kiln_plugin_v1_PostProcessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessResponse__Output>): grpc.ClientUnaryCall;
  postProcess(argument: _kiln_plugin_v1_PostProcessRequest, callback: grpc.requestCallback<_kiln_plugin_v1_PostProcessResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * A post-processor turns one artifact into another.
 */
export interface PostProcessorHandlers extends grpc.UntypedServiceImplementation {
  Configure: grpc.handleUnaryCall<_kiln_plugin_v1_PostProcessorConfigureRequest__Output, _kiln_plugin_v1_PostProcessorConfigureResponse>;
  
  PostProcess: grpc.handleUnaryCall<_kiln_plugin_v1_PostProcessRequest__Output, _kiln_plugin_v1_PostProcessResponse>;
  
}

export interface PostProcessorDefinition extends grpc.ServiceDefinition {
  Configure: MethodDefinition<_kiln_plugin_v1_PostProcessorConfigureRequest, _kiln_plugin_v1_PostProcessorConfigureResponse, _kiln_plugin_v1_PostProcessorConfigureRequest__Output, _kiln_plugin_v1_PostProcessorConfigureResponse__Output>
  PostProcess: MethodDefinition<_kiln_plugin_v1_PostProcessRequest, _kiln_plugin_v1_PostProcessResponse, _kiln_plugin_v1_PostProcessRequest__Output, _kiln_plugin_v1_PostProcessResponse__Output>
}
