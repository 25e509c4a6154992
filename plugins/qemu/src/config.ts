import { existsSync } from 'node:fs';
import {
  type AttributeSpec,
  attr,
  type ConfigSchema,
  Diagnostics,
  decodeConfig,
  parseDuration,
  ssh,
} from '@kiln/plugin-sdk';
import { parseBootCommand } from './boot-command/parse.js';
import { parseChecksum } from './checksum.js';

/** Accelerators QEMU knows; "auto" is Kiln's: kvm when it really runs, else tcg. */
export const ACCELERATORS = ['auto', 'kvm', 'tcg', 'none', 'xen', 'hax', 'hvf', 'whpx'] as const;

/** The qemu builder's configuration after prepare. */
export interface QemuConfig {
  isoUrls: string[];
  isoChecksum: string;
  isoTargetPath?: string;
  diskImage: boolean;
  useBackingFile: boolean;
  diskSize: string;
  floppyFiles: string[];
  floppyDirs: string[];
  floppyLabel: string;
  /** Sizes of extra disks (<vm_name>-1, -2, ...). */
  diskAdditionalSize: string[];
  format: 'qcow2' | 'raw';
  diskInterface: string;
  netDevice: string;
  diskCache: string;
  diskDiscard: string;
  accelerator: (typeof ACCELERATORS)[number];
  cpus: number;
  memory: number;
  machineType: string;
  cpuModel?: string;
  headless: boolean;
  vncBindAddress: string;
  vncPortMin: number;
  vncPortMax: number;
  hostPortMin: number;
  hostPortMax: number;
  bootWaitMs: number;
  bootCommand: string[];
  bootKeyIntervalMs: number;
  qemuArgs: string[][];
  qemuBinary: string;
  shutdownCommand: string;
  shutdownTimeoutMs: number;
  outputDirectory: string;
  vmName: string;
  skipCompaction: boolean;
  diskCompression: boolean;
  httpDirectory?: string;
  httpContent: Record<string, string>;
  httpPortMin: number;
  httpPortMax: number;
  httpBindAddress: string;
  /** How long a kvm guest may show nothing before it counts as not starting. */
  signOfLifeMs: number;
  comm: ssh.CommunicatorConfig;
}

const { string: str, number: num, bool } = attr;

/** The qemu builder's body, as served through GetSchema. */
export const builderSchema: ConfigSchema = {
  description:
    'Builds a VM image with QEMU: boots an ISO (or a disk image), provisions it over SSH, keeps the disk.',
  attributes: {
    iso_url: str('The ISO (or disk image with disk_image = true): a path, file:// or http(s):// URL.'),
    iso_urls: { type: 'list(string)', description: 'URLs tried in order.' },
    iso_checksum: str(
      '"sha256:<hex>", "sha512:", "sha1:", "md5:", "file:<url>", a bare hex digest, or "none".',
    ),
    iso_target_path: str('Where to keep the downloaded file.'),
    iso_target_extension: str('Extension of the downloaded file (default "iso").'),
    disk_image: bool('iso_url is a bootable disk image to start from.', false),
    use_backing_file: bool('With disk_image: a qcow2 overlay on the image instead of a copy.', false),
    disk_size: str('Disk size: a number of MiB, or with a suffix (M, G) (default "40960M").'),
    floppy_files: {
      type: 'list(string)',
      description: 'Files put on a floppy disk attached to the VM (flat).',
    },
    floppy_dirs: {
      type: 'list(string)',
      description: 'Directories put on the floppy disk, with their trees.',
    },
    floppy_label: str('The floppy\'s volume label (default "packer").'),
    disk_additional_size: {
      type: 'list(string)',
      description: 'Sizes of extra disks, named <vm_name>-1, -2, ...',
    },
    format: str('"qcow2" (default) or "raw".'),
    disk_interface: str('"virtio" (default), "ide", "scsi", "virtio-scsi".'),
    net_device: str('"virtio-net" (default), "e1000", ...'),
    disk_cache: str('"writeback" (default), "none", "writethrough", "unsafe", "directsync".'),
    disk_discard: str('"ignore" (default) or "unmap".'),
    accelerator: str('"auto" (default: kvm when it really runs, else tcg), "kvm", "tcg", "none", ...'),
    cpus: num('Virtual CPUs.', 1),
    memory: num('Memory in MiB.', 512),
    machine_type: str('QEMU machine type (default "pc").'),
    cpu_model: str('QEMU -cpu model (default: "host" under kvm).'),
    headless: bool('No window (Kiln never opens one; VNC is always there).', false),
    vnc_bind_address: str('Address VNC listens on (default "127.0.0.1").'),
    vnc_port_min: num('Lowest VNC port.', 5900),
    vnc_port_max: num('Highest VNC port.', 6000),
    vnc_use_password: bool('Not supported: Kiln types over VNC without a password.', false),
    host_port_min: num('Lowest host port forwarded to the guest SSH port (default 2222).'),
    host_port_max: num('Highest host port forwarded to the guest SSH port (default 4444).'),
    ssh_host_port_min: {
      type: 'number',
      description: 'Old name of host_port_min.',
      deprecated: 'use host_port_min',
    },
    ssh_host_port_max: {
      type: 'number',
      description: 'Old name of host_port_max.',
      deprecated: 'use host_port_max',
    },
    boot_wait: str('Wait this long after starting the VM before typing boot_command (default "10s").'),
    boot_command: { type: 'list(string)', description: 'Keys typed over VNC, in Packer syntax.' },
    boot_key_interval: str('Pause between keys (default "100ms").'),
    qemuargs: {
      type: 'list(list(string))',
      description: 'Extra QEMU arguments; they replace defaults with the same flag.',
    },
    qemu_binary: str('The QEMU binary (default "qemu-system-x86_64").'),
    shutdown_command: str('Command that shuts the guest down; without it the VM is stopped.'),
    shutdown_timeout: str('How long to wait for the VM to stop after shutdown_command (default "5m").'),
    output_directory: str('Where the image goes (default "output-<build name>").'),
    vm_name: str('Name of the VM and its disk file (default "packer-<build name>").'),
    skip_compaction: bool('Do not rewrite the qcow2 image at the end.', false),
    disk_compression: bool('Compress the qcow2 image (qemu-img convert -c).', false),
    http_directory: str('Serve this directory to the guest over HTTP during the build.'),
    http_content: { type: 'map(string)', description: 'Serve these path => content pairs over HTTP.' },
    http_port_min: num('Lowest HTTP port.', 8000),
    http_port_max: num('Highest HTTP port.', 9000),
    http_bind_address: str('Address the HTTP server listens on (default "0.0.0.0").'),
    kvm_sign_of_life_timeout: str(
      'How long a test guest may take under kvm, and the real guest to show anything, before kvm counts as not working (default "5s").',
    ),
    ...ssh.communicatorAttributes,
  },
};

/** Decodes and checks a qemu builder body; problems are collected in the diagnostics. */
export function prepareQemuConfig(
  raw: Record<string, unknown>,
  buildName: string,
): { config: QemuConfig; diagnostics: Diagnostics } {
  const diags = new Diagnostics();
  const decoded = decodeConfig(builderSchema, raw);
  diags.items.push(...decoded.diagnostics);
  const v = decoded.value;
  const s = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  const n = (k: string, d: number) => (typeof v[k] === 'number' ? (v[k] as number) : d);
  const dur = (k: string, d: number): number => {
    const text = s(k);
    if (text === undefined) return d;
    const ms = parseDuration(text);
    if (ms === undefined) {
      diags.error(`"${text}" is not a duration`, [k], 'Write it like "10s", "1m30s" or "500ms".');
      return d;
    }
    return ms;
  };
  const short = buildName.split('.').at(-1) || 'qemu';
  const comm = ssh.decodeCommunicatorConfig(v, diags, { port: 0 });
  const isoUrls = s('iso_url') ? [s('iso_url')!] : Array.isArray(v.iso_urls) ? (v.iso_urls as string[]) : [];
  const config: QemuConfig = {
    isoUrls,
    isoChecksum: s('iso_checksum') ?? '',
    diskImage: v.disk_image === true,
    useBackingFile: v.use_backing_file === true,
    diskSize: s('disk_size') ?? '40960M',
    floppyFiles: Array.isArray(v.floppy_files) ? (v.floppy_files as string[]) : [],
    floppyDirs: Array.isArray(v.floppy_dirs) ? (v.floppy_dirs as string[]) : [],
    floppyLabel: s('floppy_label') ?? 'packer',
    diskAdditionalSize: Array.isArray(v.disk_additional_size) ? (v.disk_additional_size as string[]) : [],
    format: (s('format') ?? 'qcow2') as 'qcow2' | 'raw',
    diskInterface: s('disk_interface') ?? 'virtio',
    netDevice: s('net_device') ?? 'virtio-net',
    diskCache: s('disk_cache') ?? 'writeback',
    diskDiscard: s('disk_discard') ?? 'ignore',
    accelerator: (s('accelerator') ?? 'auto') as QemuConfig['accelerator'],
    cpus: n('cpus', 1),
    memory: n('memory', 512),
    machineType: s('machine_type') ?? 'pc',
    headless: v.headless === true,
    vncBindAddress: s('vnc_bind_address') ?? '127.0.0.1',
    vncPortMin: n('vnc_port_min', 5900),
    vncPortMax: n('vnc_port_max', 6000),
    hostPortMin: n('host_port_min', n('ssh_host_port_min', 2222)),
    hostPortMax: n('host_port_max', n('ssh_host_port_max', 4444)),
    bootWaitMs: dur('boot_wait', 10_000),
    bootCommand: Array.isArray(v.boot_command) ? (v.boot_command as string[]) : [],
    bootKeyIntervalMs: dur('boot_key_interval', Number(process.env.PACKER_KEY_INTERVAL_MS ?? 100)),
    qemuArgs: Array.isArray(v.qemuargs) ? (v.qemuargs as string[][]) : [],
    qemuBinary: s('qemu_binary') ?? 'qemu-system-x86_64',
    shutdownCommand: s('shutdown_command') ?? '',
    shutdownTimeoutMs: dur('shutdown_timeout', 300_000),
    outputDirectory: s('output_directory') ?? `output-${short}`,
    vmName: s('vm_name') ?? `packer-${short}`,
    skipCompaction: v.skip_compaction === true,
    diskCompression: v.disk_compression === true,
    httpContent: (v.http_content as Record<string, string> | undefined) ?? {},
    httpPortMin: n('http_port_min', 8000),
    httpPortMax: n('http_port_max', 9000),
    httpBindAddress: s('http_bind_address') ?? '0.0.0.0',
    signOfLifeMs: dur('kvm_sign_of_life_timeout', 5000),
    comm,
  };
  const opt = <K extends keyof QemuConfig>(k: K, value: QemuConfig[K] | undefined) => {
    if (value !== undefined) config[k] = value;
  };
  opt('isoTargetPath', s('iso_target_path'));
  opt('cpuModel', s('cpu_model'));
  opt('httpDirectory', s('http_directory'));

  if (isoUrls.length === 0) diags.error('One of iso_url or iso_urls must be specified', ['iso_url']);
  if (s('iso_url') && Array.isArray(v.iso_urls) && v.iso_urls.length)
    diags.error('Only one of iso_url or iso_urls may be specified', ['iso_urls']);
  if (!config.isoChecksum)
    diags.error(
      'An iso_checksum must be specified',
      ['iso_checksum'],
      'Use "none" to skip the check (not advised).',
    );
  else {
    const problem = parseChecksum(config.isoChecksum).error;
    if (problem) diags.error(problem, ['iso_checksum']);
  }
  if (config.format !== 'qcow2' && config.format !== 'raw')
    diags.error(`format must be "qcow2" or "raw", not "${config.format}"`, ['format']);
  if (!(ACCELERATORS as readonly string[]).includes(config.accelerator))
    diags.error(`accelerator must be one of ${ACCELERATORS.join(', ')}; got "${config.accelerator}"`, [
      'accelerator',
    ]);
  if (config.useBackingFile && !config.diskImage)
    diags.error('use_backing_file can only be enabled when disk_image is true', ['use_backing_file']);
  if (config.useBackingFile && config.format !== 'qcow2')
    diags.error('use_backing_file needs format = "qcow2"', ['use_backing_file']);
  if (!/^\d+[MGT]?$/i.test(config.diskSize))
    diags.error(
      `disk_size "${config.diskSize}" is not a size`,
      ['disk_size'],
      'Write it like "10240", "10G" or "512M".',
    );
  config.floppyFiles.forEach((f, i) => {
    if (!existsSync(f)) diags.error(`floppy_files: ${f} does not exist`, ['floppy_files', i]);
  });
  config.floppyDirs.forEach((d, i) => {
    if (!existsSync(d)) diags.error(`floppy_dirs: ${d} does not exist`, ['floppy_dirs', i]);
  });
  config.diskAdditionalSize.forEach((size, i) => {
    if (!/^\d+[MGT]?$/i.test(size)) diags.error(`"${size}" is not a size`, ['disk_additional_size', i]);
  });
  if (!['ignore', 'unmap'].includes(config.diskDiscard))
    diags.error('disk_discard must be "ignore" or "unmap"', ['disk_discard']);
  if (!['writeback', 'writethrough', 'none', 'unsafe', 'directsync'].includes(config.diskCache))
    diags.error(`disk_cache "${config.diskCache}" is not a QEMU cache mode`, ['disk_cache']);
  for (const [min, max] of [
    ['vnc_port_min', 'vnc_port_max'],
    ['host_port_min', 'host_port_max'],
    ['http_port_min', 'http_port_max'],
  ] as const) {
    if (n(min, 0) > n(max, 65535)) diags.error(`${min} must be less than or equal to ${max}`, [min]);
  }
  if (config.vncPortMin < 5900)
    diags.error('vnc_port_min cannot be below 5900 (QEMU counts displays from 5900)', ['vnc_port_min']);
  if (v.vnc_use_password === true)
    diags.error('vnc_use_password is not supported by Kiln yet', ['vnc_use_password']);
  if (config.httpDirectory && !existsSync(config.httpDirectory))
    diags.error(`http_directory "${config.httpDirectory}" does not exist`, ['http_directory']);
  if (config.httpDirectory && Object.keys(config.httpContent).length)
    diags.error('http_directory and http_content cannot both be set', ['http_content']);
  config.bootCommand.forEach((line, i) => {
    try {
      parseBootCommand(line);
    } catch (e) {
      diags.error(`boot_command: ${(e as Error).message}`, ['boot_command', i]);
    }
  });
  config.qemuArgs.forEach((a, i) => {
    if (!Array.isArray(a) || a.length === 0)
      diags.error('each qemuargs entry is a non-empty list', ['qemuargs', i]);
  });
  if (config.cpus < 1) diags.error('cpus must be at least 1', ['cpus']);
  if (config.memory < 16) diags.error('memory is in MiB and must be at least 16', ['memory']);
  if (config.comm.type === 'ssh' && !config.shutdownCommand)
    diags.warning(
      'No shutdown_command: the VM is stopped abruptly at the end, which can lose data not yet written',
      ['shutdown_command'],
    );
  return { config, diagnostics: diags };
}
