import type {
  DisksClient,
  GlobalOperationsClient,
  ImagesClient,
  InstancesClient,
  ZoneOperationsClient,
} from '@google-cloud/compute';
import { type AccessConfig, endpointOf } from './access-config.js';
import { credentialsOf } from './credentials.js';
import type { ComputeDriver, Disk, Image, Instance, Operation } from './driver.js';
import { gceError, isNotFound } from './errors.js';

type ClientOptions = ConstructorParameters<typeof InstancesClient>[0];

const orUndefined = <T>(p: Promise<[T, ...unknown[]]>): Promise<T | undefined> =>
  p.then(
    ([v]) => v,
    (e) => {
      if (isNotFound(e)) return undefined;
      throw e;
    },
  );

/**
 * The Compute Engine driver on Google's Node client, speaking REST (the
 * client's fallback transport), to custom_endpoints.compute when given.
 */
export class SdkComputeDriver implements ComputeDriver {
  readonly project: string;
  readonly #access: AccessConfig;
  #clients?: Promise<{
    instances: InstancesClient;
    disks: DisksClient;
    images: ImagesClient;
    zoneOps: ZoneOperationsClient;
    globalOps: GlobalOperationsClient;
  }>;

  constructor(access: AccessConfig) {
    this.project = access.projectId;
    this.#access = access;
  }

  #c() {
    // Loaded on first use: the client library is large, and validate never needs it.
    this.#clients ??= Promise.all([import('@google-cloud/compute'), clientOptions(this.#access)]).then(
      ([gc, o]) => ({
        instances: new gc.InstancesClient(o),
        disks: new gc.DisksClient(o),
        images: new gc.ImagesClient(o),
        zoneOps: new gc.ZoneOperationsClient(o),
        globalOps: new gc.GlobalOperationsClient(o),
      }),
    );
    return this.#clients;
  }

  async getImage(project: string, name: string): Promise<Image | undefined> {
    return orUndefined((await this.#c()).images.get({ project, image: name }));
  }
  async getImageFromFamily(project: string, family: string): Promise<Image | undefined> {
    return orUndefined((await this.#c()).images.getFromFamily({ project, family }));
  }
  async listImages(filter: string): Promise<Image[]> {
    const [list] = await (await this.#c()).images.list({ project: this.project, filter });
    return list;
  }
  async insertImage(image: Image): Promise<Operation> {
    const [op] = await (await this.#c()).images.insert({ project: this.project, imageResource: image });
    return op.latestResponse as Operation;
  }
  async deleteImage(name: string): Promise<Operation> {
    const [op] = await (await this.#c()).images.delete({ project: this.project, image: name });
    return op.latestResponse as Operation;
  }
  async setImageLabels(
    name: string,
    labels: Record<string, string>,
    fingerprint: string,
  ): Promise<Operation> {
    const [op] = await (await this.#c()).images.setLabels({
      project: this.project,
      resource: name,
      globalSetLabelsRequestResource: { labels, labelFingerprint: fingerprint },
    });
    return op.latestResponse as Operation;
  }
  async insertInstance(zone: string, instance: Instance): Promise<Operation> {
    const [op] = await (await this.#c()).instances.insert({
      project: this.project,
      zone,
      instanceResource: instance,
    });
    return op.latestResponse as Operation;
  }
  async getInstance(zone: string, name: string): Promise<Instance | undefined> {
    return orUndefined((await this.#c()).instances.get({ project: this.project, zone, instance: name }));
  }
  async listInstances(zone: string, filter: string): Promise<Instance[]> {
    const [list] = await (await this.#c()).instances.list({ project: this.project, zone, filter });
    return list;
  }
  async stopInstance(zone: string, name: string): Promise<Operation> {
    const [op] = await (await this.#c()).instances.stop({ project: this.project, zone, instance: name });
    return op.latestResponse as Operation;
  }
  async deleteInstance(zone: string, name: string): Promise<Operation> {
    const [op] = await (await this.#c()).instances.delete({ project: this.project, zone, instance: name });
    return op.latestResponse as Operation;
  }
  async getDisk(zone: string, name: string): Promise<Disk | undefined> {
    return orUndefined((await this.#c()).disks.get({ project: this.project, zone, disk: name }));
  }
  async listDisks(zone: string, filter: string): Promise<Disk[]> {
    const [list] = await (await this.#c()).disks.list({ project: this.project, zone, filter });
    return list;
  }
  async deleteDisk(zone: string, name: string): Promise<Operation> {
    const [op] = await (await this.#c()).disks.delete({ project: this.project, zone, disk: name });
    return op.latestResponse as Operation;
  }
  async getOperation(name: string, zone?: string): Promise<Operation> {
    const c = await this.#c();
    const [op] = zone
      ? await c.zoneOps.get({ project: this.project, zone, operation: name })
      : await c.globalOps.get({ project: this.project, operation: name });
    return op;
  }
  async close(): Promise<void> {
    if (!this.#clients) return;
    const c = await this.#clients.catch(() => undefined);
    if (!c) return;
    await Promise.all(Object.values(c).map((x) => x.close().catch(() => undefined)));
  }
}

async function clientOptions(access: AccessConfig): Promise<ClientOptions> {
  const { client } = await credentialsOf(access);
  const endpoint = access.computeEndpoint ? endpointOf(access.computeEndpoint) : undefined;
  return {
    fallback: true,
    authClient: client as NonNullable<ClientOptions>['authClient'],
    ...(endpoint ?? {}),
  } as ClientOptions;
}

/**
 * Checks the credentials before anything is made (a token, or a signed
 * request header); the error names what was tried. Returns where they came from.
 */
export async function checkCredentials(access: AccessConfig): Promise<string> {
  const creds = await credentialsOf(access);
  try {
    await creds.client.getRequestHeaders(access.computeEndpoint ?? 'https://compute.googleapis.com/');
    return creds.source;
  } catch (e) {
    throw gceError(`Could not authenticate to Google Cloud with ${creds.source}`, e);
  }
}
