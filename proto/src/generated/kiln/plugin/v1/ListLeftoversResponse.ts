// Original file: kiln/plugin/v1/leftovers.proto

import type { Leftover as _kiln_plugin_v1_Leftover, Leftover__Output as _kiln_plugin_v1_Leftover__Output } from '../../../kiln/plugin/v1/Leftover.js';

export interface ListLeftoversResponse {
  'leftovers'?: (_kiln_plugin_v1_Leftover)[];
  /**
   * Why some place was not looked at (e.g. "no region given"), for the user.
   */
  'notes'?: (string)[];
}

export interface ListLeftoversResponse__Output {
  'leftovers': (_kiln_plugin_v1_Leftover__Output)[];
  /**
   * Why some place was not looked at (e.g. "no region given"), for the user.
   */
  'notes': (string)[];
}
