import { readFileSync } from 'node:fs';
import {
  type AttributeSpec,
  attr,
  type ConfigSchema,
  Diagnostics,
  decodeConfig,
  parseDuration,
  ssh,
} from '@kiln/plugin-sdk';
import { type AccessConfig, accessAttributes, decodeAccessConfig } from './access-config.js';
import { type BlockDevice, blockDeviceSpec, decodeBlockDevices } from './block-devices.js';
import { type AmiFilter, amiFilterBlock, decodeAmiFilter, isEmptyQuery } from './filters.js';
import { TEMPLATE_FIELDS } from './names.js';
import { render } from './render.js';

/** Stand-ins for the fields known only at run time, to check ami_name early. */
const sampleData = Object.fromEntries(TEMPLATE_FIELDS.map((k) => [k, 'x']));

/** The amazon-ebs builder's configuration after prepare. */
export interface EbsConfig {
  access: AccessConfig;
  sourceAmi?: string;
  sourceAmiFilter?: AmiFilter;
  instanceType: string;
  amiName: string;
  amiDescription?: string;
  amiRegions: string[];
  amiUsers: string[];
  amiGroups: string[];
  tags: Record<string, string>;
  runTags: Record<string, string>;
  runVolumeTags: Record<string, string>;
  snapshotTags: Record<string, string>;
  launchBlockDevices: BlockDevice[];
  amiBlockDevices: BlockDevice[];
  vpcId?: string;
  subnetId?: string;
  vpcFilter?: Record<string, string>;
  subnetFilter?: { filters: Record<string, string>; mostFree: boolean; random: boolean };
  securityGroupIds: string[];
  securityGroupFilter?: Record<string, string>;
  temporarySecurityGroupSourceCidrs: string[];
  associatePublicIpAddress?: boolean;
  availabilityZone?: string;
  sshKeypairName?: string;
  userData?: string;
  iamInstanceProfile?: string;
  shutdownBehavior: 'stop' | 'terminate';
  enaSupport?: boolean;
  encryptBoot?: boolean;
  kmsKeyId?: string;
  regionKmsKeyIds: Record<string, string>;
  forceDeregister: boolean;
  forceDeleteSnapshot: boolean;
  skipCreateAmi: boolean;
  spotPrice?: string;
  disableStopInstance: boolean;
  communicator: ssh.CommunicatorConfig;
  sshInterface: string;
  /** How long each waiter may take. */
  waitTimeoutMs: number;
  pollIntervalMs: number;
}

const { string: str, bool, list, map } = attr;
const filterBlock = (description: string, extra: Record<string, AttributeSpec> = {}) => ({
  nesting: 'single' as const,
  description,
  body: { attributes: { filters: map('DescribeX filters, name => value.'), ...extra } },
});

const keyValueBlock = (description: string) => ({
  nesting: 'list' as const,
  description,
  body: {
    attributes: {
      key: { type: 'string', required: true, description: 'The tag key.' },
      value: { type: 'string', required: true, description: 'The tag value.' },
    },
  },
});

/** The amazon-ebs builder's body, as served through GetSchema. */
export const ebsSchema: ConfigSchema = {
  description:
    'Builds an EBS-backed AMI: launches an instance from a source AMI, provisions it, stops it and creates an image.',
  attributes: {
    ...accessAttributes,
    ...ssh.communicatorAttributes,
    source_ami: str('The AMI to start from.'),
    instance_type: str('The instance type, e.g. t3.micro.', { required: true }),
    ami_name: str('Name of the AMI; "{{timestamp}}" and "clean_resource_name" are expanded.', {
      required: true,
    }),
    ami_description: str('Description of the AMI.'),
    ami_regions: list('Copy the AMI to these regions too.'),
    ami_users: list('Account ids allowed to launch the AMI.'),
    ami_groups: list('Groups allowed to launch the AMI ("all" makes it public).'),
    tags: map('Tags of the AMI and its snapshots.'),
    run_tags: map('Tags of the build instance.'),
    run_volume_tags: map("Tags of the build instance's volumes."),
    snapshot_tags: map("Tags of the AMI's snapshots."),
    vpc_id: str('The VPC to launch in.'),
    subnet_id: str('The subnet to launch in.'),
    availability_zone: str('The availability zone to launch in.'),
    security_group_id: str('One security group for the instance.'),
    security_group_ids: list('Security groups for the instance.'),
    temporary_security_group_source_cidrs: list(
      'CIDRs the temporary security group admits (default 0.0.0.0/0).',
    ),
    temporary_security_group_source_public_ip: bool('Accepted for compatibility.', false),
    associate_public_ip_address: bool('Give the instance a public address.'),
    ssh_keypair_name: str('An existing key pair for the instance (with ssh_private_key_file).'),
    ssh_interface: str('public_ip, private_ip, public_dns or private_dns.'),
    user_data: str('User data for the instance.'),
    user_data_file: str('A file whose content is the user data.'),
    iam_instance_profile: str('The instance profile of the build instance.'),
    shutdown_behavior: str('"stop" (default) or "terminate".'),
    ena_support: bool('Enable ENA networking on the AMI.'),
    sriov_support: bool('Enable enhanced networking (SriovNetSupport).'),
    encrypt_boot: bool('Encrypt the boot volume of the AMI (through an encrypted copy).'),
    kms_key_id: str('The KMS key of encrypt_boot.'),
    region_kms_key_ids: map('KMS keys of the copies, by region.'),
    force_deregister: bool('Deregister an existing AMI of the same name first.', false),
    force_delete_snapshot: bool('With force_deregister, delete its snapshots too.', false),
    skip_create_ami: bool('Do everything but create the AMI.', false),
    spot_price: str(
      'Launch a spot instance at most at this hourly price; "auto" takes the on-demand price as the limit.',
    ),
    spot_instance_types: list('Not supported: spot_price with instance_type only.'),
    disable_stop_instance: bool('Do not stop the instance (the provisioner does).', false),
    aws_polling_max_wait: str('How long a waiter may take (default "30m").'),
  },
  blocks: {
    source_ami_filter: { ...amiFilterBlock, description: 'Find the source AMI by filters.' },
    vpc_filter: filterBlock('Find the VPC by filters.'),
    subnet_filter: filterBlock('Find the subnet by filters.', {
      most_free: bool('Take the subnet with the most free addresses.', false),
      random: bool('Take a random matching subnet.', false),
    }),
    security_group_filter: filterBlock('Find the security groups by filters.'),
    tag: keyValueBlock('A tag of the AMI (repeatable; like tags).'),
    run_tag: keyValueBlock('A tag of the build instance (repeatable; like run_tags).'),
    run_volume_tag: keyValueBlock('A tag of the build volumes (repeatable; like run_volume_tags).'),
    snapshot_tag: keyValueBlock('A tag of the snapshots (repeatable; like snapshot_tags).'),
    launch_block_device_mappings: { ...blockDeviceSpec, description: 'Volumes of the build instance.' },
    ami_block_device_mappings: { ...blockDeviceSpec, description: 'Volumes recorded in the AMI.' },
  },
};

/** Decodes and checks an amazon-ebs body; collects every problem. */
export function prepareEbsConfig(raw: Record<string, unknown>): {
  config: EbsConfig;
  diagnostics: Diagnostics;
} {
  const diags = new Diagnostics();
  const decoded = decodeConfig(ebsSchema, raw);
  diags.items.push(...decoded.diagnostics);
  const v = decoded.value;
  const s = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  const l = (k: string) => (Array.isArray(v[k]) ? (v[k] as string[]) : []);
  // A map attribute and its repeatable `key`/`value` block form (HCL2), merged.
  const m = (k: string, block?: string) => {
    const out = { ...((v[k] as Record<string, string> | undefined) ?? {}) };
    const blocks = block ? (v[block] as { key?: string; value?: string }[] | undefined) : undefined;
    for (const b of blocks ?? []) if (b.key) out[b.key] = b.value ?? '';
    return out;
  };
  const b = (k: string) => (typeof v[k] === 'boolean' ? (v[k] as boolean) : undefined);
  const block = (k: string) => v[k] as Record<string, unknown> | undefined;
  const access = decodeAccessConfig(v, diags);
  const communicator = ssh.decodeCommunicatorConfig(v, diags);
  const shutdown = s('shutdown_behavior') ?? 'stop';
  if (shutdown !== 'stop' && shutdown !== 'terminate')
    diags.error('shutdown_behavior must be "stop" or "terminate"', ['shutdown_behavior']);
  const subnetFilter = block('subnet_filter');
  const config: EbsConfig = {
    access,
    instanceType: s('instance_type') ?? '',
    amiName: s('ami_name') ?? '',
    amiRegions: l('ami_regions'),
    amiUsers: l('ami_users'),
    amiGroups: l('ami_groups'),
    tags: m('tags', 'tag'),
    runTags: m('run_tags', 'run_tag'),
    runVolumeTags: m('run_volume_tags', 'run_volume_tag'),
    snapshotTags: m('snapshot_tags', 'snapshot_tag'),
    launchBlockDevices: decodeBlockDevices(
      v.launch_block_device_mappings,
      'launch_block_device_mappings',
      diags,
    ),
    amiBlockDevices: decodeBlockDevices(v.ami_block_device_mappings, 'ami_block_device_mappings', diags),
    securityGroupIds: [
      ...(s('security_group_id') ? [s('security_group_id') as string] : []),
      ...l('security_group_ids'),
    ],
    temporarySecurityGroupSourceCidrs: l('temporary_security_group_source_cidrs'),
    shutdownBehavior: shutdown === 'terminate' ? 'terminate' : 'stop',
    regionKmsKeyIds: m('region_kms_key_ids'),
    forceDeregister: v.force_deregister === true,
    forceDeleteSnapshot: v.force_delete_snapshot === true,
    skipCreateAmi: v.skip_create_ami === true,
    disableStopInstance: v.disable_stop_instance === true,
    communicator,
    sshInterface: s('ssh_interface') ?? '',
    waitTimeoutMs: 30 * 60_000,
    pollIntervalMs: Number(process.env.AWS_POLL_DELAY_SECONDS ?? 2) * 1000,
  };
  const opt = <K extends keyof EbsConfig>(k: K, val: EbsConfig[K] | undefined) => {
    if (val !== undefined) config[k] = val;
  };
  opt('sourceAmi', s('source_ami'));
  opt('sourceAmiFilter', decodeAmiFilter(block('source_ami_filter')));
  opt('amiDescription', s('ami_description'));
  opt('vpcId', s('vpc_id'));
  opt('subnetId', s('subnet_id'));
  opt('availabilityZone', s('availability_zone'));
  opt('vpcFilter', (block('vpc_filter')?.filters as Record<string, string>) ?? undefined);
  opt(
    'securityGroupFilter',
    (block('security_group_filter')?.filters as Record<string, string>) ?? undefined,
  );
  if (subnetFilter)
    config.subnetFilter = {
      filters: (subnetFilter.filters as Record<string, string>) ?? {},
      mostFree: subnetFilter.most_free === true,
      random: subnetFilter.random === true,
    };
  opt('associatePublicIpAddress', b('associate_public_ip_address'));
  opt('sshKeypairName', s('ssh_keypair_name'));
  opt('iamInstanceProfile', s('iam_instance_profile'));
  opt('enaSupport', b('ena_support'));
  opt('encryptBoot', b('encrypt_boot'));
  opt('kmsKeyId', s('kms_key_id'));
  opt('spotPrice', s('spot_price'));
  opt('userData', s('user_data'));
  const maxWait = s('aws_polling_max_wait');
  if (maxWait) {
    const ms = parseDuration(maxWait);
    if (ms === undefined) diags.error(`"${maxWait}" is not a duration`, ['aws_polling_max_wait']);
    else config.waitTimeoutMs = ms;
  }
  const userDataFile = s('user_data_file');
  if (userDataFile) {
    if (config.userData)
      diags.error('Only one of user_data or user_data_file can be specified.', ['user_data_file']);
    try {
      config.userData = readFileSync(userDataFile, 'utf8');
    } catch {
      diags.error(`user_data_file not found: ${userDataFile}`, ['user_data_file']);
    }
  }
  if (!config.sourceAmi && !config.sourceAmiFilter)
    diags.error('A source_ami or source_ami_filter must be specified', ['source_ami']);
  if (config.sourceAmi && config.sourceAmiFilter)
    diags.warning('source_ami_filter is ignored because source_ami is set', ['source_ami_filter']);
  if (config.sourceAmiFilter && isEmptyQuery(config.sourceAmiFilter))
    diags.error('You must specify filters or owners in source_ami_filter', ['source_ami_filter']);
  if ('ami_name' in raw && !config.amiName) diags.error('ami_name must be specified', ['ami_name']);
  if (config.amiName && (config.amiName.length < 3 || config.amiName.length > 128))
    diags.error('ami_name must be between 3 and 128 characters long', ['ami_name']);
  if (config.amiName) {
    const sample = render(config.amiName, new Date(), sampleData);
    if (sample.includes('{{'))
      diags.error(
        `ami_name: cannot expand "${config.amiName}"`,
        ['ami_name'],
        'Known: {{timestamp}}, {{isotime}}, {{uuid}}, {{ .SourceAMI }}-style fields, clean_resource_name.',
      );
    else if (!/^[a-zA-Z0-9()[\] ./\-'@_]+$/.test(sample))
      diags.error(
        "AMIName should only contain alphanumeric characters, parentheses (()), square brackets ([]), spaces ( ), periods (.), slashes (/), dashes (-), single quotes ('), at-signs (@), or underscores(_).",
        ['ami_name'],
        'You can use the clean_resource_name template filter to automatically clean your ami name.',
      );
  }
  if (config.kmsKeyId && config.encryptBoot !== true)
    diags.error('kms_key_id requires encrypt_boot = true', ['kms_key_id']);
  if (config.forceDeleteSnapshot && !config.forceDeregister)
    diags.error('force_delete_snapshot requires force_deregister = true', ['force_delete_snapshot']);
  if (config.spotPrice && config.spotPrice !== 'auto' && !/^\d+(\.\d+)?$/.test(config.spotPrice))
    diags.error('spot_price must be a price like "0.05" or "auto"', ['spot_price']);
  if (l('spot_instance_types').length)
    diags.error(
      'spot_instance_types is not supported yet',
      ['spot_instance_types'],
      'Use instance_type with spot_price.',
    );
  if (
    config.sshInterface &&
    !['public_ip', 'private_ip', 'public_dns', 'private_dns'].includes(config.sshInterface)
  )
    diags.error('ssh_interface must be public_ip, private_ip, public_dns or private_dns', ['ssh_interface']);
  if (
    config.sshKeypairName &&
    communicator.type === 'ssh' &&
    !communicator.privateKeyFile &&
    !communicator.agentAuth
  )
    diags.error(
      'ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified',
      ['ssh_keypair_name'],
    );
  for (const r of config.amiRegions)
    if (r === config.access.region)
      diags.warning(`ami_regions lists the build region ${r}; it is skipped`, ['ami_regions']);
  config.amiRegions = [...new Set(config.amiRegions.filter((r) => r !== config.access.region))];
  return { config, diagnostics: diags };
}
