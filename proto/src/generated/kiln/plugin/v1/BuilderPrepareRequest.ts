// Original file: kiln/plugin/v1/builder.proto

import type { BuildContext as _kiln_plugin_v1_BuildContext, BuildContext__Output as _kiln_plugin_v1_BuildContext__Output } from '../../../kiln/plugin/v1/BuildContext.js';

export interface BuilderPrepareRequest {
  'type'?: (string);
  /**
   * The decoded configuration body, as a JSON object.
   */
  'configJson'?: (string);
  'context'?: (_kiln_plugin_v1_BuildContext | null);
}

export interface BuilderPrepareRequest__Output {
  'type': (string);
  /**
   * The decoded configuration body, as a JSON object.
   */
  'configJson': (string);
  'context': (_kiln_plugin_v1_BuildContext__Output | null);
}
