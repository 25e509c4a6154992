import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as GrpcJs from '@grpc/grpc-js';
import type * as ProtoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as BuilderProto } from './generated/builder.js';
import type { ProtoGrpcType as CommunicatorProto } from './generated/communicator.js';
import type { ProtoGrpcType as CoreProto } from './generated/core.js';
import type { ProtoGrpcType as DataSourceProto } from './generated/data_source.js';
import type { ProtoGrpcType as HealthProto } from './generated/health.js';
import type { ProtoGrpcType as LeftoversProto } from './generated/leftovers.js';
import type { ProtoGrpcType as PluginProto } from './generated/plugin.js';
import type { ProtoGrpcType as PostProcessorProto } from './generated/post_processor.js';
import type { ProtoGrpcType as ProvisionerProto } from './generated/provisioner.js';

/** Every service and message of the contract, as loaded by proto-loader. */
export type Contract = BuilderProto &
  CommunicatorProto &
  CoreProto &
  DataSourceProto &
  HealthProto &
  LeftoversProto &
  PluginProto &
  PostProcessorProto &
  ProvisionerProto;

/** The .proto files of the contract, relative to {@link protoRoot}. */
export const PROTO_FILES = [
  'kiln/plugin/v1/common.proto',
  'kiln/plugin/v1/plugin.proto',
  'kiln/plugin/v1/builder.proto',
  'kiln/plugin/v1/provisioner.proto',
  'kiln/plugin/v1/post_processor.proto',
  'kiln/plugin/v1/data_source.proto',
  'kiln/plugin/v1/communicator.proto',
  'kiln/plugin/v1/core.proto',
  'kiln/plugin/v1/leftovers.proto',
  'grpc/health/v1/health.proto',
] as const;

/** The options the generated types were made with; loading must match them. */
export const LOADER_OPTIONS: ProtoLoader.Options = {
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** Directory holding the .proto files (shipped in this package). */
const require = createRequire(import.meta.url);
export const protoRoot: string = dirname(require.resolve('@kiln/proto/package.json'));

let cached: Contract | undefined;

/**
 * Loads the contract once per process. grpc-js and proto-loader are loaded
 * here, on first use, so that importing this package for its constants costs
 * nothing at start-up.
 */
export function loadContract(): Contract {
  if (!cached) {
    const grpc = require('@grpc/grpc-js') as typeof GrpcJs;
    const protoLoader = require('@grpc/proto-loader') as typeof ProtoLoader;
    const definition = protoLoader.loadSync(
      PROTO_FILES.map((f) => join(protoRoot, f)),
      { ...LOADER_OPTIONS, includeDirs: [protoRoot] },
    );
    cached = grpc.loadPackageDefinition(definition) as unknown as Contract;
  }
  return cached;
}
