// Original file: kiln/plugin/v1/step_cache.proto


/**
 * What core records with an entry, for `kiln cache list`.
 */
export interface StepCacheEntryInfo {
  /**
   * The template's path.
   */
  'template'?: (string);
  'buildName'?: (string);
  /**
   * 1-based position of the provisioner in the build.
   */
  'step'?: (number);
  /**
   * The provisioner's type, e.g. "shell".
   */
  'provisionerType'?: (string);
  /**
   * The run that saved it (BuildContext.run_id).
   */
  'runId'?: (string);
  /**
   * The key of the entry this one was built on; empty for the first step.
   */
  'parentKey'?: (string);
}

/**
 * What core records with an entry, for `kiln cache list`.
 */
export interface StepCacheEntryInfo__Output {
  /**
   * The template's path.
   */
  'template': (string);
  'buildName': (string);
  /**
   * 1-based position of the provisioner in the build.
   */
  'step': (number);
  /**
   * The provisioner's type, e.g. "shell".
   */
  'provisionerType': (string);
  /**
   * The run that saved it (BuildContext.run_id).
   */
  'runId': (string);
  /**
   * The key of the entry this one was built on; empty for the first step.
   */
  'parentKey': (string);
}
