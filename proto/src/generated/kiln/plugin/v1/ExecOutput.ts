// Original file: kiln/plugin/v1/communicator.proto


export interface ExecOutput {
  'stdout'?: (Buffer | Uint8Array | string);
  'stderr'?: (Buffer | Uint8Array | string);
  'exitStatus'?: (number);
  'output'?: "stdout"|"stderr"|"exitStatus";
}

export interface ExecOutput__Output {
  'stdout'?: (Buffer);
  'stderr'?: (Buffer);
  'exitStatus'?: (number);
  'output'?: "stdout"|"stderr"|"exitStatus";
}
