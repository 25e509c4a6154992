// Original file: kiln/plugin/v1/post_processor.proto

import type { BuildContext as _kiln_plugin_v1_BuildContext, BuildContext__Output as _kiln_plugin_v1_BuildContext__Output } from '../../../kiln/plugin/v1/BuildContext.js';

export interface PostProcessorConfigureRequest {
  'type'?: (string);
  'configJson'?: (string);
  'context'?: (_kiln_plugin_v1_BuildContext | null);
}

export interface PostProcessorConfigureRequest__Output {
  'type': (string);
  'configJson': (string);
  'context': (_kiln_plugin_v1_BuildContext__Output | null);
}
