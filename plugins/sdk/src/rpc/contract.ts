import * as grpc from '@grpc/grpc-js';
import { type Contract, descriptor, LOADER_OPTIONS } from '@kiln/proto';
import protobuf from 'protobufjs/light.js';

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

const conversion: protobuf.IConversionOptions = {
  longs: LOADER_OPTIONS.longs as typeof String,
  enums: LOADER_OPTIONS.enums as typeof String,
  defaults: LOADER_OPTIONS.defaults ?? false,
  oneofs: LOADER_OPTIONS.oneofs ?? false,
};

function serializer(type: protobuf.Type) {
  return (value: object) =>
    Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish());
}

function deserializer(type: protobuf.Type) {
  return (buf: Buffer) => type.toObject(type.decode(buf), conversion);
}

function serviceDefinition(service: protobuf.Service): grpc.ServiceDefinition {
  const fullName = service.fullName.replace(/^\./, '');
  const def: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const m of service.methodsArray) {
    const req = m.resolvedRequestType!;
    const res = m.resolvedResponseType!;
    def[m.name] = {
      path: `/${fullName}/${m.name}`,
      requestStream: !!m.requestStream,
      responseStream: !!m.responseStream,
      requestSerialize: serializer(req),
      requestDeserialize: deserializer(req),
      responseSerialize: serializer(res),
      responseDeserialize: deserializer(res),
      originalName: m.name.charAt(0).toLowerCase() + m.name.slice(1),
    };
  }
  return def;
}

let cached: Services | undefined;

/**
 * The contract's services, built with protobufjs (without its .proto
 * parser) from the JSON descriptor generated from the .proto files: the same
 * wire format and message shapes as `loadContract()` from @kiln/proto, at a
 * fraction of the start-up cost. Loaded once per process; service constructors are made on first use.
 */
export function services(): Services {
  if (cached) return cached;
  const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
  root.resolveAll();
  const made = new Map<string, grpc.ServiceClientConstructor>();
  const ctor = (fullName: string) => {
    let c = made.get(fullName);
    if (!c) {
      c = grpc.makeClientConstructor(serviceDefinition(root.lookupService(fullName)), fullName);
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
