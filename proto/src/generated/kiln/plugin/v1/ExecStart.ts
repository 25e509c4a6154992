// Original file: kiln/plugin/v1/communicator.proto


export interface ExecStart {
  'communicatorId'?: (string);
  'command'?: (string);
  /**
   * True: stdin chunks follow; false: the command's stdin is closed at once.
   */
  'hasStdin'?: (boolean);
}

export interface ExecStart__Output {
  'communicatorId': (string);
  'command': (string);
  /**
   * True: stdin chunks follow; false: the command's stdin is closed at once.
   */
  'hasStdin': (boolean);
}
