import { readFileSync } from 'node:fs';
import {
  type AttributeSpec,
  type ConfigSchema,
  Diagnostics,
  decodeConfig,
  parseDuration,
  ssh,
} from '@kiln/plugin-sdk';
import { type AccessConfig, accessAttributes, decodeAccessConfig } from './access-config.js';
import { render } from './render.js';

/** The image's encryption key: a Cloud KMS key, or a raw (base64) key. */
export interface EncryptionKey {
  kmsKeyName?: string;
  rawKey?: string;
}

/** The googlecompute builder's configuration after prepare. */
export interface GceConfig {
  access: AccessConfig;
  zone: string;
  sourceImage?: string;
  sourceImageFamily?: string;
  /** Projects to look for the source image in (default: the build project, then the public image projects). */
  sourceImageProjectIds: string[];
  machineType: string;
  diskSizeGb: number;
  diskType: string;
  diskName?: string;
  instanceName?: string;
  network: string;
  networkProjectId?: string;
  subnetwork?: string;
  tags: string[];
  labels: Record<string, string>;
  metadata: Record<string, string>;
  startupScript?: string;
  preemptible: boolean;
  omitExternalIp: boolean;
  useInternalIp: boolean;
  serviceAccountEmail?: string;
  disableDefaultServiceAccount: boolean;
  scopes: string[];
  imageName: string;
  imageFamily?: string;
  imageDescription?: string;
  imageLabels: Record<string, string>;
  imageStorageLocations: string[];
  imageEncryptionKey?: EncryptionKey;
  imageLicenses: string[];
  skipCreateImage: boolean;
  communicator: ssh.CommunicatorConfig;
  /** How long an operation or state change may take (state_timeout). */
  stateTimeoutMs: number;
}

/** Packer's default scopes of the build instance. */
export const DEFAULT_SCOPES = [
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/compute',
  'https://www.googleapis.com/auth/devstorage.full_control',
];

const str = (description: string, extra: Partial<AttributeSpec> = {}): AttributeSpec => ({
  type: 'string',
  description,
  ...extra,
});
const bool = (description: string): AttributeSpec => ({ type: 'bool', description, default: false });
const list = (description: string): AttributeSpec => ({ type: 'list(string)', description });
const map = (description: string): AttributeSpec => ({ type: 'map(string)', description });

/** The googlecompute builder's body, as served through GetSchema. */
export const gceSchema: ConfigSchema = {
  description:
    'Builds a Compute Engine image: starts an instance from a source image, provisions it, stops it and creates an image of its boot disk.',
  attributes: {
    ...accessAttributes,
    ...ssh.communicatorAttributes,
    zone: str('The zone to build in, e.g. us-central1-a.', { required: true }),
    region: str('Accepted for compatibility (the zone names the region).'),
    source_image: str('The image to start from (name).'),
    source_image_family: str('The image family to start from (its newest image).'),
    source_image_project_id: list('Projects to look for the source image in.'),
    machine_type: str('The machine type (default "e2-standard-2").'),
    disk_size: { type: 'number', description: 'The boot disk size in GB (default 20).' },
    disk_type: str('The boot disk type (default "pd-standard").'),
    disk_name: str('The boot disk name (default: the instance name).'),
    instance_name: str('The build instance name (default "kiln-<uuid>").'),
    network: str('The network (default "default" unless subnetwork is given).'),
    network_project_id: str('The project of a shared network.'),
    subnetwork: str('The subnetwork (needed on custom-mode networks).'),
    tags: list('Network tags of the instance.'),
    labels: map('Labels of the instance and its disk.'),
    metadata: map('Metadata of the instance.'),
    metadata_files: map('Metadata of the instance, read from files.'),
    startup_script_file: str("A file whose content is the instance's startup-script."),
    preemptible: bool('Start a preemptible instance.'),
    omit_external_ip: bool('Give the instance no external address (needs use_internal_ip).'),
    use_internal_ip: bool('Connect to the internal address.'),
    service_account_email: str('The service account of the instance.'),
    disable_default_service_account: bool('Start the instance without a service account.'),
    scopes: list('OAuth scopes of the instance service account.'),
    image_name: str('Name of the image (default "packer-{{timestamp}}").'),
    image_family: str('The family of the image.'),
    image_description: str('Description of the image (default "Created by Kiln").'),
    image_labels: map('Labels of the image.'),
    image_storage_locations: list('Where the image is stored (one region or multi-region).'),
    image_licenses: list('Licenses of the image.'),
    skip_create_image: bool('Do everything but create the image.'),
    state_timeout: str('How long an operation may take (default "5m").'),
    on_host_maintenance: str('MIGRATE or TERMINATE (preemptible instances must TERMINATE).'),
    use_os_login: bool('Not supported: keys go into the instance metadata.'),
  },
  blocks: {
    image_encryption_key: {
      nesting: 'single',
      description: 'The key the image is encrypted with.',
      body: {
        attributes: {
          kmsKeyName: str('A Cloud KMS key.'),
          rawKey: str('A base64 AES-256 key.', { sensitive: true }),
        },
      },
    },
  },
};

/** Decodes and checks a googlecompute body; collects every problem. */
export function prepareGceConfig(raw: Record<string, unknown>): {
  config: GceConfig;
  diagnostics: Diagnostics;
} {
  const diags = new Diagnostics();
  const input = { ...raw };
  input.ssh_username ??= 'root';
  const decoded = decodeConfig(gceSchema, input);
  diags.items.push(...decoded.diagnostics);
  const v = decoded.value;
  const s = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  const l = (k: string) => (Array.isArray(v[k]) ? (v[k] as string[]) : []);
  const m = (k: string) => ({ ...((v[k] as Record<string, string> | undefined) ?? {}) });
  const access = decodeAccessConfig(v, diags);
  const communicator = ssh.decodeCommunicatorConfig(v, diags);
  const config: GceConfig = {
    access,
    zone: s('zone') ?? '',
    sourceImageProjectIds: l('source_image_project_id'),
    machineType: s('machine_type') ?? 'e2-standard-2',
    diskSizeGb: typeof v.disk_size === 'number' ? v.disk_size : 20,
    diskType: s('disk_type') ?? 'pd-standard',
    network: s('network') ?? (s('subnetwork') ? '' : 'default'),
    tags: l('tags'),
    labels: m('labels'),
    metadata: m('metadata'),
    preemptible: v.preemptible === true,
    omitExternalIp: v.omit_external_ip === true,
    useInternalIp: v.use_internal_ip === true,
    disableDefaultServiceAccount: v.disable_default_service_account === true,
    scopes: l('scopes').length ? l('scopes') : DEFAULT_SCOPES,
    imageName: s('image_name') ?? 'packer-{{timestamp}}',
    imageLabels: m('image_labels'),
    imageStorageLocations: l('image_storage_locations'),
    imageLicenses: l('image_licenses'),
    skipCreateImage: v.skip_create_image === true,
    communicator,
    stateTimeoutMs: 5 * 60_000,
  };
  const opt = <K extends keyof GceConfig>(k: K, val: GceConfig[K] | undefined) => {
    if (val !== undefined) config[k] = val;
  };
  opt('sourceImage', s('source_image'));
  opt('sourceImageFamily', s('source_image_family'));
  opt('diskName', s('disk_name'));
  opt('instanceName', s('instance_name'));
  opt('networkProjectId', s('network_project_id'));
  opt('subnetwork', s('subnetwork'));
  opt('imageFamily', s('image_family'));
  config.imageDescription = s('image_description') ?? 'Created by Kiln';
  opt('serviceAccountEmail', s('service_account_email'));
  const key = v.image_encryption_key as Record<string, unknown> | undefined;
  if (key) {
    const kms = typeof key.kmsKeyName === 'string' && key.kmsKeyName ? key.kmsKeyName : undefined;
    const rawKey = typeof key.rawKey === 'string' && key.rawKey ? key.rawKey : undefined;
    if (kms && rawKey)
      diags.error('image_encryption_key takes kmsKeyName or rawKey, not both', ['image_encryption_key']);
    config.imageEncryptionKey = { ...(kms ? { kmsKeyName: kms } : {}), ...(rawKey ? { rawKey } : {}) };
  }
  for (const [name, file] of Object.entries(m('metadata_files'))) {
    try {
      config.metadata[name] = readFileSync(file, 'utf8');
    } catch {
      diags.error(`metadata_files: ${name}: cannot read ${file}`, ['metadata_files']);
    }
  }
  const startup = s('startup_script_file');
  if (startup) {
    try {
      config.startupScript = readFileSync(startup, 'utf8');
    } catch {
      diags.error(`startup_script_file not found: ${startup}`, ['startup_script_file']);
    }
  }
  const timeout = s('state_timeout');
  if (timeout) {
    const ms = parseDuration(timeout);
    if (ms === undefined) diags.error(`"${timeout}" is not a duration`, ['state_timeout']);
    else config.stateTimeoutMs = ms;
  }
  if (!config.sourceImage && !config.sourceImageFamily)
    diags.error('a source_image or source_image_family must be specified', ['source_image']);
  if (config.omitExternalIp && !config.useInternalIp)
    diags.error('omit_external_ip requires use_internal_ip to be true', ['omit_external_ip']);
  if (config.disableDefaultServiceAccount && config.serviceAccountEmail)
    diags.error('service_account_email cannot be used with disable_default_service_account', [
      'service_account_email',
    ]);
  if (config.preemptible && s('on_host_maintenance') === 'MIGRATE')
    diags.error('on_host_maintenance must be TERMINATE when using preemptible instances', [
      'on_host_maintenance',
    ]);
  if (v.use_os_login === true)
    diags.error(
      'use_os_login is not supported',
      ['use_os_login'],
      'Kiln puts the SSH key into the instance metadata.',
    );
  if (config.diskSizeGb <= 0 || !Number.isInteger(config.diskSizeGb))
    diags.error('disk_size must be a whole number of GB', ['disk_size']);
  if (config.imageStorageLocations.length > 1)
    diags.error('image_storage_locations takes one location', ['image_storage_locations']);
  const sample = render(config.imageName, new Date());
  if (sample.includes('{{'))
    diags.error(
      `image_name: cannot expand "${config.imageName}"`,
      ['image_name'],
      'Known: {{timestamp}}, {{uuid}}, {{isotime "..."}}, clean_resource_name.',
    );
  else if (!RESOURCE_NAME.test(sample))
    diags.error(
      `image_name "${sample}" is not a valid Compute Engine name`,
      ['image_name'],
      'Names start with a lower-case letter, have at most 63 lower-case letters, digits and dashes, and do not end with a dash; clean_resource_name makes one.',
    );
  if (config.imageFamily && !RESOURCE_NAME.test(config.imageFamily))
    diags.error(`image_family "${config.imageFamily}" is not a valid Compute Engine name`, ['image_family']);
  return { config, diagnostics: diags };
}

/** A Compute Engine resource name (RFC 1035). */
export const RESOURCE_NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
