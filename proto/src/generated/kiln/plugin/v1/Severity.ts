// Original file: kiln/plugin/v1/common.proto

export const Severity = {
  SEVERITY_UNSPECIFIED: 'SEVERITY_UNSPECIFIED',
  ERROR: 'ERROR',
  WARNING: 'WARNING',
} as const;

export type Severity =
  | 'SEVERITY_UNSPECIFIED'
  | 0
  | 'ERROR'
  | 1
  | 'WARNING'
  | 2

export type Severity__Output = typeof Severity[keyof typeof Severity]
