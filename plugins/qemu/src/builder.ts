import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Artifact, BuildContext, Builder, PreparedBuilder, Step } from '@kiln/plugin-sdk';
import { runSteps, STEP_CACHE_CAPABILITY, stepConnect, stepProvision } from '@kiln/plugin-sdk';
import { vmArtifact } from './artifact.js';
import { builderSchema, prepareQemuConfig } from './config.js';
import type { QemuDriver } from './driver.js';
import { ProcessQemuDriver } from './qemu-driver.js';
import type { QemuBuildState } from './state.js';
import { qemuCacheBase } from './step-cache/base.js';
import { qemuCacheRoot } from './step-cache/layout.js';
import { qemuMachine } from './step-cache/machine.js';
import { presentKeys, qemuStepCache } from './step-cache/store.js';
import { stepBootCommand } from './steps/step-boot-command.js';
import { stepCacheDisk } from './steps/step-cache-disk.js';
import { stepCacheFlatten } from './steps/step-cache-flatten.js';
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
  /** The step cache directory (default: qemu/ in Kiln's cache directory). */
  cacheRoot?: () => string;
}

/** The generated variables (build.<Name>) of the qemu builder. */
export const GENERATED_VARIABLES = ['HTTPIP', 'HTTPPort', 'SSHHostPort', 'OutputDir', 'SSHPublicKey'];

/** How a build uses the step cache (kiln build -cache). */
export interface QemuStepCacheRun {
  /** The entry core asked to start from. */
  startFrom?: string;
  /** Kiln's qemu step cache directory. */
  root?: string;
}

/** The steps of one build, in order; with `cache`, the disk is a chain of layers the step cache saves. */
export function qemuSteps(cache?: QemuStepCacheRun): Step<QemuBuildState>[] {
  return [
    stepOutputDir,
    stepDownload,
    stepFloppy(),
    stepTemporaryKey,
    cache ? stepCacheDisk(cache.startFrom, cache.root) : stepCreateDisk,
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
    cache ? stepCacheFlatten : stepConvert,
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
  const root = deps.cacheRoot ?? (() => qemuCacheRoot());
  return {
    schema: builderSchema,
    description: builderSchema.description ?? '',
    capabilities: [STEP_CACHE_CAPABILITY],
    async prepare(raw: Record<string, unknown>, build: BuildContext): Promise<PreparedBuilder> {
      const { config, diagnostics } = prepareQemuConfig(raw, build.buildName);
      diagnostics.throwIfErrors();
      // Core asks for the base only for kiln build -cache: the build then runs on a layer chain.
      let cached = false;
      return {
        warnings: diagnostics.warnings,
        generatedVariables: GENERATED_VARIABLES,
        stepCache: {
          async base(signal) {
            const base = await qemuCacheBase(config, signal);
            cached = true;
            return base;
          },
          check: (keys) => presentKeys(driverOf(), keys, root()),
          store: qemuStepCache(driverOf, root),
        },
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
          const cache =
            cached || ctx.startFrom
              ? { root: root(), ...(ctx.startFrom ? { startFrom: ctx.startFrom } : {}) }
              : undefined;
          if (cache) state.machine = qemuMachine(state, cache.root);
          await runSteps(qemuSteps(cache), state, ctx);
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
