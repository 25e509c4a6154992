// Original file: kiln/plugin/v1/common.proto

import type { Attribute as _kiln_plugin_v1_Attribute, Attribute__Output as _kiln_plugin_v1_Attribute__Output } from '../../../kiln/plugin/v1/Attribute.js';
import type { Block as _kiln_plugin_v1_Block, Block__Output as _kiln_plugin_v1_Block__Output } from '../../../kiln/plugin/v1/Block.js';

/**
 * The configuration schema of one component. Core decodes template bodies
 * against it and reports errors before any plugin code runs.
 */
export interface Schema {
  'attributes'?: (_kiln_plugin_v1_Attribute)[];
  'blocks'?: (_kiln_plugin_v1_Block)[];
  'description'?: (string);
  /**
   * True: attributes not listed are accepted and passed through unchanged.
   */
  'open'?: (boolean);
}

/**
 * The configuration schema of one component. Core decodes template bodies
 * against it and reports errors before any plugin code runs.
 */
export interface Schema__Output {
  'attributes': (_kiln_plugin_v1_Attribute__Output)[];
  'blocks': (_kiln_plugin_v1_Block__Output)[];
  'description': (string);
  /**
   * True: attributes not listed are accepted and passed through unchanged.
   */
  'open': (boolean);
}
