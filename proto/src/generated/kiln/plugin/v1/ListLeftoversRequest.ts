// Original file: kiln/plugin/v1/leftovers.proto

import type { LeftoverScope as _kiln_plugin_v1_LeftoverScope, LeftoverScope__Output as _kiln_plugin_v1_LeftoverScope__Output } from '../../../kiln/plugin/v1/LeftoverScope.js';

export interface ListLeftoversRequest {
  'scope'?: (_kiln_plugin_v1_LeftoverScope | null);
}

export interface ListLeftoversRequest__Output {
  'scope': (_kiln_plugin_v1_LeftoverScope__Output | null);
}
