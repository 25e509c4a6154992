// Original file: kiln/plugin/v1/communicator.proto

import type { UploadStart as _kiln_plugin_v1_UploadStart, UploadStart__Output as _kiln_plugin_v1_UploadStart__Output } from '../../../kiln/plugin/v1/UploadStart.js';

export interface UploadInput {
  'start'?: (_kiln_plugin_v1_UploadStart | null);
  'chunk'?: (Buffer | Uint8Array | string);
  /**
   * The data is complete (see UploadStart.sends_end).
   */
  'end'?: (boolean);
  'input'?: "start"|"chunk"|"end";
}

export interface UploadInput__Output {
  'start'?: (_kiln_plugin_v1_UploadStart__Output | null);
  'chunk'?: (Buffer);
  /**
   * The data is complete (see UploadStart.sends_end).
   */
  'end'?: (boolean);
  'input'?: "start"|"chunk"|"end";
}
