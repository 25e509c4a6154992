// Original file: kiln/plugin/v1/provisioner.proto

import type { Diagnostic as _kiln_plugin_v1_Diagnostic, Diagnostic__Output as _kiln_plugin_v1_Diagnostic__Output } from '../../../kiln/plugin/v1/Diagnostic.js';

export interface ProvisionerPrepareResponse {
  'instanceId'?: (string);
  'diagnostics'?: (_kiln_plugin_v1_Diagnostic)[];
}

export interface ProvisionerPrepareResponse__Output {
  'instanceId': (string);
  'diagnostics': (_kiln_plugin_v1_Diagnostic__Output)[];
}
