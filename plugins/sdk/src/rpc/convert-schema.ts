import type { v1 } from '@kiln/proto';
import type { AttributeSpec, BlockSpec, ConfigSchema } from '../schema.js';

/** A ConfigSchema as the contract's Schema message. */
export function schemaToProto(schema: ConfigSchema): v1.Schema {
  return {
    attributes: Object.entries(schema.attributes).map(([name, a]) => ({
      name,
      type: a.type,
      required: a.required ?? false,
      sensitive: a.sensitive ?? false,
      description: a.description ?? '',
      deprecated: a.deprecated ?? '',
      defaultJson: a.default === undefined ? '' : JSON.stringify(a.default),
      aliases: a.aliases ?? [],
    })),
    blocks: Object.entries(schema.blocks ?? {}).map(([name, b]) => ({
      name,
      nesting: b.nesting === 'single' ? 'SINGLE' : 'LIST',
      body: schemaToProto(b.body),
      minItems: b.minItems ?? 0,
      maxItems: b.maxItems ?? 0,
      description: b.description ?? '',
    })),
    description: schema.description ?? '',
    open: schema.open ?? false,
  };
}

/** The contract's Schema message as a ConfigSchema. */
export function schemaFromProto(msg: v1.Schema__Output | null | undefined): ConfigSchema {
  const schema: ConfigSchema = { attributes: {} };
  if (!msg) return schema;
  for (const a of msg.attributes) {
    const spec: AttributeSpec = { type: a.type || 'any' };
    if (a.required) spec.required = true;
    if (a.sensitive) spec.sensitive = true;
    if (a.description) spec.description = a.description;
    if (a.deprecated) spec.deprecated = a.deprecated;
    if (a.defaultJson) spec.default = JSON.parse(a.defaultJson);
    if (a.aliases.length) spec.aliases = [...a.aliases];
    schema.attributes[a.name] = spec;
  }
  if (msg.blocks.length) {
    schema.blocks = {};
    for (const b of msg.blocks) {
      const spec: BlockSpec = {
        nesting: b.nesting === 'SINGLE' ? 'single' : 'list',
        body: schemaFromProto(b.body),
      };
      if (b.minItems) spec.minItems = b.minItems;
      if (b.maxItems) spec.maxItems = b.maxItems;
      if (b.description) spec.description = b.description;
      schema.blocks[b.name] = spec;
    }
  }
  if (msg.description) schema.description = msg.description;
  if (msg.open) schema.open = true;
  return schema;
}
