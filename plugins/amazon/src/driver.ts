import type {
  BlockDeviceMapping,
  Filter,
  Image,
  Instance,
  LaunchPermission,
  RunInstancesCommandInput,
  Snapshot,
  Tag,
  Volume,
} from '@aws-sdk/client-ec2';

/** What a temporary or found security group, subnet or VPC query returns. */
export interface NetworkIds {
  vpcId?: string;
  subnetId?: string;
  availabilityZone?: string;
}

/**
 * Everything the amazon plugin asks of EC2 in one region. One real
 * implementation (AWS SDK v3) and an in-memory fake for step tests. Calls
 * reject with the API's error; callers add context.
 */
export interface Ec2Driver {
  readonly region: string;
  describeRegions(): Promise<string[]>;
  describeImages(q: { imageIds?: string[]; owners?: string[]; filters?: Filter[] }): Promise<Image[]>;
  describeVpcs(filters: Filter[]): Promise<string[]>;
  describeSubnets(
    filters: Filter[],
  ): Promise<{ subnetId: string; vpcId: string; availabilityZone: string; free: number }[]>;
  importKeyPair(name: string, publicKey: string, tags: Tag[]): Promise<void>;
  deleteKeyPair(name: string): Promise<void>;
  describeKeyPairs(filters: Filter[]): Promise<{ name: string; tags: Tag[] }[]>;
  createSecurityGroup(q: { name: string; description: string; vpcId?: string; tags: Tag[] }): Promise<string>;
  authorizeIngress(groupId: string, port: number, cidrs: string[]): Promise<void>;
  deleteSecurityGroup(groupId: string): Promise<void>;
  describeSecurityGroups(filters: Filter[]): Promise<{ groupId: string; name: string; tags: Tag[] }[]>;
  runInstance(input: RunInstancesCommandInput, signal?: AbortSignal): Promise<Instance>;
  describeInstance(id: string): Promise<Instance | undefined>;
  describeInstances(filters: Filter[]): Promise<Instance[]>;
  stopInstance(id: string): Promise<void>;
  terminateInstance(id: string): Promise<void>;
  modifyEnaSupport(id: string, ena: boolean): Promise<void>;
  createImage(q: {
    instanceId: string;
    name: string;
    description?: string;
    blockDeviceMappings: BlockDeviceMapping[];
    /** Tags of the image, applied as it is created. */
    tags?: Tag[];
  }): Promise<string>;
  copyImage(q: {
    sourceRegion: string;
    sourceImageId: string;
    name: string;
    description?: string;
    encrypted?: boolean;
    kmsKeyId?: string;
  }): Promise<string>;
  deregisterImage(id: string): Promise<void>;
  modifyLaunchPermission(id: string, add: LaunchPermission[]): Promise<void>;
  describeSnapshots(q: {
    snapshotIds?: string[];
    filters?: Filter[];
    owners?: string[];
  }): Promise<Snapshot[]>;
  deleteSnapshot(id: string): Promise<void>;
  describeVolumes(filters: Filter[]): Promise<Volume[]>;
  deleteVolume(id: string): Promise<void>;
  createTags(resourceIds: string[], tags: Tag[]): Promise<void>;
  deleteTags(resourceIds: string[], keys: string[]): Promise<void>;
}

/** Opens the driver of a region (the build region and every ami_regions copy). */
export type DriverFactory = (region: string) => Ec2Driver;
