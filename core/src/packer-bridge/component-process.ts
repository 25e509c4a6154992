import type { BuildContext, ConfigSchema } from '@kiln/plugin-sdk';
import { logger } from '../log.js';
import type { PackerBinary } from './packer-binary.js';
import { type PackerComponentKind, PackerProcess } from './plugin-process.js';
import { specToSchema } from './spec/config-schema.js';
import { decodeHclSpec, type HclSpec } from './spec/hcl-spec.js';

/** The RPC endpoint name of each kind of component. */
export const ENDPOINT: Record<PackerComponentKind, string> = {
  builder: 'Builder',
  provisioner: 'Provisioner',
  'post-processor': 'PostProcessor',
  datasource: 'Datasource',
};

/**
 * One component of a Packer plugin binary. Packer starts a process for every
 * use of a component (each builder, provisioner... in a template); so does
 * Kiln. The process that answered `ConfigSpec` is kept for the first use.
 */
export class PackerComponent {
  readonly binary: PackerBinary;
  readonly kind: PackerComponentKind;
  /** The component's name inside the binary. */
  readonly name: string;
  /** The type templates use ("qemu", "amazon-ebs"). */
  readonly type: string;
  readonly spec: HclSpec;
  readonly schema: ConfigSchema;
  #warm: PackerProcess | undefined;

  private constructor(
    binary: PackerBinary,
    kind: PackerComponentKind,
    name: string,
    type: string,
    spec: HclSpec,
    warm: PackerProcess,
  ) {
    this.binary = binary;
    this.kind = kind;
    this.name = name;
    this.type = type;
    this.spec = spec;
    this.schema = specToSchema(spec);
    this.#warm = warm;
  }

  /** Starts the component once to read its HCL spec. */
  static async load(
    binary: PackerBinary,
    kind: PackerComponentKind,
    name: string,
    type: string,
  ): Promise<PackerComponent> {
    const p = await startProcess(binary, kind, name);
    try {
      const reply = await p.client.call<{ ConfigSpec: Uint8Array }>(`${ENDPOINT[kind]}.ConfigSpec`);
      return new PackerComponent(binary, kind, name, type, decodeHclSpec(reply.ConfigSpec), p);
    } catch (e) {
      const error = await p.explain(e);
      await p.dispose(0);
      throw new Error(
        `cannot read the configuration spec of ${kind} "${type}" from ${binary.path}: ${error.message}`,
      );
    }
  }

  /** The warm process, without taking it (to ask more of it before the first use). */
  async peek(): Promise<PackerProcess> {
    if (this.#warm && !this.#warm.broker.session.closed) return this.#warm;
    this.#warm = await startProcess(this.binary, this.kind, this.name);
    return this.#warm;
  }

  /** A process serving this component: the warm one first, then fresh ones. */
  async process(): Promise<PackerProcess> {
    const warm = this.#warm;
    this.#warm = undefined;
    if (warm && !warm.broker.session.closed) return warm;
    return startProcess(this.binary, this.kind, this.name);
  }
}

function startProcess(binary: PackerBinary, kind: PackerComponentKind, name: string): Promise<PackerProcess> {
  return PackerProcess.start({
    name: binary.source,
    version: binary.version,
    path: binary.path,
    kind,
    component: name,
    log: (line) => logger.log(`${binary.pluginName}-${kind}`, line),
  });
}

/**
 * The variables Packer gives every component's `Prepare` beside its own
 * configuration (packer_build_name, packer_debug...).
 */
export function packerBuildVariables(build: BuildContext): Record<string, unknown> {
  const name = build.buildName.includes('.')
    ? build.buildName.slice(build.buildName.lastIndexOf('.') + 1)
    : build.buildName;
  return {
    packer_build_name: name,
    packer_builder_type: build.builderType,
    packer_core_version: '1.16.0',
    packer_debug: build.debug,
    packer_force: build.force,
    packer_on_error: build.onError,
    packer_user_variables: build.userVariables,
    packer_sensitive_variables: [],
  };
}
