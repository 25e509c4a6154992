// Original file: kiln/plugin/v1/builder.proto

import type { Artifact as _kiln_plugin_v1_Artifact, Artifact__Output as _kiln_plugin_v1_Artifact__Output } from '../../../kiln/plugin/v1/Artifact.js';

export interface BuilderRunResponse {
  /**
   * Unset when the builder produced nothing.
   */
  'artifact'?: (_kiln_plugin_v1_Artifact | null);
}

export interface BuilderRunResponse__Output {
  /**
   * Unset when the builder produced nothing.
   */
  'artifact': (_kiln_plugin_v1_Artifact__Output | null);
}
