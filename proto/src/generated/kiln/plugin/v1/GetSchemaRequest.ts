// Original file: kiln/plugin/v1/plugin.proto

import type { ComponentKind as _kiln_plugin_v1_ComponentKind, ComponentKind__Output as _kiln_plugin_v1_ComponentKind__Output } from '../../../kiln/plugin/v1/ComponentKind.js';

export interface GetSchemaRequest {
  'kind'?: (_kiln_plugin_v1_ComponentKind);
  'type'?: (string);
}

export interface GetSchemaRequest__Output {
  'kind': (_kiln_plugin_v1_ComponentKind__Output);
  'type': (string);
}
