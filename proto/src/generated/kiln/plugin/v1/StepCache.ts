// Original file: kiln/plugin/v1/step_cache.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { StepCacheBaseRequest as _kiln_plugin_v1_StepCacheBaseRequest, StepCacheBaseRequest__Output as _kiln_plugin_v1_StepCacheBaseRequest__Output } from '../../../kiln/plugin/v1/StepCacheBaseRequest.js';
import type { StepCacheBaseResponse as _kiln_plugin_v1_StepCacheBaseResponse, StepCacheBaseResponse__Output as _kiln_plugin_v1_StepCacheBaseResponse__Output } from '../../../kiln/plugin/v1/StepCacheBaseResponse.js';
import type { StepCacheCheckRequest as _kiln_plugin_v1_StepCacheCheckRequest, StepCacheCheckRequest__Output as _kiln_plugin_v1_StepCacheCheckRequest__Output } from '../../../kiln/plugin/v1/StepCacheCheckRequest.js';
import type { StepCacheCheckResponse as _kiln_plugin_v1_StepCacheCheckResponse, StepCacheCheckResponse__Output as _kiln_plugin_v1_StepCacheCheckResponse__Output } from '../../../kiln/plugin/v1/StepCacheCheckResponse.js';
import type { StepCacheListRequest as _kiln_plugin_v1_StepCacheListRequest, StepCacheListRequest__Output as _kiln_plugin_v1_StepCacheListRequest__Output } from '../../../kiln/plugin/v1/StepCacheListRequest.js';
import type { StepCacheListResponse as _kiln_plugin_v1_StepCacheListResponse, StepCacheListResponse__Output as _kiln_plugin_v1_StepCacheListResponse__Output } from '../../../kiln/plugin/v1/StepCacheListResponse.js';
import type { StepCacheRemoveRequest as _kiln_plugin_v1_StepCacheRemoveRequest, StepCacheRemoveRequest__Output as _kiln_plugin_v1_StepCacheRemoveRequest__Output } from '../../../kiln/plugin/v1/StepCacheRemoveRequest.js';
import type { StepCacheRemoveResponse as _kiln_plugin_v1_StepCacheRemoveResponse, StepCacheRemoveResponse__Output as _kiln_plugin_v1_StepCacheRemoveResponse__Output } from '../../../kiln/plugin/v1/StepCacheRemoveResponse.js';
import type { StepCacheSaveRequest as _kiln_plugin_v1_StepCacheSaveRequest, StepCacheSaveRequest__Output as _kiln_plugin_v1_StepCacheSaveRequest__Output } from '../../../kiln/plugin/v1/StepCacheSaveRequest.js';
import type { StepCacheSaveResponse as _kiln_plugin_v1_StepCacheSaveResponse, StepCacheSaveResponse__Output as _kiln_plugin_v1_StepCacheSaveResponse__Output } from '../../../kiln/plugin/v1/StepCacheSaveResponse.js';

/**
 * Optional. A plugin whose builders can save the state of a build's machine
 * after a provisioner and start a later build from it serves this service,
 * names "kiln.plugin.v1.StepCache" in DescribeResponse.services and lists
 * "step_cache" in the capabilities of each such builder (Component). Core
 * computes the keys and decides hits; the plugin stores and restores. A
 * builder that starts from an entry (BuilderRunRequest.start_from_key) says
 * so in HookRunRequest.restored_key; a build it can save offers a machine in
 * HookRunRequest.machine_id, which core passes to Save.
 */
export interface StepCacheClient extends grpc.Client {
  /**
   * What a prepared builder's key chain starts from: the identity of the
   * machine's starting point (the base image's digest, the ISO's checksum).
   * Empty: this build cannot be cached (core runs it without the cache).
   */
  Base(argument: _kiln_plugin_v1_StepCacheBaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheBaseResponse__Output>): grpc.ClientUnaryCall;
  Base(argument: _kiln_plugin_v1_StepCacheBaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheBaseResponse__Output>): grpc.ClientUnaryCall;
  Base(argument: _kiln_plugin_v1_StepCacheBaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheBaseResponse__Output>): grpc.ClientUnaryCall;
  Base(argument: _kiln_plugin_v1_StepCacheBaseRequest, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheBaseResponse__Output>): grpc.ClientUnaryCall;
  /**
   * What a prepared builder's key chain starts from: the identity of the
   * machine's starting point (the base image's digest, the ISO's checksum).
   * Empty: this build cannot be cached (core runs it without the cache).
   */
  base(argument: _kiln_plugin_v1_StepCacheBaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheBaseResponse__Output>): grpc.ClientUnaryCall;
  base(argument: _kiln_plugin_v1_StepCacheBaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheBaseResponse__Output>): grpc.ClientUnaryCall;
  base(argument: _kiln_plugin_v1_StepCacheBaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheBaseResponse__Output>): grpc.ClientUnaryCall;
  base(argument: _kiln_plugin_v1_StepCacheBaseRequest, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheBaseResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Which of the given keys have an entry that can be started from.
   */
  Check(argument: _kiln_plugin_v1_StepCacheCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheCheckResponse__Output>): grpc.ClientUnaryCall;
  Check(argument: _kiln_plugin_v1_StepCacheCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheCheckResponse__Output>): grpc.ClientUnaryCall;
  Check(argument: _kiln_plugin_v1_StepCacheCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheCheckResponse__Output>): grpc.ClientUnaryCall;
  Check(argument: _kiln_plugin_v1_StepCacheCheckRequest, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheCheckResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Which of the given keys have an entry that can be started from.
   */
  check(argument: _kiln_plugin_v1_StepCacheCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheCheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _kiln_plugin_v1_StepCacheCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheCheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _kiln_plugin_v1_StepCacheCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheCheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _kiln_plugin_v1_StepCacheCheckRequest, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheCheckResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Every entry this plugin holds.
   */
  List(argument: _kiln_plugin_v1_StepCacheListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _kiln_plugin_v1_StepCacheListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _kiln_plugin_v1_StepCacheListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _kiln_plugin_v1_StepCacheListRequest, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheListResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Every entry this plugin holds.
   */
  list(argument: _kiln_plugin_v1_StepCacheListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _kiln_plugin_v1_StepCacheListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _kiln_plugin_v1_StepCacheListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _kiln_plugin_v1_StepCacheListRequest, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheListResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes the given entries (as List returned them).
   */
  Remove(argument: _kiln_plugin_v1_StepCacheRemoveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheRemoveResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _kiln_plugin_v1_StepCacheRemoveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheRemoveResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _kiln_plugin_v1_StepCacheRemoveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheRemoveResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _kiln_plugin_v1_StepCacheRemoveRequest, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheRemoveResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes the given entries (as List returned them).
   */
  remove(argument: _kiln_plugin_v1_StepCacheRemoveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheRemoveResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _kiln_plugin_v1_StepCacheRemoveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheRemoveResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _kiln_plugin_v1_StepCacheRemoveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheRemoveResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _kiln_plugin_v1_StepCacheRemoveRequest, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheRemoveResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Saves the current state of a build's machine under a key.
   */
  Save(argument: _kiln_plugin_v1_StepCacheSaveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheSaveResponse__Output>): grpc.ClientUnaryCall;
  Save(argument: _kiln_plugin_v1_StepCacheSaveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheSaveResponse__Output>): grpc.ClientUnaryCall;
  Save(argument: _kiln_plugin_v1_StepCacheSaveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheSaveResponse__Output>): grpc.ClientUnaryCall;
  Save(argument: _kiln_plugin_v1_StepCacheSaveRequest, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheSaveResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Saves the current state of a build's machine under a key.
   */
  save(argument: _kiln_plugin_v1_StepCacheSaveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheSaveResponse__Output>): grpc.ClientUnaryCall;
  save(argument: _kiln_plugin_v1_StepCacheSaveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheSaveResponse__Output>): grpc.ClientUnaryCall;
  save(argument: _kiln_plugin_v1_StepCacheSaveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheSaveResponse__Output>): grpc.ClientUnaryCall;
  save(argument: _kiln_plugin_v1_StepCacheSaveRequest, callback: grpc.requestCallback<_kiln_plugin_v1_StepCacheSaveResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Optional. A plugin whose builders can save the state of a build's machine
 * after a provisioner and start a later build from it serves this service,
 * names "kiln.plugin.v1.StepCache" in DescribeResponse.services and lists
 * "step_cache" in the capabilities of each such builder (Component). Core
 * computes the keys and decides hits; the plugin stores and restores. A
 * builder that starts from an entry (BuilderRunRequest.start_from_key) says
 * so in HookRunRequest.restored_key; a build it can save offers a machine in
 * HookRunRequest.machine_id, which core passes to Save.
 */
export interface StepCacheHandlers extends grpc.UntypedServiceImplementation {
  /**
   * What a prepared builder's key chain starts from: the identity of the
   * machine's starting point (the base image's digest, the ISO's checksum).
   * Empty: this build cannot be cached (core runs it without the cache).
   */
  Base: grpc.handleUnaryCall<_kiln_plugin_v1_StepCacheBaseRequest__Output, _kiln_plugin_v1_StepCacheBaseResponse>;
  
  /**
   * Which of the given keys have an entry that can be started from.
   */
  Check: grpc.handleUnaryCall<_kiln_plugin_v1_StepCacheCheckRequest__Output, _kiln_plugin_v1_StepCacheCheckResponse>;
  
  /**
   * Every entry this plugin holds.
   */
  List: grpc.handleUnaryCall<_kiln_plugin_v1_StepCacheListRequest__Output, _kiln_plugin_v1_StepCacheListResponse>;
  
  /**
   * Removes the given entries (as List returned them).
   */
  Remove: grpc.handleUnaryCall<_kiln_plugin_v1_StepCacheRemoveRequest__Output, _kiln_plugin_v1_StepCacheRemoveResponse>;
  
  /**
   * Saves the current state of a build's machine under a key.
   */
  Save: grpc.handleUnaryCall<_kiln_plugin_v1_StepCacheSaveRequest__Output, _kiln_plugin_v1_StepCacheSaveResponse>;
  
}

export interface StepCacheDefinition extends grpc.ServiceDefinition {
  Base: MethodDefinition<_kiln_plugin_v1_StepCacheBaseRequest, _kiln_plugin_v1_StepCacheBaseResponse, _kiln_plugin_v1_StepCacheBaseRequest__Output, _kiln_plugin_v1_StepCacheBaseResponse__Output>
  Check: MethodDefinition<_kiln_plugin_v1_StepCacheCheckRequest, _kiln_plugin_v1_StepCacheCheckResponse, _kiln_plugin_v1_StepCacheCheckRequest__Output, _kiln_plugin_v1_StepCacheCheckResponse__Output>
  List: MethodDefinition<_kiln_plugin_v1_StepCacheListRequest, _kiln_plugin_v1_StepCacheListResponse, _kiln_plugin_v1_StepCacheListRequest__Output, _kiln_plugin_v1_StepCacheListResponse__Output>
  Remove: MethodDefinition<_kiln_plugin_v1_StepCacheRemoveRequest, _kiln_plugin_v1_StepCacheRemoveResponse, _kiln_plugin_v1_StepCacheRemoveRequest__Output, _kiln_plugin_v1_StepCacheRemoveResponse__Output>
  Save: MethodDefinition<_kiln_plugin_v1_StepCacheSaveRequest, _kiln_plugin_v1_StepCacheSaveResponse, _kiln_plugin_v1_StepCacheSaveRequest__Output, _kiln_plugin_v1_StepCacheSaveResponse__Output>
}
