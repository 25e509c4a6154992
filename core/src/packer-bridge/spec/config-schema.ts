import type { BlockSpec, ConfigSchema } from '@kiln/plugin-sdk';
import { type HclSpec, typeExpression } from './hcl-spec.js';

/**
 * The Kiln schema of a Packer component's HCL spec: core checks template
 * bodies against it (errors at the template's file:line:column) before the
 * plugin sees them, as Packer does with hcldec.
 */
export function specToSchema(spec: HclSpec): ConfigSchema {
  const schema: ConfigSchema = { attributes: {} };
  const blocks: Record<string, BlockSpec> = {};
  if (spec.kind !== 'object') return schema;
  for (const s of Object.values(spec.attributes)) {
    switch (s.kind) {
      case 'attr':
        schema.attributes[s.name] = {
          type: typeExpression(s.type),
          ...(s.required ? { required: true } : {}),
        };
        break;
      case 'block':
        blocks[s.name] = {
          nesting: 'single',
          body: specToSchema(s.nested),
          maxItems: 1,
          ...(s.required ? { minItems: 1 } : {}),
        };
        break;
      case 'blockList':
        blocks[s.name] = { nesting: 'list', body: specToSchema(s.nested) };
        break;
      case 'object':
        Object.assign(schema.attributes, specToSchema(s).attributes);
        break;
    }
  }
  if (Object.keys(blocks).length) schema.blocks = blocks;
  return schema;
}
