// Original file: kiln/plugin/v1/plugin.proto

import type { Schema as _kiln_plugin_v1_Schema, Schema__Output as _kiln_plugin_v1_Schema__Output } from '../../../kiln/plugin/v1/Schema.js';

export interface GetSchemaResponse {
  'schema'?: (_kiln_plugin_v1_Schema | null);
}

export interface GetSchemaResponse__Output {
  'schema': (_kiln_plugin_v1_Schema__Output | null);
}
