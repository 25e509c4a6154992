// Original file: kiln/plugin/v1/communicator.proto

import type { TransferKind as _kiln_plugin_v1_TransferKind, TransferKind__Output as _kiln_plugin_v1_TransferKind__Output } from '../../../kiln/plugin/v1/TransferKind.js';
import type { Long } from '@grpc/proto-loader';

export interface UploadStart {
  'communicatorId'?: (string);
  'destination'?: (string);
  'kind'?: (_kiln_plugin_v1_TransferKind);
  /**
   * File mode bits for a file upload; 0 means the communicator's default.
   */
  'mode'?: (number);
  /**
   * Size of a file upload in bytes, when known (for progress).
   */
  'size'?: (number | string | Long);
  /**
   * Set when the source is on a disk both ends share: read it from here.
   */
  'localPath'?: (string);
  /**
   * Glob patterns excluded from a directory upload.
   */
  'exclude'?: (string)[];
  /**
   * The client sends `end` after its last chunk. The server then takes an
   * end of stream without it for a cancelled upload (a cancel can reach the
   * server as an end of stream just before the cancellation itself).
   */
  'sendsEnd'?: (boolean);
}

export interface UploadStart__Output {
  'communicatorId': (string);
  'destination': (string);
  'kind': (_kiln_plugin_v1_TransferKind__Output);
  /**
   * File mode bits for a file upload; 0 means the communicator's default.
   */
  'mode': (number);
  /**
   * Size of a file upload in bytes, when known (for progress).
   */
  'size': (string);
  /**
   * Set when the source is on a disk both ends share: read it from here.
   */
  'localPath': (string);
  /**
   * Glob patterns excluded from a directory upload.
   */
  'exclude': (string)[];
  /**
   * The client sends `end` after its last chunk. The server then takes an
   * end of stream without it for a cancelled upload (a cancel can reach the
   * server as an end of stream just before the cancellation itself).
   */
  'sendsEnd': (boolean);
}
