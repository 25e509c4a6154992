import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Artifact, BuildContext, Builder, PreparedBuilder, Step } from '@kiln/plugin-sdk';
import { runSteps, stepConnect, stepProvision } from '@kiln/plugin-sdk';
import { vmArtifact } from './artifact.js';
import { builderSchema, prepareQemuConfig } from './config.js';
import type { QemuDriver } from './driver.js';
import { ProcessQemuDriver } from './qemu-driver.js';
import type { QemuBuildState } from './state.js';
import { stepBootCommand } from './steps/step-boot-command.js';
import { stepConvert } from './steps/step-convert.js';
import { stepCreateDisk } from './steps/step-create-disk.js';
import { stepDownload } from './steps/step-download.js';
import { stepFloppy } from './steps/step-floppy.js';
import { stepHttpServer } from './steps/step-http-server.js';
import { stepOutputDir } from './steps/step-output-dir.js';
import { stepPorts } from './steps/step-ports.js';
import { stepRunVm } from './steps/step-run-vm.js';
import { stepShutdown } from './steps/step-shutdown.js';
import { stepTemporaryKey } from './steps/step-temporary-key.js';

/** What the qemu builder is made of; tests pass a fake driver. */
export interface QemuBuilderDeps {
  driver?: () => QemuDriver;
  log?: (line: string) => void;
}

/** The generated variables (build.<Name>) of the qemu builder. */
export const GENERATED_VARIABLES = ['HTTPIP', 'HTTPPort', 'SSHHostPort', 'OutputDir', 'SSHPublicKey'];

/** The steps of one build, in order. */
export function qemuSteps(): Step<QemuBuildState>[] {
  return [
    stepOutputDir,
    stepDownload,
    stepFloppy(),
    stepTemporaryKey,
    stepCreateDisk,
    stepHttpServer(),
    stepPorts,
    stepRunVm,
    stepBootCommand,
    stepConnect<QemuBuildState>({
      type: (s) => s.config.comm.type,
      ssh: {
        config: (s) => s.config.comm,
        host: () => '127.0.0.1',
        port: (s) => s.sshHostPort ?? 22,
        privateKey: (s) => s.temporaryKey?.privateKey,
        alive: (s) => s.vm?.exitReason(),
        set: (s, c) => {
          s.communicator = c;
        },
        log: (l) => process.stderr.write(`${l}\n`),
      },
    }),
    stepProvision(),
    stepShutdown,
    stepConvert,
    {
      name: 'done',
      async run(state) {
        state.succeeded = true;
      },
    },
  ];
}

/** The `qemu` builder: boot an ISO or a disk image in QEMU, provision it over SSH, keep the disk. */
export function qemuBuilder(deps: QemuBuilderDeps = {}): Builder {
  const driverOf = deps.driver ?? (() => new ProcessQemuDriver());
  const log = deps.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  return {
    schema: builderSchema,
    description: builderSchema.description ?? '',
    async prepare(raw: Record<string, unknown>, build: BuildContext): Promise<PreparedBuilder> {
      const { config, diagnostics } = prepareQemuConfig(raw, build.buildName);
      diagnostics.throwIfErrors();
      return {
        warnings: diagnostics.warnings,
        generatedVariables: GENERATED_VARIABLES,
        async run(ctx): Promise<Artifact | undefined> {
          const state: QemuBuildState = {
            config,
            build,
            driver: driverOf(),
            hook: ctx.hook,
            log,
            outputDir: resolve(config.outputDirectory),
            generatedData: {},
          };
          await runSteps(qemuSteps(), state, ctx);
          return vmArtifact(state.outputDir, config.vmName, {
            generated_data: { ...state.generatedData },
            diskName: config.vmName,
            diskType: config.format,
            diskSize: config.diskSize,
            domainType: state.accelerator,
          });
        },
      };
    },
    async destroyArtifact(artifact: Artifact): Promise<void> {
      const dir = artifact.files[0] ? dirname(artifact.files[0]) : undefined;
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
