// Original file: kiln/plugin/v1/step_cache.proto


export interface StepCacheCheckResponse {
  /**
   * The keys of `keys` that have an entry.
   */
  'present'?: (string)[];
}

export interface StepCacheCheckResponse__Output {
  /**
   * The keys of `keys` that have an entry.
   */
  'present': (string)[];
}
