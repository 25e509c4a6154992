import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BuildContext, PreparedProvisioner, ProvisionContext, Provisioner, Ui } from '@kiln/plugin-sdk';
import { ConfigError } from '@kiln/plugin-sdk';
import { proxyKeys } from '../proxy/keys.js';
import { SshProxy } from '../proxy/ssh-proxy.js';
import { checkAnsibleVersion } from '../shared/ansible-version.js';
import { closeControlMasters } from '../shared/control-masters.js';
import { galaxyKinds } from '../shared/galaxy.js';
import { NotStartedError, runLocal } from '../shared/local-process.js';
import { PlayOutput } from '../shared/play-output.js';
import { type AnsibleConfig, ansibleSchema, prepareAnsibleConfig } from './config.js';
import {
  DEFAULT_INVENTORY_TEMPLATE,
  inventoryText,
  renderInventoryLine,
  writeInventory,
} from './inventory.js';
import { playbookArgs, sanitizedCommand } from './playbook-args.js';

/** The `ansible` provisioner: ansible-playbook on this machine against the build's machine. */
export function ansibleProvisioner(): Provisioner {
  return {
    schema: ansibleSchema,
    description: ansibleSchema.description ?? '',
    async prepare(raw: Record<string, unknown>, build: BuildContext): Promise<PreparedProvisioner> {
      const { config, diagnostics } = prepareAnsibleConfig(raw);
      if (!config.skipVersionCheck && !diagnostics.hasErrors) {
        try {
          await checkAnsibleVersion(config.command, 'command');
        } catch (e) {
          diagnostics.error((e as Error).message, raw.command !== undefined ? ['command'] : undefined);
        }
      }
      if (diagnostics.hasErrors) throw new ConfigError(diagnostics.items);
      return {
        warnings: diagnostics.warnings,
        provision: (ctx) => provision(config, build, ctx),
      };
    },
  };
}

/** Everything one run made on this machine, removed at the end whatever happens. */
interface Run {
  dir: string;
  proxy?: SshProxy;
  inventoryToRemove?: string;
  /** What the proxy could not do (commands and transfers that failed before they ran). */
  proxyErrors: string[];
}

async function provision(c: AnsibleConfig, build: BuildContext, ctx: ProvisionContext): Promise<void> {
  const { ui, signal, communicator: comm } = ctx;
  const data = ctx.generatedData;
  ui.say('Provisioning with Ansible...');
  const run: Run = { dir: await mkdtemp(join(tmpdir(), 'kiln-ansible-')), proxyErrors: [] };
  try {
    let useProxy = c.useProxy !== false;
    const connType = typeof data.ConnType === 'string' ? data.ConnType : '';
    const host = typeof data.Host === 'string' ? data.Host : '';
    if (!useProxy && !host) {
      ui.error(
        'Warning: use_proxy is false, but the machine has no address to give to Ansible. Falling back to the local proxy.',
      );
      useProxy = true;
    } else if (!useProxy && connType !== 'ssh') {
      ui.error(
        `Warning: use_proxy is false, but the communicator is "${connType || 'unknown'}", not ssh, so Ansible cannot reach the machine without the proxy. Falling back to the local proxy.`,
      );
      useProxy = true;
    }

    let user = c.user;
    let inventoryHost = host;
    let inventoryPort: unknown = data.Port;
    let privateKeyFile: string | undefined;
    if (useProxy) {
      ui.say('Setting up proxy adapter for Ansible....');
      const keys = await proxyKeys(c.proxyKeyType, run.dir, c.sshHostKeyFile, c.sshAuthorizedKeyFile);
      privateKeyFile = keys.privateKeyFile;
      run.proxy = await SshProxy.start({
        comm,
        keys,
        user,
        localPort: c.localPort,
        spoolDir: run.dir,
        log: (line) => {
          process.stderr.write(`${line}\n`);
          if (run.proxyErrors.length < 5) run.proxyErrors.push(line);
        },
        ...(c.sftpCommand ? { sftpCommand: c.sftpCommand } : {}),
      });
      inventoryHost = '127.0.0.1';
      inventoryPort = run.proxy.port;
    } else {
      ui.say('Not using Proxy adapter for Ansible run:\n\tUsing ssh keys from Kiln communicator...');
      if (typeof data.SSHPrivateKeyFile === 'string' && data.SSHPrivateKeyFile)
        privateKeyFile = data.SSHPrivateKeyFile;
      else if (data.SSHAgentAuth !== true && typeof data.SSHPrivateKey === 'string' && data.SSHPrivateKey) {
        privateKeyFile = join(run.dir, 'ansible-key');
        await writeFile(privateKeyFile, data.SSHPrivateKey, { mode: 0o600 });
      }
      if (c.userWasEmpty && typeof data.User === 'string' && data.User) user = data.User;
    }

    let inventory = c.inventoryFile;
    if (!inventory) {
      const line = renderInventoryLine(c.inventoryFileTemplate ?? DEFAULT_INVENTORY_TEMPLATE, {
        ...data,
        HostAlias: c.hostAlias,
        User: user,
        Host: inventoryHost,
        Port: inventoryPort,
      });
      const written = await writeInventory(
        inventoryText(line, c.groups, c.emptyGroups),
        c.inventoryDirectory,
      );
      inventory = written.path;
      if (!c.keepInventoryFile) run.inventoryToRemove = written.remove;
      else ui.message(`Keeping the inventory file ${inventory}`);
    }

    const env = ansibleEnv(c, run.dir);
    if (c.galaxyFile) await galaxy(c, env, ui, signal);

    const httpAddr = httpAddress(data);
    const argv = [
      c.command,
      ...playbookArgs(c, {
        buildName: build.buildName,
        builderType: build.builderType,
        ...(httpAddr ? { httpAddr } : {}),
        inventory,
        playbook: resolve(c.playbookFile),
        ...(privateKeyFile ? { privateKeyFile } : {}),
        overSsh: true,
      }),
    ];
    const secrets = ['Password', 'WinRMPassword'].map((k) =>
      typeof data[k] === 'string' ? (data[k] as string) : '',
    );
    ui.say(`Executing Ansible: ${sanitizedCommand(argv, c.extraArguments, secrets)}`);
    const output = new PlayOutput();
    const status = await runAnsible(argv, env, ui, output, signal);
    if (status !== 0) throw playError(c, status, output, inventoryHost, inventoryPort, run.proxyErrors);
  } finally {
    await run.proxy?.close().catch(() => {});
    await closeControlMasters(join(run.dir, 'cp'));
    if (run.inventoryToRemove) await rm(run.inventoryToRemove, { recursive: true, force: true });
    await rm(run.dir, { recursive: true, force: true });
  }
}

/** The environment of ansible-playbook and ansible-galaxy. */
function ansibleEnv(c: AnsibleConfig, dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONUNBUFFERED: '1' };
  for (const kv of c.ansibleEnvVars) {
    const eq = kv.indexOf('=');
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  // OpenSSH's connection sharing (Ansible's default ControlPersist=60s) keeps
  // masters alive after the play: give them a directory Kiln closes and removes.
  if (!env.ANSIBLE_SSH_CONTROL_PATH_DIR && !env.ANSIBLE_SSH_CONTROL_PATH)
    env.ANSIBLE_SSH_CONTROL_PATH_DIR = join(dir, 'cp');
  return env;
}

function httpAddress(data: Record<string, unknown>): string | undefined {
  const addr = data.PackerHTTPAddr;
  if (typeof addr === 'string' && addr && !addr.includes('NOT_IMPLEMENTED')) return addr;
  if (typeof data.HTTPIP === 'string' && data.HTTPIP && data.HTTPPort)
    return `${data.HTTPIP}:${data.HTTPPort}`;
  return undefined;
}

async function galaxy(c: AnsibleConfig, env: NodeJS.ProcessEnv, ui: Ui, signal: AbortSignal): Promise<void> {
  const file = c.galaxyFile!;
  const kinds = await galaxyKinds(file);
  const force = [
    ...(c.galaxyForceInstall ? ['-f'] : []),
    ...(c.galaxyForceWithDeps ? ['--force-with-deps'] : []),
  ];
  const runs: string[][] = [];
  if (kinds.roles) runs.push(['install', '-r', file, ...force, ...(c.rolesPath ? ['-p', c.rolesPath] : [])]);
  if (kinds.collections)
    runs.push([
      'collection',
      'install',
      '-r',
      file,
      ...force,
      ...(c.collectionsPath ? ['-p', c.collectionsPath] : []),
    ]);
  for (const args of runs) {
    ui.say(`Executing Ansible Galaxy: ${[c.galaxyCommand, ...args].join(' ')}`);
    const output = new PlayOutput();
    const status = await runAnsible([c.galaxyCommand, ...args], env, ui, output, signal, 'galaxy_command');
    if (status !== 0)
      throw new Error(
        `ansible-galaxy could not install the requirements of galaxy_file ${file} (exit status ${status}):\n${output.summary()}`,
      );
  }
}

async function runAnsible(
  argv: string[],
  env: NodeJS.ProcessEnv,
  ui: Ui,
  output: PlayOutput,
  signal: AbortSignal,
  attribute = 'command',
): Promise<number> {
  try {
    return await runLocal(
      {
        argv,
        env,
        line: (text) => {
          output.line(text);
          ui.message(text);
        },
      },
      signal,
    );
  } catch (e) {
    if (e instanceof NotStartedError)
      throw new Error(
        `${e.message}: install Ansible on this machine (pip install ansible-core) and put it on PATH, or set ${attribute} to its path`,
      );
    throw e;
  }
}

function playError(
  c: AnsibleConfig,
  status: number,
  output: PlayOutput,
  host: string,
  port: unknown,
  proxyErrors: string[],
): Error {
  const proxy = proxyErrors.length
    ? `\nThe SSH proxy could not reach the machine through the communicator:\n${proxyErrors.map((l) => `  ${l}`).join('\n')}`
    : '';
  if (output.unreachable.length) {
    const u = output.unreachable[0]!;
    return new Error(
      `Ansible could not reach host "${u.host}" (${host}:${String(port)}): ${u.message}\nCheck that the machine accepts SSH there for user "${c.user}"; with use_proxy = false, check its address and credentials.\n${output.summary()}${proxy}`,
    );
  }
  return new Error(
    `Ansible's play ${c.playbookFile} failed (ansible-playbook exit status ${status}):\n${output.summary()}${proxy}`,
  );
}
