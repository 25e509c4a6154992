// Original file: kiln/plugin/v1/plugin.proto

import type { ComponentKind as _kiln_plugin_v1_ComponentKind, ComponentKind__Output as _kiln_plugin_v1_ComponentKind__Output } from '../../../kiln/plugin/v1/ComponentKind.js';

export interface Component {
  'kind'?: (_kiln_plugin_v1_ComponentKind);
  'type'?: (string);
  'description'?: (string);
  /**
   * Optional features of this component, e.g. "step_cache" (a builder whose
   * machine states the plugin's StepCache service saves and restores).
   * Plugins made before a capability existed simply do not list it.
   */
  'capabilities'?: (string)[];
}

export interface Component__Output {
  'kind': (_kiln_plugin_v1_ComponentKind__Output);
  'type': (string);
  'description': (string);
  /**
   * Optional features of this component, e.g. "step_cache" (a builder whose
   * machine states the plugin's StepCache service saves and restores).
   * Plugins made before a capability existed simply do not list it.
   */
  'capabilities': (string)[];
}
