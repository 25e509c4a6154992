// Original file: kiln/plugin/v1/common.proto

import type { ComponentKind as _kiln_plugin_v1_ComponentKind, ComponentKind__Output as _kiln_plugin_v1_ComponentKind__Output } from '../../../kiln/plugin/v1/ComponentKind.js';

/**
 * The result of a builder or post-processor. Plain data; the plugin that made
 * it destroys it through Plugin.DestroyArtifact.
 */
export interface Artifact {
  /**
   * Identifies the kind of artifact, e.g. "packer.docker" for a docker image.
   */
  'builderId'?: (string);
  'id'?: (string);
  'files'?: (string)[];
  /**
   * Human-readable description: what the final artifact list shows.
   */
  'description'?: (string);
  /**
   * Builder-specific state, as a JSON object.
   */
  'stateJson'?: (string);
  /**
   * The component that made the artifact (kind and type), so that the owner
   * can be asked to destroy it.
   */
  'producerKind'?: (_kiln_plugin_v1_ComponentKind);
  'producerType'?: (string);
}

/**
 * The result of a builder or post-processor. Plain data; the plugin that made
 * it destroys it through Plugin.DestroyArtifact.
 */
export interface Artifact__Output {
  /**
   * Identifies the kind of artifact, e.g. "packer.docker" for a docker image.
   */
  'builderId': (string);
  'id': (string);
  'files': (string)[];
  /**
   * Human-readable description: what the final artifact list shows.
   */
  'description': (string);
  /**
   * Builder-specific state, as a JSON object.
   */
  'stateJson': (string);
  /**
   * The component that made the artifact (kind and type), so that the owner
   * can be asked to destroy it.
   */
  'producerKind': (_kiln_plugin_v1_ComponentKind__Output);
  'producerType': (string);
}
