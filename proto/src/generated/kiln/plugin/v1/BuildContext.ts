// Original file: kiln/plugin/v1/common.proto


/**
 * What a build knows about itself, passed to every component it configures.
 */
export interface BuildContext {
  /**
   * Unique per `kiln build` invocation; plugins label what they create with it.
   */
  'runId'?: (string);
  'buildName'?: (string);
  'builderType'?: (string);
  'debug'?: (boolean);
  'force'?: (boolean);
  /**
   * cleanup, abort, ask or run-cleanup-provisioner.
   */
  'onError'?: (string);
  'templateDir'?: (string);
  /**
   * User variables, as JSON object of strings (legacy `{{user}}` semantics).
   */
  'userVariablesJson'?: (string);
}

/**
 * What a build knows about itself, passed to every component it configures.
 */
export interface BuildContext__Output {
  /**
   * Unique per `kiln build` invocation; plugins label what they create with it.
   */
  'runId': (string);
  'buildName': (string);
  'builderType': (string);
  'debug': (boolean);
  'force': (boolean);
  /**
   * cleanup, abort, ask or run-cleanup-provisioner.
   */
  'onError': (string);
  'templateDir': (string);
  /**
   * User variables, as JSON object of strings (legacy `{{user}}` semantics).
   */
  'userVariablesJson': (string);
}
