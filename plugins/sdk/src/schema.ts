/**
 * Configuration schemas: a component declares its body once; the same
 * declaration is served through GetSchema, used by core to decode template
 * bodies (with file:line:column errors), and by {@link decodeConfig}.
 *
 * Types are HCL type expressions: string, number, bool, any, list(T), set(T),
 * map(T), object({name = T, ...}), tuple([T, ...]).
 */
export interface AttributeSpec {
  type: string;
  required?: boolean;
  sensitive?: boolean;
  description?: string;
  /** Set when deprecated: says what to use instead. */
  deprecated?: string;
  default?: unknown;
  /** Other accepted names (legacy spellings), e.g. "tag" for "tags". */
  aliases?: string[];
}

export interface BlockSpec {
  /** single: at most one block; list: any number, in order. */
  nesting: 'single' | 'list';
  body: ConfigSchema;
  minItems?: number;
  maxItems?: number;
  description?: string;
}

export interface ConfigSchema {
  attributes: Record<string, AttributeSpec>;
  blocks?: Record<string, BlockSpec>;
  description?: string;
  /** Accept attributes not listed here and pass them through. */
  open?: boolean;
}

/** A parsed HCL type expression. */
export type TypeExpr =
  | { kind: 'string' | 'number' | 'bool' | 'any' }
  | { kind: 'list' | 'set' | 'map'; element: TypeExpr }
  | { kind: 'object'; attributes: Record<string, TypeExpr>; optional: Set<string> }
  | { kind: 'tuple'; elements: TypeExpr[] };

/** Parses "list(map(string))" and friends; throws on a malformed expression. */
export function parseType(text: string): TypeExpr {
  const src = text.replace(/\s+/g, '');
  let pos = 0;
  const ident = (): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(pos));
    if (!m) throw new Error(`bad type expression ${JSON.stringify(text)} at ${pos}`);
    pos += m[0].length;
    return m[0];
  };
  const expect = (c: string): void => {
    if (src[pos] !== c)
      throw new Error(`bad type expression ${JSON.stringify(text)}: expected "${c}" at ${pos}`);
    pos++;
  };
  const parse = (): TypeExpr => {
    const name = ident();
    switch (name) {
      case 'string':
      case 'number':
      case 'bool':
      case 'any':
        return { kind: name };
      case 'list':
      case 'set':
      case 'map': {
        expect('(');
        const element = parse();
        expect(')');
        return { kind: name, element };
      }
      case 'object': {
        expect('(');
        expect('{');
        const attributes: Record<string, TypeExpr> = {};
        const optional = new Set<string>();
        while (src[pos] !== '}') {
          const key = ident();
          expect('=');
          if (src.startsWith('optional(', pos)) {
            pos += 'optional('.length;
            attributes[key] = parse();
            optional.add(key);
            expect(')');
          } else {
            attributes[key] = parse();
          }
          if (src[pos] === ',') pos++;
        }
        expect('}');
        expect(')');
        return { kind: 'object', attributes, optional };
      }
      case 'tuple': {
        expect('(');
        expect('[');
        const elements: TypeExpr[] = [];
        while (src[pos] !== ']') {
          elements.push(parse());
          if (src[pos] === ',') pos++;
        }
        expect(']');
        expect(')');
        return { kind: 'tuple', elements };
      }
      default:
        throw new Error(`unknown type ${JSON.stringify(name)} in ${JSON.stringify(text)}`);
    }
  };
  const t = parse();
  if (pos !== src.length)
    throw new Error(`bad type expression ${JSON.stringify(text)}: trailing text at ${pos}`);
  return t;
}

/** Formats a parsed type back to its expression. */
export function formatType(t: TypeExpr): string {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${formatType(t.element)})`;
    case 'object':
      return `object({${Object.entries(t.attributes)
        .map(([k, v]) => `${k}=${t.optional.has(k) ? `optional(${formatType(v)})` : formatType(v)}`)
        .join(',')}})`;
    case 'tuple':
      return `tuple([${t.elements.map(formatType).join(',')}])`;
    default:
      return t.kind;
  }
}

/**
 * Attribute specs as components write their schemas:
 * `attr.string('The image.')`, `attr.bool('Commit the container.', false)`,
 * `attr.string('The password.', { sensitive: true })`.
 */
export const attr = {
  string: (description: string, extra: Partial<AttributeSpec> = {}): AttributeSpec => ({
    type: 'string',
    description,
    ...extra,
  }),
  /** A bool; with `dflt`, its default. */
  bool: (description: string, dflt?: boolean): AttributeSpec => ({
    type: 'bool',
    description,
    ...(dflt !== undefined ? { default: dflt } : {}),
  }),
  /** A number; with `dflt`, its default. */
  number: (description: string, dflt?: number): AttributeSpec => ({
    type: 'number',
    description,
    ...(dflt !== undefined ? { default: dflt } : {}),
  }),
  /** A list of strings. */
  list: (description: string): AttributeSpec => ({ type: 'list(string)', description }),
  /** A map of strings. */
  map: (description: string): AttributeSpec => ({ type: 'map(string)', description }),
};
