// Original file: kiln/plugin/v1/leftovers.proto


/**
 * One thing a build left.
 */
export interface Leftover {
  /**
   * What it is, e.g. "container", "instance", "vm", "security-group".
   */
  'kind'?: (string);
  'id'?: (string);
  /**
   * The run id it is labelled with.
   */
  'runId'?: (string);
  /**
   * Where it is, for display: a region, "local", ...
   */
  'location'?: (string);
  /**
   * What Remove needs besides kind and id, as a JSON object; opaque to core.
   */
  'detailJson'?: (string);
}

/**
 * One thing a build left.
 */
export interface Leftover__Output {
  /**
   * What it is, e.g. "container", "instance", "vm", "security-group".
   */
  'kind': (string);
  'id': (string);
  /**
   * The run id it is labelled with.
   */
  'runId': (string);
  /**
   * Where it is, for display: a region, "local", ...
   */
  'location': (string);
  /**
   * What Remove needs besides kind and id, as a JSON object; opaque to core.
   */
  'detailJson': (string);
}
