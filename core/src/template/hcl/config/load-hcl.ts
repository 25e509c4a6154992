import type { LoadedConfig, LoadOptions } from '../../../config/model.js';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { SensitiveValues } from '../../load/sensitive.js';

/** What the HCL2 loader needs. */
export interface HclLoadInput {
  path: string;
  options: LoadOptions;
  sensitive: SensitiveValues;
  version: string;
  initTime: Date;
}

/** Loads an HCL2 configuration (a file or a directory). */
export async function loadHclConfig(
  input: HclLoadInput,
): Promise<{ config: LoadedConfig; diagnostics: TemplateDiagnostic[] }> {
  return {
    config: {
      format: 'hcl',
      path: input.path,
      rootDir: input.path,
      files: [],
      variables: [],
      requiredPlugins: [],
      sources: [],
      builds: [],
      warnings: [],
    },
    diagnostics: [{ severity: 'error', summary: 'HCL2 templates are not supported yet' }],
  };
}
