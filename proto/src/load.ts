import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { ProtoGrpcType as BuilderProto } from './generated/builder.js';
import type { ProtoGrpcType as CommunicatorProto } from './generated/communicator.js';
import type { ProtoGrpcType as CoreProto } from './generated/core.js';
import type { ProtoGrpcType as DataSourceProto } from './generated/data_source.js';
import type { ProtoGrpcType as HealthProto } from './generated/health.js';
import type { ProtoGrpcType as LeftoversProto } from './generated/leftovers.js';
import type { ProtoGrpcType as PluginProto } from './generated/plugin.js';
import type { ProtoGrpcType as PostProcessorProto } from './generated/post_processor.js';
import type { ProtoGrpcType as ProvisionerProto } from './generated/provisioner.js';
import type { ProtoGrpcType as StepCacheProto } from './generated/step_cache.js';

/**
 * Every service and message of the contract, as proto-loader-gen-types
 * describes them; the SDK builds the services from the generated descriptor
 * (plugins/sdk rpc/contract.ts), the one loader of the contract.
 */
export type Contract = BuilderProto &
  CommunicatorProto &
  CoreProto &
  DataSourceProto &
  HealthProto &
  LeftoversProto &
  PluginProto &
  PostProcessorProto &
  ProvisionerProto &
  StepCacheProto;

/** The options the generated types were made with; decoding must match them. */
export const LOADER_OPTIONS: {
  longs: typeof String;
  enums: typeof String;
  defaults: boolean;
  oneofs: boolean;
} = {
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/**
 * Directory holding the .proto files (shipped in this package). A function,
 * not a constant: a self-contained plugin bundle holds this module without
 * the package beside it, and must not fail to start for a path it never uses.
 */
export function protoRoot(): string {
  return dirname(createRequire(import.meta.url).resolve('@kiln/proto/package.json'));
}
