// Original file: kiln/plugin/v1/data_source.proto


export interface DataSourceExecuteResponse {
  /**
   * The result, as a JSON object.
   */
  'valueJson'?: (string);
}

export interface DataSourceExecuteResponse__Output {
  /**
   * The result, as a JSON object.
   */
  'valueJson': (string);
}
