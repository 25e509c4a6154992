// Original file: kiln/plugin/v1/step_cache.proto

import type { StepCacheEntryInfo as _kiln_plugin_v1_StepCacheEntryInfo, StepCacheEntryInfo__Output as _kiln_plugin_v1_StepCacheEntryInfo__Output } from '../../../kiln/plugin/v1/StepCacheEntryInfo.js';

export interface StepCacheSaveRequest {
  /**
   * HookRunRequest.machine_id of the running build.
   */
  'machineId'?: (string);
  'key'?: (string);
  'info'?: (_kiln_plugin_v1_StepCacheEntryInfo | null);
}

export interface StepCacheSaveRequest__Output {
  /**
   * HookRunRequest.machine_id of the running build.
   */
  'machineId': (string);
  'key': (string);
  'info': (_kiln_plugin_v1_StepCacheEntryInfo__Output | null);
}
