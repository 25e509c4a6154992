// Original file: kiln/plugin/v1/core.proto

import type { Long } from '@grpc/proto-loader';

export interface ProgressUpdate {
  'sessionId'?: (string);
  /**
   * Stable per transfer.
   */
  'id'?: (string);
  'label'?: (string);
  'current'?: (number | string | Long);
  /**
   * 0 when unknown.
   */
  'total'?: (number | string | Long);
  'done'?: (boolean);
}

export interface ProgressUpdate__Output {
  'sessionId': (string);
  /**
   * Stable per transfer.
   */
  'id': (string);
  'label': (string);
  'current': (string);
  /**
   * 0 when unknown.
   */
  'total': (string);
  'done': (boolean);
}
