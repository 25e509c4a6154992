// Original file: kiln/plugin/v1/communicator.proto


export interface DownloadOutput {
  'chunk'?: (Buffer | Uint8Array | string);
}

export interface DownloadOutput__Output {
  'chunk': (Buffer);
}
