import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, posix, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type {
  BuildContext,
  Communicator,
  PreparedProvisioner,
  ProvisionContext,
  Provisioner,
  Ui,
} from '@kiln/plugin-sdk';
import { ConfigError, ssh } from '@kiln/plugin-sdk';
import { galaxyKinds } from '../shared/galaxy.js';
import { PlayOutput } from '../shared/play-output.js';
import { type AnsibleLocalConfig, ansibleLocalSchema, prepareAnsibleLocalConfig } from './config.js';

/** The `ansible-local` provisioner: uploads the playbook and its files, runs ansible-playbook on the machine. */
export function ansibleLocalProvisioner(): Provisioner {
  return {
    schema: ansibleLocalSchema,
    description: ansibleLocalSchema.description ?? '',
    async prepare(raw: Record<string, unknown>, build: BuildContext): Promise<PreparedProvisioner> {
      const { config, diagnostics } = prepareAnsibleLocalConfig(raw);
      if (diagnostics.hasErrors) throw new ConfigError(diagnostics.items);
      return { warnings: diagnostics.warnings, provision: (ctx) => provision(config, build, ctx) };
    },
  };
}

const q = ssh.shellQuote;
/** ANSI colour sequences (the default command sets ANSIBLE_FORCE_COLOR=1). */
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

async function provision(c: AnsibleLocalConfig, build: BuildContext, ctx: ProvisionContext): Promise<void> {
  const { ui, signal, communicator: comm } = ctx;
  const staging = c.stagingDirectory;
  const sh = (command: string, what: string) => remote(comm, command, ui, signal, what);
  const upload = async (dst: string, src: string) => {
    const st = await stat(src);
    await comm.upload(dst, createReadStream(src), { size: st.size, mode: st.mode & 0o777 }, signal);
  };
  ui.say('Provisioning with Ansible...');
  if (c.playbookDir) {
    ui.say('Uploading Playbook directory to Ansible staging directory...');
    await comm.uploadDir(staging, c.playbookDir, {}, signal);
  } else {
    ui.say('Creating Ansible staging directory...');
    await sh(`mkdir -p ${q(staging)}`, `creating the staging directory ${staging}`);
  }

  const playbooks: string[] = [];
  if (c.playbookFile) {
    ui.say('Uploading main Playbook file...');
    const dst = posix.join(staging, basename(c.playbookFile));
    await upload(dst, c.playbookFile);
    playbooks.push(dst);
  } else {
    const dir = c.playbookDir ? resolve(c.playbookDir) : undefined;
    for (const file of c.playbookFiles) {
      if (dir && file.startsWith(`${dir}/`)) {
        playbooks.push(posix.join(staging, file.slice(dir.length)));
        continue;
      }
      ui.say(`Uploading playbook file: ${file}`);
      const dst = posix.join(staging, file);
      await sh(`mkdir -p ${q(posix.dirname(dst))}`, `creating ${posix.dirname(dst)}`);
      await upload(dst, file);
      playbooks.push(dst);
    }
  }

  if (c.galaxyFile) {
    ui.say('Uploading galaxy file...');
    await upload(posix.join(staging, basename(c.galaxyFile)), c.galaxyFile);
  }

  ui.say('Uploading inventory file...');
  let inventory: string;
  if (c.inventoryFile) {
    inventory = posix.join(staging, basename(c.inventoryFile));
    await upload(inventory, c.inventoryFile);
  } else {
    const text = c.inventoryGroups.length
      ? c.inventoryGroups.map((g) => `[${g}]\n127.0.0.1\n`).join('')
      : '127.0.0.1';
    inventory = posix.join(staging, 'kiln-provisioner-ansible-local-inventory');
    await comm.upload(
      inventory,
      Readable.from([Buffer.from(text)]),
      { size: Buffer.byteLength(text), mode: 0o644 },
      signal,
    );
  }

  const dirs: [string | undefined, string, string][] = [
    [c.groupVars, posix.join(staging, 'group_vars'), 'group_vars directory'],
    [c.hostVars, posix.join(staging, 'host_vars'), 'host_vars directory'],
  ];
  for (const [src, dst, what] of dirs) {
    if (!src) continue;
    ui.say(`Uploading ${what}...`);
    await comm.uploadDir(dst, src, {}, signal);
  }
  if (c.rolePaths.length) ui.say('Uploading role directories...');
  for (const src of c.rolePaths)
    await comm.uploadDir(posix.join(staging, 'roles', basename(resolve(src))), src, {}, signal);
  if (c.collectionPaths.length) ui.say('Uploading collection directories...');
  for (const src of c.collectionPaths)
    await comm.uploadDir(posix.join(staging, 'collections', basename(resolve(src))), src, {}, signal);
  if (c.playbookPaths.length) ui.say('Uploading additional Playbooks...');
  for (const src of c.playbookPaths)
    await comm.uploadDir(posix.join(staging, 'playbooks', basename(resolve(src))), src, {}, signal);

  const kinds = c.galaxyFile ? await galaxyKinds(c.galaxyFile) : { roles: false, collections: false };
  if (c.galaxyFile) {
    const file = posix.join(staging, basename(c.galaxyFile));
    const force = c.galaxyForceInstall ? ' -f' : '';
    if (kinds.roles) {
      const cmd = `cd ${q(staging)} && ${c.galaxyCommand} install -r ${q(file)} -p ${q(c.galaxyRolesPath)}${force}`;
      ui.say(`Executing Ansible Galaxy: ${cmd}`);
      await sh(cmd, 'ansible-galaxy (roles)');
    }
    if (kinds.collections) {
      const cmd = `cd ${q(staging)} && ${c.galaxyCommand} collection install -r ${q(file)} -p ${q(c.galaxyCollectionsPath)}${force}`;
      ui.say(`Executing Ansible Galaxy: ${cmd}`);
      await sh(cmd, 'ansible-galaxy (collections)');
    }
  }

  let envVars = '';
  const collections = [
    ...(kinds.collections && c.galaxyFile ? [c.galaxyCollectionsPath] : []),
    ...(c.collectionPaths.length ? [posix.join(staging, 'collections')] : []),
  ];
  if (collections.length)
    envVars += ` ANSIBLE_COLLECTIONS_PATH=$ANSIBLE_COLLECTIONS_PATH:${collections.join(':')}`;
  if (kinds.roles && c.galaxyFile) envVars += ` ANSIBLE_ROLES_PATH=$ANSIBLE_ROLES_PATH:${c.galaxyRolesPath}`;
  const httpAddr =
    typeof ctx.generatedData.PackerHTTPAddr === 'string' ? ctx.generatedData.PackerHTTPAddr : '';
  const extraVars = ` --extra-vars "packer_build_name=${build.buildName} packer_builder_type=${build.builderType} packer_http_addr=${httpAddr} -o IdentitiesOnly=yes" `;
  const extra = extraVars + c.extraArguments.join(' ');
  for (const playbook of playbooks) {
    const command = `cd ${q(staging)} &&${envVars} ${c.command} ${q(playbook)}${extra} -c local -i ${q(inventory)}`;
    ui.say(`Executing Ansible: ${command}`);
    const output = new PlayOutput();
    const status = await run(comm, command, ui, signal, output);
    if (status === 127)
      throw new Error(
        `${c.command.split(' ').pop()} could not be found on the machine: install Ansible there (or in an earlier provisioner) and make sure it is on the PATH of the communicator's user`,
      );
    if (status !== 0)
      throw new Error(
        `Ansible's play ${playbook} failed on the machine (exit status ${status}):\n${output.summary()}`,
      );
  }

  if (c.cleanStagingDirectory) {
    ui.say('Removing staging directory...');
    await sh(`rm -rf ${q(staging)}`, `removing ${staging}`);
  }
}

async function run(
  comm: Communicator,
  command: string,
  ui: Ui,
  signal: AbortSignal,
  output?: PlayOutput,
): Promise<number> {
  const lines = (chunk: Buffer, state: { rest: string }) => {
    const parts = (state.rest + chunk.toString('utf8')).split('\n');
    state.rest = parts.pop() ?? '';
    for (const p of parts) {
      const text = p.replace(/\r$/, '');
      output?.line(text.replace(COLOUR, ''));
      ui.message(text);
    }
  };
  const out = { rest: '' };
  const err = { rest: '' };
  const status = await comm.exec(
    { command, stdout: (c) => lines(c, out), stderr: (c) => lines(c, err) },
    signal,
  );
  for (const s of [out, err]) if (s.rest) lines(Buffer.from('\n'), s);
  return status;
}

async function remote(
  comm: Communicator,
  command: string,
  ui: Ui,
  signal: AbortSignal,
  what: string,
): Promise<void> {
  const status = await run(comm, command, ui, signal);
  if (status !== 0) throw new Error(`${what} failed on the machine (exit status ${status}): ${command}`);
}
