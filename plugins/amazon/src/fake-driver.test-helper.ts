import type { Filter, Image, Instance, Snapshot, Tag, Volume } from '@aws-sdk/client-ec2';
import type { DriverFactory, Ec2Driver } from './driver.js';

/** The world a {@link FakeEc2} region holds; shared across regions for copies. */
export interface FakeWorld {
  images: Map<string, Image & { region: string }>;
  instances: Map<string, Instance & { region: string }>;
  keyPairs: Map<string, { region: string; tags: Tag[] }>;
  groups: Map<string, { region: string; name: string; tags: Tag[] }>;
  volumes: Map<string, Volume & { region: string }>;
  snapshots: Map<string, Snapshot & { region: string }>;
  /** Every call, as "region method arg". */
  calls: string[];
  /** Makes a method fail: method name => error to throw. */
  fail: Map<string, Error>;
  /** Instances stay "pending" and images "pending" while set. */
  hold: { instances: boolean; images: boolean };
}

let seq = 0;
const id = (prefix: string) => `${prefix}-${(++seq).toString(16).padStart(8, '0')}`;

/** A new empty world with one public source image in us-east-1. */
export function fakeWorld(): FakeWorld {
  const w: FakeWorld = {
    images: new Map(),
    instances: new Map(),
    keyPairs: new Map(),
    groups: new Map(),
    volumes: new Map(),
    snapshots: new Map(),
    calls: [],
    fail: new Map(),
    hold: { instances: false, images: false },
  };
  w.images.set('ami-source', {
    region: 'us-east-1',
    ImageId: 'ami-source',
    Name: 'ubuntu/images/base-1',
    OwnerId: '099720109477',
    State: 'available',
    CreationDate: '2020-01-01T00:00:00.000Z',
    BlockDeviceMappings: [],
  });
  return w;
}

function named(name: string): Error {
  const e = new Error(`fake ${name}`);
  e.name = name;
  return e;
}

const matches = (tags: Tag[] | undefined, filters: Filter[]) =>
  filters.every((f) => {
    if (f.Name === 'tag-key') return (tags ?? []).some((t) => f.Values?.includes(t.Key ?? ''));
    if (f.Name?.startsWith('tag:')) {
      const key = f.Name.slice(4);
      return (tags ?? []).some((t) => t.Key === key && f.Values?.includes(t.Value ?? ''));
    }
    return true;
  });

/** An in-memory EC2 region for step tests. */
export class FakeEc2 implements Ec2Driver {
  constructor(
    readonly region: string,
    readonly w: FakeWorld,
  ) {}

  #call(method: string, arg = ''): void {
    this.w.calls.push(`${this.region} ${method} ${arg}`.trim());
    const e = this.w.fail.get(method);
    if (e) throw e;
  }

  async describeRegions() {
    this.#call('describeRegions');
    return ['us-east-1', 'us-west-2', 'eu-west-1'];
  }
  async describeImages(q: { imageIds?: string[]; owners?: string[]; filters?: Filter[] }) {
    this.#call('describeImages');
    const all = [...this.w.images.values()].filter((i) => i.region === this.region);
    if (q.imageIds?.length) {
      const found = all.filter((i) => q.imageIds?.includes(i.ImageId ?? ''));
      if (!found.length) throw named('InvalidAMIID.NotFound');
      return found;
    }
    return all.filter((i) => {
      const name = q.filters?.find((f) => f.Name === 'name')?.Values?.[0];
      if (name && !new RegExp(`^${name.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(i.Name ?? ''))
        return false;
      if (q.owners?.includes('self') && i.OwnerId !== 'self') return false;
      if (q.owners?.length && !q.owners.includes('self') && !q.owners.includes(i.OwnerId ?? '')) return false;
      return matches(
        i.Tags,
        (q.filters ?? []).filter((f) => f.Name !== 'name'),
      );
    });
  }
  async describeVpcs() {
    this.#call('describeVpcs');
    return ['vpc-1'];
  }
  async describeSubnets() {
    this.#call('describeSubnets');
    return [{ subnetId: 'subnet-1', vpcId: 'vpc-1', availabilityZone: `${this.region}a`, free: 10 }];
  }
  async importKeyPair(name: string, _key: string, tags: Tag[]) {
    this.#call('importKeyPair', name);
    this.w.keyPairs.set(name, { region: this.region, tags });
  }
  async deleteKeyPair(name: string) {
    this.#call('deleteKeyPair', name);
    this.w.keyPairs.delete(name);
  }
  async describeKeyPairs(filters: Filter[]) {
    return [...this.w.keyPairs]
      .filter(([, k]) => k.region === this.region && matches(k.tags, filters))
      .map(([name, k]) => ({ name, tags: k.tags }));
  }
  async createSecurityGroup(q: { name: string; tags: Tag[] }) {
    this.#call('createSecurityGroup', q.name);
    const g = id('sg');
    this.w.groups.set(g, { region: this.region, name: q.name, tags: q.tags });
    return g;
  }
  async authorizeIngress(groupId: string) {
    this.#call('authorizeIngress', groupId);
  }
  async deleteSecurityGroup(groupId: string) {
    this.#call('deleteSecurityGroup', groupId);
    this.w.groups.delete(groupId);
  }
  async describeSecurityGroups(filters: Filter[]) {
    return [...this.w.groups]
      .filter(([, g]) => g.region === this.region && matches(g.tags, filters))
      .map(([groupId, g]) => ({ groupId, name: g.name, tags: g.tags }));
  }
  async runInstance(input: Parameters<Ec2Driver['runInstance']>[0]) {
    this.#call('runInstance', String(input.InstanceType));
    const i = id('i');
    const tags = input.TagSpecifications?.find((t) => t.ResourceType === 'instance')?.Tags ?? [];
    const volTags = input.TagSpecifications?.find((t) => t.ResourceType === 'volume')?.Tags ?? [];
    const vol = id('vol');
    this.w.volumes.set(vol, { region: this.region, VolumeId: vol, State: 'in-use', Tags: volTags });
    const inst = {
      region: this.region,
      InstanceId: i,
      State: { Name: 'pending' as const },
      Tags: tags,
      PrivateIpAddress: '10.0.0.5',
      BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeId: vol } }],
    };
    this.w.instances.set(i, inst);
    return { ...inst };
  }
  async describeInstance(iid: string) {
    const i = this.w.instances.get(iid);
    if (i?.State?.Name === 'pending' && !this.w.hold.instances) i.State = { Name: 'running' };
    if (i?.State?.Name === 'stopping') i.State = { Name: 'stopped' };
    if (i?.State?.Name === 'shutting-down') i.State = { Name: 'terminated' };
    return i ? { ...i } : undefined;
  }
  async describeInstances(filters: Filter[]) {
    return [...this.w.instances.values()].filter(
      (i) =>
        i.region === this.region &&
        matches(i.Tags, filters) &&
        (filters.find((f) => f.Name === 'instance-state-name')?.Values?.includes(i.State?.Name ?? '') ??
          true),
    );
  }
  async stopInstance(iid: string) {
    this.#call('stopInstance', iid);
    const i = this.w.instances.get(iid);
    if (i) i.State = { Name: 'stopping' };
  }
  async terminateInstance(iid: string) {
    this.#call('terminateInstance', iid);
    const i = this.w.instances.get(iid);
    if (i) i.State = { Name: 'shutting-down' };
    for (const m of i?.BlockDeviceMappings ?? []) if (m.Ebs?.VolumeId) this.w.volumes.delete(m.Ebs.VolumeId);
  }
  async modifyEnaSupport(iid: string) {
    this.#call('modifyEnaSupport', iid);
  }
  #newImage(name: string, tags: Tag[] = []): string {
    const ami = id('ami');
    const snap = id('snap');
    this.w.snapshots.set(snap, { region: this.region, SnapshotId: snap, Tags: [] });
    this.w.images.set(ami, {
      region: this.region,
      ImageId: ami,
      Name: name,
      OwnerId: 'self',
      State: this.w.hold.images ? 'pending' : 'available',
      BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { SnapshotId: snap } }],
      Tags: [...tags],
    });
    return ami;
  }
  async createImage(q: { instanceId: string; name: string; tags?: Tag[] }) {
    this.#call('createImage', q.name);
    return this.#newImage(q.name, q.tags);
  }
  async copyImage(q: { sourceImageId: string; name: string; encrypted?: boolean }) {
    this.#call('copyImage', `${q.sourceImageId}${q.encrypted ? ' encrypted' : ''}`);
    return this.#newImage(q.name);
  }
  async deregisterImage(ami: string) {
    this.#call('deregisterImage', ami);
    this.w.images.delete(ami);
  }
  async modifyLaunchPermission(ami: string) {
    this.#call('modifyLaunchPermission', ami);
  }
  async describeSnapshots(q: { snapshotIds?: string[]; filters?: Filter[] }) {
    return [...this.w.snapshots.values()].filter(
      (s) =>
        s.region === this.region &&
        (!q.snapshotIds || q.snapshotIds.includes(s.SnapshotId ?? '')) &&
        matches(s.Tags, q.filters ?? []),
    );
  }
  async deleteSnapshot(snap: string) {
    this.#call('deleteSnapshot', snap);
    this.w.snapshots.delete(snap);
  }
  async describeVolumes(filters: Filter[]) {
    return [...this.w.volumes.values()].filter((v) => v.region === this.region && matches(v.Tags, filters));
  }
  async deleteVolume(vol: string) {
    this.#call('deleteVolume', vol);
    this.w.volumes.delete(vol);
  }
  #tagged(rid: string): { Tags?: Tag[] } | undefined {
    return this.w.images.get(rid) ?? this.w.snapshots.get(rid) ?? this.w.instances.get(rid);
  }
  async createTags(ids: string[], tags: Tag[]) {
    this.#call('createTags', ids.join(','));
    for (const r of ids) {
      const o = this.#tagged(r);
      if (o) o.Tags = [...(o.Tags ?? []).filter((t) => !tags.some((n) => n.Key === t.Key)), ...tags];
    }
  }
  async deleteTags(ids: string[], keys: string[]) {
    this.#call('deleteTags', ids.join(','));
    for (const r of ids) {
      const o = this.#tagged(r);
      if (o) o.Tags = (o.Tags ?? []).filter((t) => !keys.includes(t.Key ?? ''));
    }
  }
}

/** A driver factory over one world. */
export function fakeDrivers(w: FakeWorld): DriverFactory {
  const cache = new Map<string, FakeEc2>();
  return (region) => {
    const known = cache.get(region);
    if (known) return known;
    const d = new FakeEc2(region, w);
    cache.set(region, d);
    return d;
  };
}
