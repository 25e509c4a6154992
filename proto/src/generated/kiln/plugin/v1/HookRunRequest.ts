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
}
