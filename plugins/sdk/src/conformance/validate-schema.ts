import type { v1 } from '@kiln/proto';
import { parseType } from '../schema.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Checks a schema served by GetSchema: names are identifiers and unique,
 * types are valid HCL type expressions, defaults are JSON, blocks have a
 * nesting mode and a body. Returns every problem found, each naming its
 * attribute or block path.
 */
export function validateSchema(schema: v1.Schema__Output, path: string[] = []): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const where = (name: string) => [...path, name].join('.') || '(root)';
  const claim = (name: string, what: string) => {
    if (!NAME.test(name)) problems.push(`${what} ${JSON.stringify(where(name))}: not a valid name`);
    if (seen.has(name)) problems.push(`${what} ${JSON.stringify(where(name))}: declared twice`);
    seen.add(name);
  };
  for (const a of schema.attributes ?? []) {
    claim(a.name, 'attribute');
    for (const alias of a.aliases ?? []) claim(alias, 'alias');
    try {
      parseType(a.type);
    } catch (e) {
      problems.push(`attribute ${JSON.stringify(where(a.name))}: ${(e as Error).message}`);
    }
    if (a.defaultJson) {
      try {
        JSON.parse(a.defaultJson);
      } catch {
        problems.push(`attribute ${JSON.stringify(where(a.name))}: default_json is not JSON`);
      }
      if (a.required) problems.push(`attribute ${JSON.stringify(where(a.name))}: required but has a default`);
    }
  }
  for (const b of schema.blocks ?? []) {
    claim(b.name, 'block');
    const name = JSON.stringify(where(b.name));
    if (b.nesting !== 'SINGLE' && b.nesting !== 'LIST') {
      problems.push(`block ${name}: nesting must be SINGLE or LIST, got ${b.nesting}`);
    }
    if (b.maxItems > 0 && b.maxItems < b.minItems) {
      problems.push(`block ${name}: max_items ${b.maxItems} is less than min_items ${b.minItems}`);
    }
    if (!b.body) problems.push(`block ${name}: no body schema`);
    else problems.push(...validateSchema(b.body, [...path, b.name]));
  }
  return problems;
}
