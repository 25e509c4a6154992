import { rm } from 'node:fs/promises';
import type { Artifact, BuildContext, Builder, PreparedBuilder, Step } from '@kiln/plugin-sdk';
import { runSteps, STEP_CACHE_CAPABILITY, stepConnect, stepProvision } from '@kiln/plugin-sdk';
import { BUILDER_ID, fileArtifact, IMPORT_ID, imageArtifact } from './artifact.js';
import { builderSchema, prepareBuilderConfig } from './config.js';
import { DockerodeDriver } from './dockerode-driver.js';
import type { DockerDriver } from './driver.js';
import { processReaper, type Reaper } from './reaper.js';
import { parseRunCommand } from './run-command.js';
import type { DockerBuildState } from './state.js';
import { dockerCacheBase } from './step-cache/base.js';
import { dockerMachine } from './step-cache/machine.js';
import { dockerStepCache, presentKeys } from './step-cache/store.js';
import { stepCommit } from './steps/step-commit.js';
import { stepDockerConnect } from './steps/step-connect.js';
import { stepExport } from './steps/step-export.js';
import { stepPull } from './steps/step-pull.js';
import { stepRestore } from './steps/step-restore.js';
import { stepRun } from './steps/step-run.js';
import { stepTempDir } from './steps/step-temp-dir.js';

/** What the docker builder is made of; tests pass a fake driver. */
export interface DockerBuilderDeps {
  driver?: () => DockerDriver;
  reaper?: () => Reaper;
}

/** The generated variables (build.<Name>) of the docker builder. */
export const GENERATED_VARIABLES = ['ImageSha256', 'ContainerId', 'ContainerIp'];

/** The `docker` builder: pull, run, provision, then commit, export or discard. */
export function dockerBuilder(deps: DockerBuilderDeps = {}): Builder {
  const driverOf = deps.driver ?? (() => new DockerodeDriver());
  const reaperOf = deps.reaper ?? processReaper;
  return {
    schema: builderSchema,
    description: builderSchema.description ?? '',
    capabilities: [STEP_CACHE_CAPABILITY],
    async prepare(raw: Record<string, unknown>, build: BuildContext): Promise<PreparedBuilder> {
      const { config, diagnostics } = prepareBuilderConfig(raw);
      parseRunCommand(config.runCommand, config.image, 'run_command', diagnostics);
      diagnostics.throwIfErrors();
      return {
        warnings: diagnostics.warnings,
        generatedVariables: GENERATED_VARIABLES,
        stepCache: {
          base: (signal) => dockerCacheBase(config, driverOf(), signal),
          check: (keys) => presentKeys(driverOf(), keys),
          store: dockerStepCache(),
        },
        async run(ctx): Promise<Artifact | undefined> {
          const state: DockerBuildState = {
            config,
            build,
            driver: driverOf(),
            hook: ctx.hook,
            reaper: reaperOf(),
            generatedData: {},
          };
          state.machine = {
            get restoredKey() {
              return state.restoredKey;
            },
            save: (key, info, signal) => dockerMachine(state).save(key, info, signal),
          };
          const steps: Step<DockerBuildState>[] = [
            stepTempDir,
            ...(ctx.startFrom ? [stepRestore(ctx.startFrom, ctx.startFromLast === true)] : []),
            stepPull,
            stepRun,
            stepConnect<DockerBuildState>({
              type: (s) => (s.idle ? 'none' : s.config.communicator),
              custom: { docker: stepDockerConnect },
            }),
            stepProvision(),
          ];
          if (config.commit) steps.push(stepCommit);
          else if (config.exportPath) steps.push(stepExport);
          await runSteps(steps, state, ctx);
          const generated = { generated_data: { ...state.generatedData } };
          if (state.imageId) {
            return imageArtifact(IMPORT_ID, state.imageId, generated, 'docker', 'builder');
          }
          if (state.exportedPath) {
            return fileArtifact(
              BUILDER_ID,
              state.exportedPath,
              `Exported Docker image: ${state.exportedPath}`,
              generated,
              {
                kind: 'builder',
                type: 'docker',
              },
            );
          }
          return undefined;
        },
      };
    },
    async destroyArtifact(artifact: Artifact): Promise<void> {
      if (artifact.files.length) {
        for (const f of artifact.files) await rm(f, { force: true });
        return;
      }
      await driverOf().removeImage(artifact.id, true);
    },
  };
}
