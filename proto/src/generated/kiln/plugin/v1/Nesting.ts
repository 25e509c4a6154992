// Original file: kiln/plugin/v1/common.proto

/**
 * How a nested block may repeat.
 */
export const Nesting = {
  NESTING_UNSPECIFIED: 'NESTING_UNSPECIFIED',
  /**
   * At most one block.
   */
  SINGLE: 'SINGLE',
  /**
   * Any number of blocks, in order.
   */
  LIST: 'LIST',
} as const;

/**
 * How a nested block may repeat.
 */
export type Nesting =
  | 'NESTING_UNSPECIFIED'
  | 0
  /**
   * At most one block.
   */
  | 'SINGLE'
  | 1
  /**
   * Any number of blocks, in order.
   */
  | 'LIST'
  | 2

/**
 * How a nested block may repeat.
 */
export type Nesting__Output = typeof Nesting[keyof typeof Nesting]
