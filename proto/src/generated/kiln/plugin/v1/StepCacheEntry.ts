// Original file: kiln/plugin/v1/step_cache.proto

import type { StepCacheEntryInfo as _kiln_plugin_v1_StepCacheEntryInfo, StepCacheEntryInfo__Output as _kiln_plugin_v1_StepCacheEntryInfo__Output } from '../../../kiln/plugin/v1/StepCacheEntryInfo.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One saved machine state.
 */
export interface StepCacheEntry {
  /**
   * The key core computed (lowercase hex).
   */
  'key'?: (string);
  /**
   * What the plugin stored it as (an image id, a file path).
   */
  'id'?: (string);
  /**
   * What it occupies, in bytes; 0 when unknown.
   */
  'sizeBytes'?: (number | string | Long);
  /**
   * When it was saved, RFC 3339.
   */
  'createdAt'?: (string);
  /**
   * What core said about it at Save (StepCacheEntryInfo).
   */
  'info'?: (_kiln_plugin_v1_StepCacheEntryInfo | null);
  /**
   * The builder type that saved it, e.g. "docker".
   */
  'builderType'?: (string);
}

/**
 * One saved machine state.
 */
export interface StepCacheEntry__Output {
  /**
   * The key core computed (lowercase hex).
   */
  'key': (string);
  /**
   * What the plugin stored it as (an image id, a file path).
   */
  'id': (string);
  /**
   * What it occupies, in bytes; 0 when unknown.
   */
  'sizeBytes': (string);
  /**
   * When it was saved, RFC 3339.
   */
  'createdAt': (string);
  /**
   * What core said about it at Save (StepCacheEntryInfo).
   */
  'info': (_kiln_plugin_v1_StepCacheEntryInfo__Output | null);
  /**
   * The builder type that saved it, e.g. "docker".
   */
  'builderType': (string);
}
