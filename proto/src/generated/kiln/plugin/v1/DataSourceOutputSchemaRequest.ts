// Original file: kiln/plugin/v1/data_source.proto


export interface DataSourceOutputSchemaRequest {
  'type'?: (string);
}

export interface DataSourceOutputSchemaRequest__Output {
  'type': (string);
}
