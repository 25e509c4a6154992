// Original file: kiln/plugin/v1/communicator.proto

import type { TransferKind as _kiln_plugin_v1_TransferKind, TransferKind__Output as _kiln_plugin_v1_TransferKind__Output } from '../../../kiln/plugin/v1/TransferKind.js';

export interface DownloadRequest {
  'communicatorId'?: (string);
  'source'?: (string);
  'kind'?: (_kiln_plugin_v1_TransferKind);
  /**
   * Set when the destination is on a disk both ends share: write it here.
   */
  'localPath'?: (string);
  'exclude'?: (string)[];
}

export interface DownloadRequest__Output {
  'communicatorId': (string);
  'source': (string);
  'kind': (_kiln_plugin_v1_TransferKind__Output);
  /**
   * Set when the destination is on a disk both ends share: write it here.
   */
  'localPath': (string);
  'exclude': (string)[];
}
