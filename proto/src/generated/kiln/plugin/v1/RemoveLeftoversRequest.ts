// Original file: kiln/plugin/v1/leftovers.proto

import type { LeftoverScope as _kiln_plugin_v1_LeftoverScope, LeftoverScope__Output as _kiln_plugin_v1_LeftoverScope__Output } from '../../../kiln/plugin/v1/LeftoverScope.js';
import type { Leftover as _kiln_plugin_v1_Leftover, Leftover__Output as _kiln_plugin_v1_Leftover__Output } from '../../../kiln/plugin/v1/Leftover.js';

export interface RemoveLeftoversRequest {
  'scope'?: (_kiln_plugin_v1_LeftoverScope | null);
  'leftovers'?: (_kiln_plugin_v1_Leftover)[];
}

export interface RemoveLeftoversRequest__Output {
  'scope': (_kiln_plugin_v1_LeftoverScope__Output | null);
  'leftovers': (_kiln_plugin_v1_Leftover__Output)[];
}
