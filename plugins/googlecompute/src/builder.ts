import type { Artifact, BuildContext, Builder, PreparedBuilder, Step } from '@kiln/plugin-sdk';
import { runSteps, stepProvision } from '@kiln/plugin-sdk';
import { imageArtifact } from './artifact.js';
import { type GceConfig, gceSchema, prepareGceConfig } from './config.js';
import type { ComputeDriver } from './driver.js';
import { gceError } from './errors.js';
import { SdkComputeDriver } from './sdk-driver.js';
import type { GceState } from './state.js';
import { stepCheckCredentials } from './steps/step-check-credentials.js';
import { stepConnectInstance } from './steps/step-connect.js';
import { stepCreateImage } from './steps/step-create-image.js';
import { stepCreateInstance } from './steps/step-create-instance.js';
import { stepSourceImage } from './steps/step-source-image.js';
import { stepSshKey } from './steps/step-ssh-key.js';
import { stepStopInstance } from './steps/step-stop-instance.js';
import { waitOperation } from './wait.js';

/** What the googlecompute builder is made of; tests may pass another driver. */
export interface GceBuilderDeps {
  driver?: (config: GceConfig) => ComputeDriver;
}

/** The generated variables (build.<Name>) of googlecompute. */
export const GENERATED_VARIABLES = ['SourceImageName', 'SourceImageProject', 'InstanceName', 'ImageName'];

const realDriver = (config: GceConfig): ComputeDriver => new SdkComputeDriver(config.access);

/** The flags `kiln cleanup` needs to find what an aborted build left. */
export function cleanupFlags(config: GceConfig): string[] {
  return [
    `-project ${config.access.projectId}`,
    `-zone ${config.zone}`,
    ...(config.access.computeEndpoint ? [`-compute-endpoint ${config.access.computeEndpoint}`] : []),
  ];
}

/** The steps of one build, in order (builder.ts only assembles them). */
export function gceSteps(config: GceConfig): Step<GceState>[] {
  const steps: Step<GceState>[] = [
    stepCheckCredentials,
    stepSourceImage,
    stepSshKey,
    stepCreateInstance,
    stepConnectInstance(),
    stepProvision(),
  ];
  if (config.skipCreateImage) return steps;
  return [...steps, stepStopInstance, stepCreateImage];
}

/** The `googlecompute` builder: instance from a source image, provision, stop, image, delete. */
export function googlecomputeBuilder(deps: GceBuilderDeps = {}): Builder {
  const driverOf = deps.driver ?? realDriver;
  return {
    schema: gceSchema,
    description: gceSchema.description ?? '',
    async prepare(raw: Record<string, unknown>, build: BuildContext): Promise<PreparedBuilder> {
      const { config, diagnostics } = prepareGceConfig(raw);
      diagnostics.throwIfErrors();
      return {
        warnings: diagnostics.warnings,
        generatedVariables: GENERATED_VARIABLES,
        async run(ctx): Promise<Artifact | undefined> {
          const gce = driverOf(config);
          const state: GceState = {
            config,
            build,
            hook: ctx.hook,
            gce,
            startedAt: new Date(),
            generatedData: {},
          };
          try {
            await runSteps(gceSteps(config), state, ctx, { cleanupFlags: cleanupFlags(config) });
          } finally {
            await gce.close();
          }
          if (!state.completed || !state.imageName) return undefined;
          const artifact = imageArtifact(
            {
              name: state.imageName,
              project: config.access.projectId,
              zone: config.zone,
              labels: (state.image?.labels as Record<string, string> | undefined) ?? {},
            },
            { ...state.generatedData },
          );
          artifact.state.access = {
            project_id: config.access.projectId,
            ...(config.access.computeEndpoint
              ? { custom_endpoints: { compute: config.access.computeEndpoint } }
              : {}),
          };
          return artifact;
        },
      };
    },
    async destroyArtifact(artifact: Artifact): Promise<void> {
      const access = (artifact.state.access as Record<string, unknown> | undefined) ?? {};
      const { config } = prepareGceConfig({
        ...access,
        zone: String(artifact.state.zone ?? ''),
        source_image: 'unused',
        communicator: 'none',
      });
      const gce = driverOf(config);
      try {
        const op = await gce.deleteImage(artifact.id);
        await waitOperation(gce, op, {
          timeoutMs: config.stateTimeoutMs,
          signal: new AbortController().signal,
          what: `deletion of image ${artifact.id}`,
        });
      } catch (e) {
        throw gceError(`Error deleting image ${artifact.id}`, e);
      } finally {
        await gce.close();
      }
    },
  };
}
