// Original file: kiln/plugin/v1/builder.proto

import type { Diagnostic as _kiln_plugin_v1_Diagnostic, Diagnostic__Output as _kiln_plugin_v1_Diagnostic__Output } from '../../../kiln/plugin/v1/Diagnostic.js';

export interface BuilderPrepareResponse {
  /**
   * Names the prepared instance in Run; empty when diagnostics has errors.
   */
  'instanceId'?: (string);
  'diagnostics'?: (_kiln_plugin_v1_Diagnostic)[];
  /**
   * Names of the variables the builder will generate, usable by
   * provisioners as build.<Name>.
   */
  'generatedVariables'?: (string)[];
}

export interface BuilderPrepareResponse__Output {
  /**
   * Names the prepared instance in Run; empty when diagnostics has errors.
   */
  'instanceId': (string);
  'diagnostics': (_kiln_plugin_v1_Diagnostic__Output)[];
  /**
   * Names of the variables the builder will generate, usable by
   * provisioners as build.<Name>.
   */
  'generatedVariables': (string)[];
}
