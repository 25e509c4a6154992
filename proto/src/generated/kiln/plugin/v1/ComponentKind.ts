// Original file: kiln/plugin/v1/common.proto

/**
 * The kinds of component a plugin can serve.
 */
export const ComponentKind = {
  COMPONENT_KIND_UNSPECIFIED: 'COMPONENT_KIND_UNSPECIFIED',
  BUILDER: 'BUILDER',
  PROVISIONER: 'PROVISIONER',
  POST_PROCESSOR: 'POST_PROCESSOR',
  DATA_SOURCE: 'DATA_SOURCE',
} as const;

/**
 * The kinds of component a plugin can serve.
 */
export type ComponentKind =
  | 'COMPONENT_KIND_UNSPECIFIED'
  | 0
  | 'BUILDER'
  | 1
  | 'PROVISIONER'
  | 2
  | 'POST_PROCESSOR'
  | 3
  | 'DATA_SOURCE'
  | 4

/**
 * The kinds of component a plugin can serve.
 */
export type ComponentKind__Output = typeof ComponentKind[keyof typeof ComponentKind]
