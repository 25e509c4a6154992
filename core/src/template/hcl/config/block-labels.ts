import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { Block } from '../syntax/ast.js';

/**
 * The blocks a configuration file holds at its top level and the labels
 * each takes, as Packer's root schema declares them.
 */
export const ROOT_BLOCK_LABELS: Readonly<Record<string, readonly string[]>> = {
  packer: [],
  kiln: [],
  variable: ['name'],
  variables: [],
  locals: [],
  local: ['name'],
  source: ['type', 'name'],
  data: ['type', 'name'],
  build: [],
  hcp_packer_registry: [],
};

/**
 * HCL's check of a block's label count against its schema: too many is
 * "Extraneous label for X" at the first extra label, too few "Missing
 * <label> for X" at the opening brace. Undefined when the count is right.
 */
export function labelCountProblem(b: Block, names: readonly string[]): TemplateDiagnostic | undefined {
  const type = b.type;
  if (b.labels.length > names.length) {
    return {
      severity: 'error',
      summary: `Extraneous label for ${type}`,
      detail:
        names.length === 0
          ? `No labels are expected for ${type} blocks.`
          : `Only ${names.length} labels (${names.join(', ')}) are expected for ${type} blocks.`,
      range: b.labels[names.length]!.range,
    };
  }
  if (b.labels.length < names.length) {
    return {
      severity: 'error',
      summary: `Missing ${names[b.labels.length]} for ${type}`,
      detail: `All ${type} blocks must have ${names.length} labels (${names.join(', ')}).`,
      range: b.openBraceRange,
    };
  }
  return undefined;
}
