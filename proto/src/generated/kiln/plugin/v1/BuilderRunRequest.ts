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
  /**
   * start_from_key is the entry saved after the last provisioner: nothing
   * will run on the machine, so a builder may finish from the entry without
   * starting it (the docker builder commits a container it never started).
   */
  'startFromLast'?: (boolean);
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
  /**
   * start_from_key is the entry saved after the last provisioner: nothing
   * will run on the machine, so a builder may finish from the entry without
   * starting it (the docker builder commits a container it never started).
   */
  'startFromLast': (boolean);
}
