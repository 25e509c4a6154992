// Original file: kiln/plugin/v1/builder.proto


export interface BuilderRunRequest {
  'instanceId'?: (string);
  /**
   * Identifies this build in calls to core's Ui and Hook.
   */
  'sessionId'?: (string);
}

export interface BuilderRunRequest__Output {
  'instanceId': (string);
  /**
   * Identifies this build in calls to core's Ui and Hook.
   */
  'sessionId': (string);
}
