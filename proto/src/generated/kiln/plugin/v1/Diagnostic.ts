// Original file: kiln/plugin/v1/common.proto

import type { Severity as _kiln_plugin_v1_Severity, Severity__Output as _kiln_plugin_v1_Severity__Output } from '../../../kiln/plugin/v1/Severity.js';

/**
 * A problem found in a component's configuration. `attribute_path` names the
 * attribute or block it is about (for example ["changes", "2"]); core turns it
 * into the template's file:line:column.
 */
export interface Diagnostic {
  'severity'?: (_kiln_plugin_v1_Severity);
  'summary'?: (string);
  'detail'?: (string);
  'attributePath'?: (string)[];
}

/**
 * A problem found in a component's configuration. `attribute_path` names the
 * attribute or block it is about (for example ["changes", "2"]); core turns it
 * into the template's file:line:column.
 */
export interface Diagnostic__Output {
  'severity': (_kiln_plugin_v1_Severity__Output);
  'summary': (string);
  'detail': (string);
  'attributePath': (string)[];
}
