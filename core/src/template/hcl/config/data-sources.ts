import type { DataSourceConfig } from '../../../config/model.js';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { SensitiveValues } from '../../load/sensitive.js';
import type { Block } from '../syntax/ast.js';
import { hclComponent } from './component.js';
import { type ConfigScopeInput, configScope } from './scope.js';

/** A declared data source and its block (whose references order the evaluation). */
export interface DataDecl {
  config: DataSourceConfig;
  block: Block;
}

/**
 * `data "type" "name"` blocks as components. Their bodies see var, local
 * and other data sources; their outputs are unknown until provided.
 */
export function declareDataSources(
  blocks: Block[],
  input: ConfigScopeInput,
  sensitive: SensitiveValues,
  diags: TemplateDiagnostic[],
): DataDecl[] {
  const out: DataDecl[] = [];
  const seen = new Set<string>();
  for (const b of blocks) {
    const [t, n] = b.labels;
    if (!t || !n || b.labels.length !== 2) {
      diags.push({
        severity: 'error',
        summary: 'Invalid data block',
        detail: 'A data block needs two labels: the data source type and a name.',
        range: b.typeRange,
      });
      continue;
    }
    const key = `${t.value}.${n.value}`;
    if (seen.has(key)) {
      diags.push({
        severity: 'error',
        summary: 'Duplicate data block',
        detail: `The data source "${key}" is declared more than once.`,
        range: n.range,
      });
      continue;
    }
    seen.add(key);
    const config: DataSourceConfig = {
      ...hclComponent(
        'data-source',
        t.value,
        t.range,
        [b.body],
        () => configScope(input),
        new Set(),
        sensitive,
      ),
      name: n.value,
    };
    out.push({ config, block: b });
  }
  return out;
}
