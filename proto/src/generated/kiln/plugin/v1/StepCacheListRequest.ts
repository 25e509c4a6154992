// Original file: kiln/plugin/v1/step_cache.proto


export interface StepCacheListRequest {
}

export interface StepCacheListRequest__Output {
}
