// Original file: kiln/plugin/v1/data_source.proto


export interface DataSourceExecuteRequest {
  'instanceId'?: (string);
}

export interface DataSourceExecuteRequest__Output {
  'instanceId': (string);
}
