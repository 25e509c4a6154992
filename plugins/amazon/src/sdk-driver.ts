import {
  AuthorizeSecurityGroupIngressCommand,
  CopyImageCommand,
  CreateImageCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Filter,
  ImportKeyPairCommand,
  type Instance,
  ModifyImageAttributeCommand,
  ModifyInstanceAttributeCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { AccessConfig } from './access-config.js';
import { ec2Client } from './client.js';
import type { Ec2Driver } from './driver.js';

const notFound = (e: unknown) => /NotFound|\.Malformed$/.test((e as Error).name ?? '');

/** The real driver: EC2 through the AWS SDK v3 (adaptive retries on throttling). */
export class SdkEc2Driver implements Ec2Driver {
  readonly region: string;
  readonly #c: EC2Client;

  constructor(access: AccessConfig, region: string = access.region) {
    this.region = region;
    this.#c = ec2Client(access, region);
  }

  async describeRegions() {
    const r = await this.#c.send(new DescribeRegionsCommand({ AllRegions: true }));
    return (r.Regions ?? []).map((x) => x.RegionName ?? '').filter(Boolean);
  }

  async describeImages(q: { imageIds?: string[]; owners?: string[]; filters?: Filter[] }) {
    const r = await this.#c.send(
      new DescribeImagesCommand({
        ...(q.imageIds?.length ? { ImageIds: q.imageIds } : {}),
        ...(q.owners?.length ? { Owners: q.owners } : {}),
        ...(q.filters?.length ? { Filters: q.filters } : {}),
      }),
    );
    return r.Images ?? [];
  }

  async describeVpcs(filters: Filter[]) {
    const r = await this.#c.send(new DescribeVpcsCommand({ Filters: filters }));
    return (r.Vpcs ?? []).map((v) => v.VpcId ?? '');
  }

  async describeSubnets(filters: Filter[]) {
    const r = await this.#c.send(new DescribeSubnetsCommand({ Filters: filters }));
    return (r.Subnets ?? []).map((s) => ({
      subnetId: s.SubnetId ?? '',
      vpcId: s.VpcId ?? '',
      availabilityZone: s.AvailabilityZone ?? '',
      free: s.AvailableIpAddressCount ?? 0,
    }));
  }

  async importKeyPair(name: string, publicKey: string, tags: { Key: string; Value: string }[]) {
    await this.#c.send(
      new ImportKeyPairCommand({
        KeyName: name,
        PublicKeyMaterial: Buffer.from(publicKey),
        TagSpecifications: [{ ResourceType: 'key-pair', Tags: tags }],
      }),
    );
  }

  async deleteKeyPair(name: string) {
    await this.#c.send(new DeleteKeyPairCommand({ KeyName: name }));
  }

  async describeKeyPairs(filters: Filter[]) {
    const r = await this.#c.send(new DescribeKeyPairsCommand({ Filters: filters }));
    return (r.KeyPairs ?? []).map((k) => ({ name: k.KeyName ?? '', tags: k.Tags ?? [] }));
  }

  async createSecurityGroup(q: {
    name: string;
    description: string;
    vpcId?: string;
    tags: { Key: string; Value: string }[];
  }) {
    const r = await this.#c.send(
      new CreateSecurityGroupCommand({
        GroupName: q.name,
        Description: q.description,
        ...(q.vpcId ? { VpcId: q.vpcId } : {}),
        TagSpecifications: [{ ResourceType: 'security-group', Tags: q.tags }],
      }),
    );
    return r.GroupId ?? '';
  }

  async authorizeIngress(groupId: string, port: number, cidrs: string[]) {
    await this.#c.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: cidrs.map((c) => ({ CidrIp: c })) },
        ],
      }),
    );
  }

  async deleteSecurityGroup(groupId: string) {
    await this.#c.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
  }

  async describeSecurityGroups(filters: Filter[]) {
    const r = await this.#c.send(new DescribeSecurityGroupsCommand({ Filters: filters }));
    return (r.SecurityGroups ?? []).map((g) => ({
      groupId: g.GroupId ?? '',
      name: g.GroupName ?? '',
      tags: g.Tags ?? [],
    }));
  }

  async runInstance(input: ConstructorParameters<typeof RunInstancesCommand>[0], signal?: AbortSignal) {
    const r = await this.#c.send(new RunInstancesCommand(input), signal ? { abortSignal: signal } : {});
    const i = r.Instances?.[0];
    if (!i?.InstanceId) throw new Error('RunInstances returned no instance');
    return i;
  }

  async describeInstance(id: string): Promise<Instance | undefined> {
    try {
      const r = await this.#c.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
      return r.Reservations?.[0]?.Instances?.[0];
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }

  async describeInstances(filters: Filter[]) {
    const r = await this.#c.send(new DescribeInstancesCommand({ Filters: filters }));
    return (r.Reservations ?? []).flatMap((x) => x.Instances ?? []);
  }

  async stopInstance(id: string) {
    await this.#c.send(new StopInstancesCommand({ InstanceIds: [id] }));
  }

  async terminateInstance(id: string) {
    await this.#c.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
  }

  async modifyEnaSupport(id: string, ena: boolean) {
    await this.#c.send(new ModifyInstanceAttributeCommand({ InstanceId: id, EnaSupport: { Value: ena } }));
  }

  async createImage(q: Parameters<Ec2Driver['createImage']>[0]) {
    const r = await this.#c.send(
      new CreateImageCommand({
        InstanceId: q.instanceId,
        Name: q.name,
        ...(q.description ? { Description: q.description } : {}),
        ...(q.blockDeviceMappings.length ? { BlockDeviceMappings: q.blockDeviceMappings } : {}),
        // Snapshot tag specifications are left out: moto does not implement them.
        ...(q.tags?.length ? { TagSpecifications: [{ ResourceType: 'image', Tags: q.tags }] } : {}),
      }),
    );
    if (!r.ImageId) throw new Error('CreateImage returned no image id');
    return r.ImageId;
  }

  async copyImage(q: Parameters<Ec2Driver['copyImage']>[0]) {
    const r = await this.#c.send(
      new CopyImageCommand({
        SourceRegion: q.sourceRegion,
        SourceImageId: q.sourceImageId,
        Name: q.name,
        ...(q.description ? { Description: q.description } : {}),
        ...(q.encrypted ? { Encrypted: true } : {}),
        ...(q.kmsKeyId ? { KmsKeyId: q.kmsKeyId } : {}),
      }),
    );
    if (!r.ImageId) throw new Error('CopyImage returned no image id');
    return r.ImageId;
  }

  async deregisterImage(id: string) {
    await this.#c.send(new DeregisterImageCommand({ ImageId: id }));
  }

  async modifyLaunchPermission(id: string, add: { UserId?: string; Group?: 'all' }[]) {
    await this.#c.send(new ModifyImageAttributeCommand({ ImageId: id, LaunchPermission: { Add: add } }));
  }

  async describeSnapshots(q: { snapshotIds?: string[]; filters?: Filter[]; owners?: string[] }) {
    const r = await this.#c.send(
      new DescribeSnapshotsCommand({
        ...(q.owners?.length ? { OwnerIds: q.owners } : {}),
        ...(q.snapshotIds?.length ? { SnapshotIds: q.snapshotIds } : {}),
        ...(q.filters?.length ? { Filters: q.filters } : {}),
      }),
    );
    return r.Snapshots ?? [];
  }

  async deleteSnapshot(id: string) {
    await this.#c.send(new DeleteSnapshotCommand({ SnapshotId: id }));
  }

  async describeVolumes(filters: Filter[]) {
    const r = await this.#c.send(new DescribeVolumesCommand({ Filters: filters }));
    return r.Volumes ?? [];
  }

  async deleteVolume(id: string) {
    await this.#c.send(new DeleteVolumeCommand({ VolumeId: id }));
  }

  async createTags(resourceIds: string[], tags: { Key?: string; Value?: string }[]) {
    if (!resourceIds.length || !tags.length) return;
    await this.#c.send(new CreateTagsCommand({ Resources: resourceIds, Tags: tags }));
  }

  async deleteTags(resourceIds: string[], keys: string[]) {
    if (!resourceIds.length) return;
    await this.#c.send(new DeleteTagsCommand({ Resources: resourceIds, Tags: keys.map((Key) => ({ Key })) }));
  }
}
