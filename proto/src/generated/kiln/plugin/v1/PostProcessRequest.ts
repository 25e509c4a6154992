// Original file: kiln/plugin/v1/post_processor.proto

import type { Artifact as _kiln_plugin_v1_Artifact, Artifact__Output as _kiln_plugin_v1_Artifact__Output } from '../../../kiln/plugin/v1/Artifact.js';

export interface PostProcessRequest {
  'instanceId'?: (string);
  'sessionId'?: (string);
  'artifact'?: (_kiln_plugin_v1_Artifact | null);
}

export interface PostProcessRequest__Output {
  'instanceId': (string);
  'sessionId': (string);
  'artifact': (_kiln_plugin_v1_Artifact__Output | null);
}
