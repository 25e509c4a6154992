// Original file: kiln/plugin/v1/common.proto

import type { Nesting as _kiln_plugin_v1_Nesting, Nesting__Output as _kiln_plugin_v1_Nesting__Output } from '../../../kiln/plugin/v1/Nesting.js';
import type { Schema as _kiln_plugin_v1_Schema, Schema__Output as _kiln_plugin_v1_Schema__Output } from '../../../kiln/plugin/v1/Schema.js';

/**
 * A nested block type of a configuration body.
 */
export interface Block {
  'name'?: (string);
  'nesting'?: (_kiln_plugin_v1_Nesting);
  'body'?: (_kiln_plugin_v1_Schema | null);
  'minItems'?: (number);
  'maxItems'?: (number);
  'description'?: (string);
}

/**
 * A nested block type of a configuration body.
 */
export interface Block__Output {
  'name': (string);
  'nesting': (_kiln_plugin_v1_Nesting__Output);
  'body': (_kiln_plugin_v1_Schema__Output | null);
  'minItems': (number);
  'maxItems': (number);
  'description': (string);
}
