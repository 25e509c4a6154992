// Original file: kiln/plugin/v1/post_processor.proto

import type { Diagnostic as _kiln_plugin_v1_Diagnostic, Diagnostic__Output as _kiln_plugin_v1_Diagnostic__Output } from '../../../kiln/plugin/v1/Diagnostic.js';

export interface PostProcessorConfigureResponse {
  'instanceId'?: (string);
  'diagnostics'?: (_kiln_plugin_v1_Diagnostic)[];
}

export interface PostProcessorConfigureResponse__Output {
  'instanceId': (string);
  'diagnostics': (_kiln_plugin_v1_Diagnostic__Output)[];
}
