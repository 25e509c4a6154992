// Original file: kiln/plugin/v1/step_cache.proto


export interface StepCacheCheckRequest {
  'builderType'?: (string);
  'keys'?: (string)[];
}

export interface StepCacheCheckRequest__Output {
  'builderType': (string);
  'keys': (string)[];
}
