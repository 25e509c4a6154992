// Original file: kiln/plugin/v1/communicator.proto

export const TransferKind = {
  TRANSFER_KIND_UNSPECIFIED: 'TRANSFER_KIND_UNSPECIFIED',
  FILE: 'FILE',
  DIRECTORY: 'DIRECTORY',
} as const;

export type TransferKind =
  | 'TRANSFER_KIND_UNSPECIFIED'
  | 0
  | 'FILE'
  | 1
  | 'DIRECTORY'
  | 2

export type TransferKind__Output = typeof TransferKind[keyof typeof TransferKind]
