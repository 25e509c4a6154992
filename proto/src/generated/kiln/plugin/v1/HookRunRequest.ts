// Original file: kiln/plugin/v1/core.proto


export interface HookRunRequest {
  'sessionId'?: (string);
  'name'?: (string);
  /**
   * A communicator served by the calling plugin's Communicator service;
   * empty for builders with no communicator.
   */
  'communicatorId'?: (string);
  /**
   * Variables the builder generated, as a JSON object.
   */
  'generatedDataJson'?: (string);
  /**
   * The step cache entry the machine was started from
   * (BuilderRunRequest.start_from_key); empty when it started from scratch.
   */
  'restoredKey'?: (string);
  /**
   * A machine whose state the calling plugin's StepCache.Save can store;
   * empty when the build is not cached.
   */
  'machineId'?: (string);
}

export interface HookRunRequest__Output {
  'sessionId': (string);
  'name': (string);
  /**
   * A communicator served by the calling plugin's Communicator service;
   * empty for builders with no communicator.
   */
  'communicatorId': (string);
  /**
   * Variables the builder generated, as a JSON object.
   */
  'generatedDataJson': (string);
  /**
   * The step cache entry the machine was started from
   * (BuilderRunRequest.start_from_key); empty when it started from scratch.
   */
  'restoredKey': (string);
  /**
   * A machine whose state the calling plugin's StepCache.Save can store;
   * empty when the build is not cached.
   */
  'machineId': (string);
}
