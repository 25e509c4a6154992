// Original file: kiln/plugin/v1/plugin.proto

import type { Component as _kiln_plugin_v1_Component, Component__Output as _kiln_plugin_v1_Component__Output } from '../../../kiln/plugin/v1/Component.js';

export interface DescribeResponse {
  'name'?: (string);
  'version'?: (string);
  'protocolVersion'?: (number);
  'components'?: (_kiln_plugin_v1_Component)[];
  /**
   * Which SDK (and version) the plugin was written with, for diagnostics.
   */
  'sdk'?: (string);
  /**
   * The optional services this plugin serves besides its components, by
   * full name, e.g. "kiln.plugin.v1.Leftovers".
   */
  'services'?: (string)[];
}

export interface DescribeResponse__Output {
  'name': (string);
  'version': (string);
  'protocolVersion': (number);
  'components': (_kiln_plugin_v1_Component__Output)[];
  /**
   * Which SDK (and version) the plugin was written with, for diagnostics.
   */
  'sdk': (string);
  /**
   * The optional services this plugin serves besides its components, by
   * full name, e.g. "kiln.plugin.v1.Leftovers".
   */
  'services': (string)[];
}
