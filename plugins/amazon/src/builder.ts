import type { Artifact, BuildContext, Builder, PreparedBuilder, Step } from '@kiln/plugin-sdk';
import { runSteps, stepProvision } from '@kiln/plugin-sdk';
import { removeImage, snapshotsOf } from './ami-images.js';
import { amiArtifact, amisOf } from './artifact.js';
import { type EbsConfig, ebsSchema, prepareEbsConfig } from './config.js';
import type { DriverFactory } from './driver.js';
import { TEMPLATE_FIELDS } from './names.js';
import { SdkEc2Driver } from './sdk-driver.js';
import type { EbsState } from './state.js';
import { stepCleanupVolumes } from './steps/step-cleanup-volumes.js';
import { stepConnectInstance } from './steps/step-connect.js';
import { stepCopyAmi } from './steps/step-copy-ami.js';
import { stepCreateAmi } from './steps/step-create-ami.js';
import { stepDeregister } from './steps/step-deregister.js';
import { stepKeyPair } from './steps/step-key-pair.js';
import { stepModifyAmi } from './steps/step-modify-ami.js';
import { stepNetwork } from './steps/step-network.js';
import { stepPreValidate } from './steps/step-pre-validate.js';
import { stepRunInstance } from './steps/step-run-instance.js';
import { stepSecurityGroup } from './steps/step-security-group.js';
import { stepSourceAmi } from './steps/step-source-ami.js';
import { stepStopInstance } from './steps/step-stop-instance.js';
import { stepTagAmi } from './steps/step-tag-ami.js';
import { stepValidateRegion } from './steps/step-validate-region.js';

/** What the amazon-ebs builder is made of; tests pass a fake driver. */
export interface EbsBuilderDeps {
  drivers?: (config: EbsConfig) => DriverFactory;
}

/** The generated variables (build.<Name>) of amazon-ebs. */
export const GENERATED_VARIABLES = [...TEMPLATE_FIELDS, 'InstanceId'];

const realDrivers = (config: EbsConfig): DriverFactory => {
  const cache = new Map<string, SdkEc2Driver>();
  return (region) => {
    const known = cache.get(region);
    if (known) return known;
    const d = new SdkEc2Driver(config.access, region);
    cache.set(region, d);
    return d;
  };
};

/** The flags `kiln cleanup` needs to find what an aborted build left (its regions and credentials). */
export function cleanupFlags(config: EbsConfig): string[] {
  return [
    ...[config.access.region, ...config.amiRegions].map((r) => `-region ${r}`),
    ...(config.access.profile ? [`-profile ${config.access.profile}`] : []),
    ...(config.access.customEndpointEc2 ? [`-endpoint ${config.access.customEndpointEc2}`] : []),
  ];
}

/** The steps of one build, in order (builder.ts only assembles them). */
export function ebsSteps(config: EbsConfig): Step<EbsState>[] {
  const steps: Step<EbsState>[] = [
    stepValidateRegion,
    stepPreValidate,
    stepSourceAmi,
    stepNetwork,
    stepKeyPair,
    stepSecurityGroup,
    stepCleanupVolumes,
    stepRunInstance,
    stepConnectInstance(),
    stepProvision(),
  ];
  if (config.skipCreateAmi) return steps;
  return [...steps, stepStopInstance, stepDeregister, stepCreateAmi, stepCopyAmi, stepModifyAmi, stepTagAmi];
}

/** The `amazon-ebs` builder: launch, provision, stop, image, copy, tag. */
export function amazonEbsBuilder(deps: EbsBuilderDeps = {}): Builder {
  const driversOf = deps.drivers ?? realDrivers;
  return {
    schema: ebsSchema,
    description: ebsSchema.description ?? '',
    async prepare(raw: Record<string, unknown>, build: BuildContext): Promise<PreparedBuilder> {
      const { config, diagnostics } = prepareEbsConfig(raw);
      diagnostics.throwIfErrors();
      return {
        warnings: diagnostics.warnings,
        generatedVariables: GENERATED_VARIABLES,
        async run(ctx): Promise<Artifact | undefined> {
          const driverFor = driversOf(config);
          const state: EbsState = {
            config,
            build,
            hook: ctx.hook,
            ec2: driverFor(config.access.region),
            driverFor,
            startedAt: new Date(),
            securityGroupIds: [],
            amis: {},
            snapshots: {},
            generatedData: {},
          };
          await runSteps(ebsSteps(config), state, ctx, { cleanupFlags: cleanupFlags(config) });
          if (!Object.keys(state.amis).length) return undefined;
          const artifact = amiArtifact(state.amis, { ...state.generatedData });
          artifact.state.access = {
            region: config.access.region,
            ...(config.access.profile ? { profile: config.access.profile } : {}),
            ...(config.access.customEndpointEc2
              ? { custom_endpoint_ec2: config.access.customEndpointEc2 }
              : {}),
          };
          return artifact;
        },
      };
    },
    async destroyArtifact(artifact: Artifact): Promise<void> {
      const access = (artifact.state.access as Record<string, unknown> | undefined) ?? {};
      const { config } = prepareEbsConfig({ ...access, communicator: 'none' });
      const driverFor = driversOf(config);
      for (const [region, id] of Object.entries(amisOf(artifact))) {
        const ec2 = driverFor(region);
        const [image] = await ec2.describeImages({ imageIds: [id] });
        await removeImage(ec2, id, image ? snapshotsOf(image) : []);
      }
    },
  };
}
