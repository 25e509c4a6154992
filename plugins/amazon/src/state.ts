import type { Image, Instance } from '@aws-sdk/client-ec2';
import type { BuildContext, Communicator, Hook } from '@kiln/plugin-sdk';
import type { EbsConfig } from './config.js';
import type { DriverFactory, Ec2Driver } from './driver.js';

/** The tag every resource a build creates carries: the run id (what `kiln amazon leftovers` looks for). */
export const RUN_TAG = 'kiln:run';
/** Carried by an AMI or snapshot until its build finished with it. */
export const INCOMPLETE_TAG = 'kiln:incomplete';

/** The amazon-ebs builder's typed state, passed from step to step. */
export interface EbsState {
  readonly config: EbsConfig;
  readonly build: BuildContext;
  readonly hook: Hook;
  /** The build region's driver. */
  readonly ec2: Ec2Driver;
  readonly driverFor: DriverFactory;
  /** A timestamp for {{timestamp}}, fixed for the build. */
  readonly startedAt: Date;
  sourceImage?: Image;
  vpcId?: string;
  subnetId?: string;
  availabilityZone?: string;
  keyPairName?: string;
  privateKey?: string;
  securityGroupIds: string[];
  /** The group this build made (deleted in cleanup). */
  temporarySecurityGroupId?: string;
  instance?: Instance;
  sshHost?: string;
  communicator?: Communicator;
  /** AMIs made, by region (the build region first). */
  amis: Record<string, string>;
  /** Snapshots of those AMIs, by region. */
  snapshots: Record<string, string[]>;
  /** Set by the last step: the AMIs are finished and stay. */
  completed?: boolean;
  generatedData: Record<string, unknown>;
}

/** The tags that mark a resource as made by this run. */
export function runTags(state: Pick<EbsState, 'build'>): { Key: string; Value: string }[] {
  return [
    { Key: RUN_TAG, Value: state.build.runId },
    { Key: 'kiln:build', Value: state.build.buildName },
  ];
}

/** EC2's tag list form of a map. */
export function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
