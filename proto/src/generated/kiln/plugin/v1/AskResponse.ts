// Original file: kiln/plugin/v1/core.proto


export interface AskResponse {
  'answer'?: (string);
}

export interface AskResponse__Output {
  'answer': (string);
}
