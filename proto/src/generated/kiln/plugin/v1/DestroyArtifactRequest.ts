// Original file: kiln/plugin/v1/plugin.proto

import type { Artifact as _kiln_plugin_v1_Artifact, Artifact__Output as _kiln_plugin_v1_Artifact__Output } from '../../../kiln/plugin/v1/Artifact.js';

export interface DestroyArtifactRequest {
  'artifact'?: (_kiln_plugin_v1_Artifact | null);
}

export interface DestroyArtifactRequest__Output {
  'artifact': (_kiln_plugin_v1_Artifact__Output | null);
}
