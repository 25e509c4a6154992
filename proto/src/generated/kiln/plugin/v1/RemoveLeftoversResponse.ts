// Original file: kiln/plugin/v1/leftovers.proto


export interface RemoveLeftoversResponse {
  /**
   * One line per removed leftover.
   */
  'removed'?: (string)[];
  /**
   * One line per leftover that could not be removed, with the reason.
   */
  'failed'?: (string)[];
}

export interface RemoveLeftoversResponse__Output {
  /**
   * One line per removed leftover.
   */
  'removed': (string)[];
  /**
   * One line per leftover that could not be removed, with the reason.
   */
  'failed': (string)[];
}
