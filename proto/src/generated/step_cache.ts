import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { StepCacheClient as _kiln_plugin_v1_StepCacheClient, StepCacheDefinition as _kiln_plugin_v1_StepCacheDefinition } from './kiln/plugin/v1/StepCache.js';
import type { StepCacheBaseRequest as _kiln_plugin_v1_StepCacheBaseRequest, StepCacheBaseRequest__Output as _kiln_plugin_v1_StepCacheBaseRequest__Output } from './kiln/plugin/v1/StepCacheBaseRequest.js';
import type { StepCacheBaseResponse as _kiln_plugin_v1_StepCacheBaseResponse, StepCacheBaseResponse__Output as _kiln_plugin_v1_StepCacheBaseResponse__Output } from './kiln/plugin/v1/StepCacheBaseResponse.js';
import type { StepCacheCheckRequest as _kiln_plugin_v1_StepCacheCheckRequest, StepCacheCheckRequest__Output as _kiln_plugin_v1_StepCacheCheckRequest__Output } from './kiln/plugin/v1/StepCacheCheckRequest.js';
import type { StepCacheCheckResponse as _kiln_plugin_v1_StepCacheCheckResponse, StepCacheCheckResponse__Output as _kiln_plugin_v1_StepCacheCheckResponse__Output } from './kiln/plugin/v1/StepCacheCheckResponse.js';
import type { StepCacheEntry as _kiln_plugin_v1_StepCacheEntry, StepCacheEntry__Output as _kiln_plugin_v1_StepCacheEntry__Output } from './kiln/plugin/v1/StepCacheEntry.js';
import type { StepCacheEntryInfo as _kiln_plugin_v1_StepCacheEntryInfo, StepCacheEntryInfo__Output as _kiln_plugin_v1_StepCacheEntryInfo__Output } from './kiln/plugin/v1/StepCacheEntryInfo.js';
import type { StepCacheListRequest as _kiln_plugin_v1_StepCacheListRequest, StepCacheListRequest__Output as _kiln_plugin_v1_StepCacheListRequest__Output } from './kiln/plugin/v1/StepCacheListRequest.js';
import type { StepCacheListResponse as _kiln_plugin_v1_StepCacheListResponse, StepCacheListResponse__Output as _kiln_plugin_v1_StepCacheListResponse__Output } from './kiln/plugin/v1/StepCacheListResponse.js';
import type { StepCacheRemoveRequest as _kiln_plugin_v1_StepCacheRemoveRequest, StepCacheRemoveRequest__Output as _kiln_plugin_v1_StepCacheRemoveRequest__Output } from './kiln/plugin/v1/StepCacheRemoveRequest.js';
import type { StepCacheRemoveResponse as _kiln_plugin_v1_StepCacheRemoveResponse, StepCacheRemoveResponse__Output as _kiln_plugin_v1_StepCacheRemoveResponse__Output } from './kiln/plugin/v1/StepCacheRemoveResponse.js';
import type { StepCacheSaveRequest as _kiln_plugin_v1_StepCacheSaveRequest, StepCacheSaveRequest__Output as _kiln_plugin_v1_StepCacheSaveRequest__Output } from './kiln/plugin/v1/StepCacheSaveRequest.js';
import type { StepCacheSaveResponse as _kiln_plugin_v1_StepCacheSaveResponse, StepCacheSaveResponse__Output as _kiln_plugin_v1_StepCacheSaveResponse__Output } from './kiln/plugin/v1/StepCacheSaveResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  kiln: {
    plugin: {
      v1: {
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
        StepCache: SubtypeConstructor<typeof grpc.Client, _kiln_plugin_v1_StepCacheClient> & { service: _kiln_plugin_v1_StepCacheDefinition }
        StepCacheBaseRequest: MessageTypeDefinition<_kiln_plugin_v1_StepCacheBaseRequest, _kiln_plugin_v1_StepCacheBaseRequest__Output>
        StepCacheBaseResponse: MessageTypeDefinition<_kiln_plugin_v1_StepCacheBaseResponse, _kiln_plugin_v1_StepCacheBaseResponse__Output>
        StepCacheCheckRequest: MessageTypeDefinition<_kiln_plugin_v1_StepCacheCheckRequest, _kiln_plugin_v1_StepCacheCheckRequest__Output>
        StepCacheCheckResponse: MessageTypeDefinition<_kiln_plugin_v1_StepCacheCheckResponse, _kiln_plugin_v1_StepCacheCheckResponse__Output>
        StepCacheEntry: MessageTypeDefinition<_kiln_plugin_v1_StepCacheEntry, _kiln_plugin_v1_StepCacheEntry__Output>
        StepCacheEntryInfo: MessageTypeDefinition<_kiln_plugin_v1_StepCacheEntryInfo, _kiln_plugin_v1_StepCacheEntryInfo__Output>
        StepCacheListRequest: MessageTypeDefinition<_kiln_plugin_v1_StepCacheListRequest, _kiln_plugin_v1_StepCacheListRequest__Output>
        StepCacheListResponse: MessageTypeDefinition<_kiln_plugin_v1_StepCacheListResponse, _kiln_plugin_v1_StepCacheListResponse__Output>
        StepCacheRemoveRequest: MessageTypeDefinition<_kiln_plugin_v1_StepCacheRemoveRequest, _kiln_plugin_v1_StepCacheRemoveRequest__Output>
        StepCacheRemoveResponse: MessageTypeDefinition<_kiln_plugin_v1_StepCacheRemoveResponse, _kiln_plugin_v1_StepCacheRemoveResponse__Output>
        StepCacheSaveRequest: MessageTypeDefinition<_kiln_plugin_v1_StepCacheSaveRequest, _kiln_plugin_v1_StepCacheSaveRequest__Output>
        StepCacheSaveResponse: MessageTypeDefinition<_kiln_plugin_v1_StepCacheSaveResponse, _kiln_plugin_v1_StepCacheSaveResponse__Output>
      }
    }
  }
}

