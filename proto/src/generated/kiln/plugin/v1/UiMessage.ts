// Original file: kiln/plugin/v1/core.proto


export interface UiMessage {
  'sessionId'?: (string);
  'text'?: (string);
}

export interface UiMessage__Output {
  'sessionId': (string);
  'text': (string);
}
