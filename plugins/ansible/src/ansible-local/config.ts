import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { attr, type ConfigSchema, Diagnostics, decodeConfig } from '@kiln/plugin-sdk';
import { checkDirectory, checkFile } from '../shared/check-path.js';

/** Packer's staging directory prefix on the machine. */
export const DEFAULT_STAGING_DIR = '/tmp/packer-provisioner-ansible-local';

/** The ansible-local provisioner's configuration after prepare. */
export interface AnsibleLocalConfig {
  command: string;
  extraArguments: string[];
  groupVars?: string;
  hostVars?: string;
  playbookDir?: string;
  playbookFile?: string;
  /** Absolute local paths. */
  playbookFiles: string[];
  playbookPaths: string[];
  rolePaths: string[];
  collectionPaths: string[];
  stagingDirectory: string;
  cleanStagingDirectory: boolean;
  inventoryFile?: string;
  inventoryGroups: string[];
  galaxyFile?: string;
  galaxyCommand: string;
  galaxyForceInstall: boolean;
  galaxyRolesPath: string;
  galaxyCollectionsPath: string;
}

const s = (description: string) => attr.string(description);
const l = attr.list;
const b = (description: string) => attr.bool(description, false);

/** The ansible-local provisioner's body (Packer's names). */
export const ansibleLocalSchema: ConfigSchema = {
  description: 'Uploads a playbook and its files to the machine and runs ansible-playbook there (-c local).',
  attributes: {
    command: s(
      'The command run on the machine (default "ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook").',
    ),
    extra_arguments: l('More arguments for ansible-playbook (through the machine shell).'),
    group_vars: s('A local group_vars directory to upload.'),
    host_vars: s('A local host_vars directory to upload.'),
    playbook_dir: s('A local directory uploaded whole as the staging directory.'),
    playbook_file: s('The playbook to run.'),
    playbook_files: l('Playbooks to run, in order (instead of playbook_file).'),
    playbook_paths: l('Local directories uploaded into <staging>/playbooks.'),
    role_paths: l('Local role directories uploaded into <staging>/roles.'),
    collection_paths: l('Local collection directories uploaded into <staging>/collections.'),
    staging_directory: s(
      'Where files go on the machine (default /tmp/packer-provisioner-ansible-local/<uuid>).',
    ),
    clean_staging_directory: b('Remove the staging directory after the play.'),
    inventory_file: s('A local inventory file to upload (default: one with 127.0.0.1).'),
    inventory_groups: l('Groups 127.0.0.1 is placed in, in the generated inventory.'),
    galaxy_file: s('A requirements file installed with ansible-galaxy on the machine.'),
    galaxy_command: s('The ansible-galaxy command on the machine (default "ansible-galaxy").'),
    galaxy_force_install: b('Pass -f to ansible-galaxy.'),
    galaxy_roles_path: s('Where roles are installed (default <staging>/galaxy_roles).'),
    galaxy_collections_path: s('Where collections are installed (default <staging>/galaxy_collections).'),
  },
};

/** Decodes and checks the body (local paths must exist). */
export function prepareAnsibleLocalConfig(raw: Record<string, unknown>): {
  config: AnsibleLocalConfig;
  diagnostics: Diagnostics;
} {
  const diagnostics = new Diagnostics();
  const { value: v, diagnostics: decoded } = decodeConfig(ansibleLocalSchema, raw);
  diagnostics.items.push(...decoded);
  const str = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  const list = (k: string) => (Array.isArray(v[k]) ? (v[k] as string[]) : []);

  const playbookFile = str('playbook_file');
  const playbookFiles = list('playbook_files');
  if (playbookFile && playbookFiles.length)
    diagnostics.error('Either playbook_file or playbook_files can be specified, not both', [
      'playbook_files',
    ]);
  if (!playbookFile && !playbookFiles.length)
    diagnostics.error(
      'Either playbook_file or playbook_files must be specified',
      undefined,
      'Name the playbook to run.',
    );
  if (playbookFile) checkFile(playbookFile, 'playbook_file', diagnostics);
  playbookFiles.forEach((f, i) => {
    const d = new Diagnostics();
    checkFile(f, 'playbook_files', d);
    for (const item of d.items) diagnostics.items.push({ ...item, path: ['playbook_files', i] });
  });
  const inventoryFile = str('inventory_file');
  if (inventoryFile) checkFile(inventoryFile, 'inventory_file', diagnostics);
  const galaxyFile = str('galaxy_file');
  if (galaxyFile) checkFile(galaxyFile, 'galaxy_file', diagnostics);
  for (const k of ['playbook_dir', 'group_vars', 'host_vars']) {
    const d = str(k);
    if (d) checkDirectory(d, k, diagnostics);
  }
  for (const k of ['playbook_paths', 'role_paths', 'collection_paths']) {
    for (const [i, d] of list(k).entries()) checkDirectory(d, k, diagnostics, [k, i]);
  }

  const stagingDirectory = str('staging_directory') ?? `${DEFAULT_STAGING_DIR}/${randomUUID()}`;
  const config: AnsibleLocalConfig = {
    command: str('command') ?? 'ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook',
    extraArguments: list('extra_arguments'),
    playbookFiles: playbookFiles.map((f) => resolve(f)),
    playbookPaths: list('playbook_paths'),
    rolePaths: list('role_paths'),
    collectionPaths: list('collection_paths'),
    stagingDirectory,
    cleanStagingDirectory: v.clean_staging_directory === true,
    inventoryGroups: list('inventory_groups'),
    galaxyCommand: str('galaxy_command') ?? 'ansible-galaxy',
    galaxyForceInstall: v.galaxy_force_install === true,
    galaxyRolesPath: str('galaxy_roles_path') ?? `${stagingDirectory}/galaxy_roles`,
    galaxyCollectionsPath: str('galaxy_collections_path') ?? `${stagingDirectory}/galaxy_collections`,
    ...(str('group_vars') ? { groupVars: str('group_vars') } : {}),
    ...(str('host_vars') ? { hostVars: str('host_vars') } : {}),
    ...(str('playbook_dir') ? { playbookDir: str('playbook_dir') } : {}),
    ...(playbookFile ? { playbookFile } : {}),
    ...(inventoryFile ? { inventoryFile } : {}),
    ...(galaxyFile ? { galaxyFile } : {}),
  };
  return { config, diagnostics };
}
