// Original file: kiln/plugin/v1/common.proto


/**
 * One attribute of a configuration body. `type` is an HCL type expression:
 * string, number, bool, any, list(T), set(T), map(T), object({name = T, ...}),
 * tuple([T, ...]).
 */
export interface Attribute {
  'name'?: (string);
  'type'?: (string);
  'required'?: (boolean);
  'sensitive'?: (boolean);
  'description'?: (string);
  /**
   * Non-empty: the attribute is deprecated, and this says what to use instead.
   */
  'deprecated'?: (string);
  /**
   * The default as JSON, empty when there is none.
   */
  'defaultJson'?: (string);
  /**
   * Other names the attribute is accepted under (legacy spellings).
   */
  'aliases'?: (string)[];
}

/**
 * One attribute of a configuration body. `type` is an HCL type expression:
 * string, number, bool, any, list(T), set(T), map(T), object({name = T, ...}),
 * tuple([T, ...]).
 */
export interface Attribute__Output {
  'name': (string);
  'type': (string);
  'required': (boolean);
  'sensitive': (boolean);
  'description': (string);
  /**
   * Non-empty: the attribute is deprecated, and this says what to use instead.
   */
  'deprecated': (string);
  /**
   * The default as JSON, empty when there is none.
   */
  'defaultJson': (string);
  /**
   * Other names the attribute is accepted under (legacy spellings).
   */
  'aliases': (string)[];
}
