// Original file: kiln/plugin/v1/leftovers.proto

import type { LeftoverOption as _kiln_plugin_v1_LeftoverOption, LeftoverOption__Output as _kiln_plugin_v1_LeftoverOption__Output } from '../../../kiln/plugin/v1/LeftoverOption.js';

/**
 * Where to look and for what.
 */
export interface LeftoverScope {
  /**
   * Only what this run left (BuildContext.run_id); empty: every run.
   */
  'runId'?: (string);
  /**
   * Settings from `kiln cleanup` flags, e.g. "region" (repeated), "profile",
   * "endpoint". A plugin ignores keys it does not know.
   */
  'options'?: (_kiln_plugin_v1_LeftoverOption)[];
}

/**
 * Where to look and for what.
 */
export interface LeftoverScope__Output {
  /**
   * Only what this run left (BuildContext.run_id); empty: every run.
   */
  'runId': (string);
  /**
   * Settings from `kiln cleanup` flags, e.g. "region" (repeated), "profile",
   * "endpoint". A plugin ignores keys it does not know.
   */
  'options': (_kiln_plugin_v1_LeftoverOption__Output)[];
}
