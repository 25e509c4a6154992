// Original file: kiln/plugin/v1/communicator.proto

import type { ExecStart as _kiln_plugin_v1_ExecStart, ExecStart__Output as _kiln_plugin_v1_ExecStart__Output } from '../../../kiln/plugin/v1/ExecStart.js';

export interface ExecInput {
  'start'?: (_kiln_plugin_v1_ExecStart | null);
  'stdin'?: (Buffer | Uint8Array | string);
  'stdinClose'?: (boolean);
  'input'?: "start"|"stdin"|"stdinClose";
}

export interface ExecInput__Output {
  'start'?: (_kiln_plugin_v1_ExecStart__Output | null);
  'stdin'?: (Buffer);
  'stdinClose'?: (boolean);
  'input'?: "start"|"stdin"|"stdinClose";
}
