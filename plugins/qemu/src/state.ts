import type { BuildContext, CacheableMachine, Hook, ssh } from '@kiln/plugin-sdk';
import type { QemuConfig } from './config.js';
import type { QemuDriver, VmProcess } from './driver.js';
import type { CacheRun } from './step-cache/run-dir.js';
import type { RfbClient } from './vnc/rfb-client.js';

/** The qemu builder's typed state, passed from step to step. */
export interface QemuBuildState {
  readonly config: QemuConfig;
  readonly build: BuildContext;
  readonly driver: QemuDriver;
  readonly hook: Hook;
  readonly log: (line: string) => void;
  /** Absolute output directory. */
  outputDir: string;
  /** This build made the output directory (so it removes it on failure). */
  outputDirCreated?: boolean;
  /** The ISO or base disk image, on local disk. */
  isoPath?: string;
  /** The VM's disk in the output directory. */
  diskPath?: string;
  /** The floppy image of floppy_files / floppy_dirs. */
  floppyPath?: string;
  /** disk_additional_size disks, in order. */
  additionalDisks?: string[];
  httpIp?: string;
  httpPort?: number;
  sshHostPort?: number;
  vncPort?: number;
  /** The accelerator actually used (auto resolved). */
  accelerator?: string;
  vm?: VmProcess;
  vmStartedAt?: number;
  vnc?: RfbClient;
  temporaryKey?: ssh.TemporaryKeyPair;
  communicator?: ssh.SshCommunicator;
  generatedData: Record<string, unknown>;
  /** kiln build -cache: the working directory of the disk's layers and QEMU's monitor. */
  cacheRun?: CacheRun;
  /** kiln build -cache: the VM as a machine the provision hook saves after each step. */
  machine?: CacheableMachine;
  /** kiln build -cache: the entry the VM was started from, once it runs from it. */
  restoredKey?: string;
  /** Set by the last step: the output directory is the artifact and stays. */
  succeeded?: boolean;
}
