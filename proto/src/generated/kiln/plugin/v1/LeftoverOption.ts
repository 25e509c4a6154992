// Original file: kiln/plugin/v1/leftovers.proto


export interface LeftoverOption {
  'key'?: (string);
  'value'?: (string);
}

export interface LeftoverOption__Output {
  'key': (string);
  'value': (string);
}
