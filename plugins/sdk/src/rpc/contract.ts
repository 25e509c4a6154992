import * as grpc from '@grpc/grpc-js';
import { type Contract, descriptor, LOADER_OPTIONS } from '@kiln/proto';
import * as codecs from '@kiln/proto/codecs';

type V1 = Contract['kiln']['plugin']['v1'];
/** The services of kiln.plugin.v1, by name: the one list the SDK knows them by. */
export const CONTRACT_SERVICES = [
  'Plugin',
  'Builder',
  'Provisioner',
  'PostProcessor',
  'DataSource',
  'Communicator',
  'Ui',
  'Hook',
  'Leftovers',
  'StepCache',
] as const;

/** A service of kiln.plugin.v1. */
export type ContractService = (typeof CONTRACT_SERVICES)[number];

/** The services of the contract, as client constructors with their `.service` definitions. */
export interface Services {
  kiln: { plugin: { v1: Pick<V1, ContractService> } };
  grpc: { health: { v1: Pick<Contract['grpc']['health']['v1'], 'Health'> } };
}

/** A service or namespace in the JSON descriptor. */
interface DescriptorNode {
  nested?: Record<string, DescriptorNode>;
  methods?: Record<
    string,
    { requestType: string; responseType: string; requestStream?: boolean; responseStream?: boolean }
  >;
}

const conversion = {
  longs: LOADER_OPTIONS.longs,
  enums: LOADER_OPTIONS.enums,
  defaults: LOADER_OPTIONS.defaults,
  oneofs: LOADER_OPTIONS.oneofs,
};

const codecRoot: codecs.Namespace = { kiln: codecs.kiln, grpc: codecs.grpc };

/**
 * The codec of a message named in a method of the service `scope` (a full
 * name's parts): relative names are looked up from the service's namespace
 * outwards, as protobuf resolves them; a leading dot makes a name absolute.
 */
function codecOf(scope: string[], name: string): codecs.MessageCodec {
  const parts = name.split('.');
  const bases = name.startsWith('.')
    ? [[]]
    : scope.map((_, i) => scope.slice(0, scope.length - i)).concat([[]]);
  for (const base of bases) {
    let node: (codecs.Namespace & Partial<codecs.MessageCodec>) | undefined = codecRoot;
    for (const p of [...base, ...parts.filter((p) => p !== '')]) node = node?.[p];
    if (node?.encode && node.decode && node.fromObject && node.toObject) return node as codecs.MessageCodec;
  }
  throw new Error(`the contract has no message ${name} (from ${scope.join('.')})`);
}

function serializer(codec: codecs.MessageCodec) {
  return (value: object) =>
    Buffer.from(codec.encode(codec.fromObject(value as Record<string, unknown>)).finish());
}

function deserializer(codec: codecs.MessageCodec) {
  return (buf: Buffer) => codec.toObject(codec.decode(buf), conversion);
}

function serviceDefinition(fullName: string): grpc.ServiceDefinition {
  const path = fullName.split('.');
  let node: DescriptorNode | undefined = descriptor as DescriptorNode;
  for (const p of path) node = node?.nested?.[p];
  if (!node?.methods) throw new Error(`the contract has no service ${fullName}`);
  const scope = path.slice(0, -1);
  const def: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const [name, m] of Object.entries(node.methods)) {
    const req = codecOf(scope, m.requestType);
    const res = codecOf(scope, m.responseType);
    def[name] = {
      path: `/${fullName}/${name}`,
      requestStream: !!m.requestStream,
      responseStream: !!m.responseStream,
      requestSerialize: serializer(req),
      requestDeserialize: deserializer(req),
      responseSerialize: serializer(res),
      responseDeserialize: deserializer(res),
      originalName: name.charAt(0).toLowerCase() + name.slice(1),
    };
  }
  return def;
}

let cached: Services | undefined;

/**
 * The contract's services: their methods from the JSON descriptor generated
 * from the .proto files, each message's codecs from the code pbjs generated
 * from them (@kiln/proto/codecs), so a process generates no codec at run
 * time. The same wire format and message shapes as `loadContract()` from
 * @kiln/proto. Service constructors are made on first use.
 */
export function services(): Services {
  if (cached) return cached;
  const made = new Map<string, grpc.ServiceClientConstructor>();
  const ctor = (fullName: string) => {
    let c = made.get(fullName);
    if (!c) {
      c = grpc.makeClientConstructor(serviceDefinition(fullName), fullName);
      made.set(fullName, c);
    }
    return c;
  };
  const v1 = {} as Services['kiln']['plugin']['v1'];
  for (const name of CONTRACT_SERVICES) {
    Object.defineProperty(v1, name, { enumerable: true, get: () => ctor(`kiln.plugin.v1.${name}`) });
  }
  const health = {} as Services['grpc']['health']['v1'];
  Object.defineProperty(health, 'Health', { enumerable: true, get: () => ctor('grpc.health.v1.Health') });
  cached = { kiln: { plugin: { v1 } }, grpc: { health: { v1: health } } };
  return cached;
}
