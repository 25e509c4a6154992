// Original file: kiln/plugin/v1/step_cache.proto


export interface StepCacheBaseResponse {
  'base'?: (string);
}

export interface StepCacheBaseResponse__Output {
  'base': (string);
}
