// Original file: kiln/plugin/v1/data_source.proto

import type { BuildContext as _kiln_plugin_v1_BuildContext, BuildContext__Output as _kiln_plugin_v1_BuildContext__Output } from '../../../kiln/plugin/v1/BuildContext.js';

export interface DataSourceConfigureRequest {
  'type'?: (string);
  'configJson'?: (string);
  'context'?: (_kiln_plugin_v1_BuildContext | null);
}

export interface DataSourceConfigureRequest__Output {
  'type': (string);
  'configJson': (string);
  'context': (_kiln_plugin_v1_BuildContext__Output | null);
}
