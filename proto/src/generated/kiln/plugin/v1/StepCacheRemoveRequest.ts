// Original file: kiln/plugin/v1/step_cache.proto

import type { StepCacheEntry as _kiln_plugin_v1_StepCacheEntry, StepCacheEntry__Output as _kiln_plugin_v1_StepCacheEntry__Output } from '../../../kiln/plugin/v1/StepCacheEntry.js';

export interface StepCacheRemoveRequest {
  'entries'?: (_kiln_plugin_v1_StepCacheEntry)[];
}

export interface StepCacheRemoveRequest__Output {
  'entries': (_kiln_plugin_v1_StepCacheEntry__Output)[];
}
