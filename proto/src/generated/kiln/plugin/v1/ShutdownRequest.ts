// Original file: kiln/plugin/v1/plugin.proto


export interface ShutdownRequest {
  /**
   * How long the plugin may take to cancel and clean up, in milliseconds.
   */
  'graceMs'?: (number);
}

export interface ShutdownRequest__Output {
  /**
   * How long the plugin may take to cancel and clean up, in milliseconds.
   */
  'graceMs': (number);
}
