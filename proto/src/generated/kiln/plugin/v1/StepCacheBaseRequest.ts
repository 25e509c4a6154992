// Original file: kiln/plugin/v1/step_cache.proto


export interface StepCacheBaseRequest {
  /**
   * A prepared builder (BuilderPrepareResponse.instance_id).
   */
  'instanceId'?: (string);
}

export interface StepCacheBaseRequest__Output {
  /**
   * A prepared builder (BuilderPrepareResponse.instance_id).
   */
  'instanceId': (string);
}
