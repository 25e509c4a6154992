// Original file: kiln/plugin/v1/post_processor.proto

import type { Artifact as _kiln_plugin_v1_Artifact, Artifact__Output as _kiln_plugin_v1_Artifact__Output } from '../../../kiln/plugin/v1/Artifact.js';

export interface PostProcessResponse {
  'artifact'?: (_kiln_plugin_v1_Artifact | null);
  /**
   * Keep the input artifact (it is destroyed otherwise, unless the user's
   * keep_input_artifact says to keep it).
   */
  'keep'?: (boolean);
  /**
   * True: `keep` overrides the user's keep_input_artifact.
   */
  'forceOverride'?: (boolean);
}

export interface PostProcessResponse__Output {
  'artifact': (_kiln_plugin_v1_Artifact__Output | null);
  /**
   * Keep the input artifact (it is destroyed otherwise, unless the user's
   * keep_input_artifact says to keep it).
   */
  'keep': (boolean);
  /**
   * True: `keep` overrides the user's keep_input_artifact.
   */
  'forceOverride': (boolean);
}
