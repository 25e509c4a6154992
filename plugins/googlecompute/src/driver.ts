import type { protos } from '@google-cloud/compute';

export type Image = protos.google.cloud.compute.v1.IImage;
export type Instance = protos.google.cloud.compute.v1.IInstance;
export type Disk = protos.google.cloud.compute.v1.IDisk;
export type Operation = protos.google.cloud.compute.v1.IOperation;

/**
 * Everything the googlecompute plugin asks of Compute Engine in one
 * project. Calls reject with the API's error (see gceMessage); a get of a
 * name that does not exist resolves undefined. Operations are returned as
 * started; {@link waitOperation} waits for them.
 */
export interface ComputeDriver {
  readonly project: string;
  getImage(project: string, name: string): Promise<Image | undefined>;
  getImageFromFamily(project: string, family: string): Promise<Image | undefined>;
  listImages(filter: string): Promise<Image[]>;
  insertImage(image: Image): Promise<Operation>;
  deleteImage(name: string): Promise<Operation>;
  setImageLabels(name: string, labels: Record<string, string>, fingerprint: string): Promise<Operation>;
  insertInstance(zone: string, instance: Instance): Promise<Operation>;
  getInstance(zone: string, name: string): Promise<Instance | undefined>;
  listInstances(zone: string, filter: string): Promise<Instance[]>;
  stopInstance(zone: string, name: string): Promise<Operation>;
  deleteInstance(zone: string, name: string): Promise<Operation>;
  getDisk(zone: string, name: string): Promise<Disk | undefined>;
  listDisks(zone: string, filter: string): Promise<Disk[]>;
  deleteDisk(zone: string, name: string): Promise<Operation>;
  /** The operation now (zone: a zonal operation; else global). */
  getOperation(name: string, zone?: string): Promise<Operation>;
  close(): Promise<void>;
}
