// Original file: kiln/plugin/v1/builder.proto


export interface BuilderRunRequest {
  'instanceId'?: (string);
  /**
   * Identifies this build in calls to core's Ui and Hook.
   */
  'sessionId'?: (string);
  /**
   * Start the machine from this step cache entry instead of from scratch
   * (only sent to builders with the "step_cache" capability). The builder
   * says in HookRunRequest.restored_key whether it could; a missing entry
   * is not an error.
   */
  'startFromKey'?: (string);
}

export interface BuilderRunRequest__Output {
  'instanceId': (string);
  /**
   * Identifies this build in calls to core's Ui and Hook.
   */
  'sessionId': (string);
  /**
   * Start the machine from this step cache entry instead of from scratch
   * (only sent to builders with the "step_cache" capability). The builder
   * says in HookRunRequest.restored_key whether it could; a missing entry
   * is not an error.
   */
  'startFromKey': (string);
}
