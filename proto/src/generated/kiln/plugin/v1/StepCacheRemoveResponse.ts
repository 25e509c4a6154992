// Original file: kiln/plugin/v1/step_cache.proto


export interface StepCacheRemoveResponse {
  /**
   * One line per removed entry.
   */
  'removed'?: (string)[];
  /**
   * One line per entry that could not be removed, with the reason.
   */
  'failed'?: (string)[];
}

export interface StepCacheRemoveResponse__Output {
  /**
   * One line per removed entry.
   */
  'removed': (string)[];
  /**
   * One line per entry that could not be removed, with the reason.
   */
  'failed': (string)[];
}
