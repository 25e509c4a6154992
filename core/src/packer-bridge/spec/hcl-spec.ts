import protobuf from 'protobufjs';

/**
 * A component's HCL spec as a Packer plugin serves it (`ConfigSpec`, protocol
 * v2: packer-plugin-sdk's `hclspec` protobuf messages): an object of
 * attributes, single blocks and block lists; attribute types are cty
 * primitives, lists and maps.
 */
export type CtyType = 'string' | 'number' | 'bool' | { list: CtyType } | { map: CtyType };

export type HclSpec =
  | { kind: 'object'; attributes: Record<string, HclSpec> }
  | { kind: 'attr'; name: string; type: CtyType; required: boolean }
  | { kind: 'block'; name: string; required: boolean; nested: HclSpec }
  | { kind: 'blockList'; name: string; nested: HclSpec };

// The wire shape of the messages (field numbers are the protocol's), made on
// first use: only a Packer plugin's ConfigSpec needs it.
const wireShape = (): protobuf.INamespace => ({
  nested: {
    CtyType: {
      oneofs: { typeDef: { oneof: ['primitive', 'list', 'map'] } },
      fields: {
        primitive: { type: 'CtyPrimitive', id: 1 },
        list: { type: 'CtyList', id: 2 },
        map: { type: 'CtyMap', id: 3 },
      },
    },
    CtyPrimitive: { fields: { typeString: { type: 'string', id: 1 } } },
    CtyList: { fields: { elementType: { type: 'CtyType', id: 1 } } },
    CtyMap: { fields: { elementType: { type: 'CtyType', id: 1 } } },
    Spec: {
      oneofs: { block: { oneof: ['object', 'attr', 'blockValue', 'blockList'] } },
      fields: {
        object: { type: 'Object', id: 1 },
        attr: { type: 'Attr', id: 2 },
        blockValue: { type: 'Block', id: 3 },
        blockList: { type: 'BlockList', id: 4 },
      },
    },
    Attr: {
      fields: {
        name: { type: 'string', id: 1 },
        type: { type: 'CtyType', id: 2 },
        required: { type: 'bool', id: 3 },
      },
    },
    Block: {
      fields: {
        name: { type: 'string', id: 1 },
        required: { type: 'bool', id: 2 },
        nested: { type: 'Spec', id: 3 },
      },
    },
    BlockList: {
      fields: { name: { type: 'string', id: 1 }, nested: { type: 'Spec', id: 2 } },
    },
    Object: { fields: { attributes: { keyType: 'string', type: 'Spec', id: 1 } as protobuf.IField } },
  },
});
let specMessage: protobuf.Type | undefined;
const SpecMessage = () => (specMessage ??= protobuf.Root.fromJSON(wireShape()).lookupType('Spec'));

interface WireType {
  primitive?: { typeString?: string };
  list?: { elementType?: WireType };
  map?: { elementType?: WireType };
}
interface WireSpec {
  object?: { attributes?: Record<string, WireSpec> };
  attr?: { name?: string; type?: WireType; required?: boolean };
  blockValue?: { name?: string; required?: boolean; nested?: WireSpec };
  blockList?: { name?: string; nested?: WireSpec };
}

/** Decodes the bytes of a `ConfigSpec` reply. */
export function decodeHclSpec(bytes: Uint8Array): HclSpec {
  const wire = SpecMessage().toObject(SpecMessage().decode(bytes), { defaults: false }) as WireSpec;
  const spec = fromWire(wire);
  if (spec.kind !== 'object')
    throw new Error(`the plugin's configuration spec is not an object spec (${spec.kind})`);
  return spec;
}

function fromWire(w: WireSpec): HclSpec {
  if (w.object) {
    const attributes: Record<string, HclSpec> = {};
    for (const [k, v] of Object.entries(w.object.attributes ?? {})) attributes[k] = fromWire(v);
    return { kind: 'object', attributes };
  }
  if (w.attr)
    return {
      kind: 'attr',
      name: w.attr.name ?? '',
      type: typeFromWire(w.attr.type),
      required: w.attr.required ?? false,
    };
  if (w.blockValue)
    return {
      kind: 'block',
      name: w.blockValue.name ?? '',
      required: w.blockValue.required ?? false,
      nested: fromWire(w.blockValue.nested ?? {}),
    };
  if (w.blockList)
    return { kind: 'blockList', name: w.blockList.name ?? '', nested: fromWire(w.blockList.nested ?? {}) };
  return { kind: 'object', attributes: {} };
}

function typeFromWire(t: WireType | undefined): CtyType {
  if (t?.primitive) {
    switch (t.primitive.typeString) {
      case 'cty.String':
        return 'string';
      case 'cty.Number':
        return 'number';
      case 'cty.Bool':
        return 'bool';
    }
    throw new Error(`unsupported cty type ${t.primitive.typeString}`);
  }
  if (t?.list) return { list: typeFromWire(t.list.elementType) };
  if (t?.map) return { map: typeFromWire(t.map.elementType) };
  throw new Error('an attribute of the configuration spec has no type');
}

/** The HCL type expression of a cty type ("list(string)"). */
export function typeExpression(t: CtyType): string {
  if (typeof t === 'string') return t;
  if ('list' in t) return `list(${typeExpression(t.list)})`;
  return `map(${typeExpression(t.map)})`;
}

/** Encodes a spec (tests and the plugin-side fixtures use it). */
export function encodeHclSpec(spec: HclSpec): Uint8Array {
  return SpecMessage()
    .encode(SpecMessage().fromObject(toWire(spec)))
    .finish();
}

function toWire(s: HclSpec): WireSpec {
  switch (s.kind) {
    case 'object':
      return {
        object: {
          attributes: Object.fromEntries(Object.entries(s.attributes).map(([k, v]) => [k, toWire(v)])),
        },
      };
    case 'attr':
      return { attr: { name: s.name, type: typeToWire(s.type), required: s.required } };
    case 'block':
      return { blockValue: { name: s.name, required: s.required, nested: toWire(s.nested) } };
    case 'blockList':
      return { blockList: { name: s.name, nested: toWire(s.nested) } };
  }
}

function typeToWire(t: CtyType): WireType {
  if (t === 'string') return { primitive: { typeString: 'cty.String' } };
  if (t === 'number') return { primitive: { typeString: 'cty.Number' } };
  if (t === 'bool') return { primitive: { typeString: 'cty.Bool' } };
  if ('list' in t) return { list: { elementType: typeToWire(t.list) } };
  return { map: { elementType: typeToWire(t.map) } };
}
