import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BuildContext, Communicator, RemoteCommand } from '@kiln/plugin-sdk';
import { RecordingUi } from '@kiln/plugin-sdk/testing';
import { ansibleLocalProvisioner } from './provisioner.js';

/** Records what the provisioner asks of the machine; every command succeeds unless `status` says otherwise. */
function recordingComm(status: (command: string) => number = () => 0) {
  const calls: string[] = [];
  const comm: Communicator = {
    async exec(cmd: RemoteCommand) {
      calls.push(`exec ${cmd.command}`);
      return status(cmd.command);
    },
    async upload(destination, source) {
      for await (const _ of source) {
      }
      calls.push(`upload ${destination}`);
    },
    async uploadDir(destination) {
      calls.push(`uploadDir ${destination}`);
    },
    async download() {},
    async downloadDir() {},
  };
  return { comm, calls };
}

const build: BuildContext = {
  runId: 'r',
  buildName: 'docker.app',
  builderType: 'docker',
  debug: false,
  force: false,
  onError: 'cleanup',
  templateDir: '.',
  userVariables: {},
};

describe('ansible-local', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-ansible-local-test-'));
    for (const d of ['pb/sub', 'roles/web', 'collections/acme', 'group_vars', 'host_vars', 'more'])
      await mkdir(join(dir, d), { recursive: true });
    for (const f of ['pb/one.yml', 'pb/sub/two.yml', 'extra.yml', 'inventory.ini', 'requirements.yml'])
      await writeFile(
        join(dir, f),
        f === 'requirements.yml' ? 'roles:\n  - name: x\ncollections:\n  - y\n' : '- hosts: all\n',
      );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('stages the files as Packer does and runs each playbook with -c local', async () => {
    const p = await ansibleLocalProvisioner().prepare(
      {
        playbook_dir: join(dir, 'pb'),
        playbook_files: [
          join(dir, 'pb', 'one.yml'),
          join(dir, 'pb', 'sub', 'two.yml'),
          join(dir, 'extra.yml'),
        ],
        role_paths: [join(dir, 'roles', 'web')],
        collection_paths: [join(dir, 'collections', 'acme')],
        playbook_paths: [join(dir, 'more')],
        group_vars: join(dir, 'group_vars'),
        host_vars: join(dir, 'host_vars'),
        inventory_file: join(dir, 'inventory.ini'),
        galaxy_file: join(dir, 'requirements.yml'),
        staging_directory: '/st',
        extra_arguments: ['--tags', 'web'],
      },
      build,
    );
    const { comm, calls } = recordingComm();
    const ui = new RecordingUi();
    await p.provision({
      ui,
      signal: new AbortController().signal,
      sessionId: 's',
      communicator: comm,
      generatedData: {},
    });
    const extra = join(dir, 'extra.yml');
    assert.deepEqual(calls, [
      'uploadDir /st',
      `exec mkdir -p /st${dir}`,
      `upload /st${extra}`,
      'upload /st/requirements.yml',
      'upload /st/inventory.ini',
      'uploadDir /st/group_vars',
      'uploadDir /st/host_vars',
      'uploadDir /st/roles/web',
      'uploadDir /st/collections/acme',
      'uploadDir /st/playbooks/more',
      'exec cd /st && ansible-galaxy install -r /st/requirements.yml -p /st/galaxy_roles',
      'exec cd /st && ansible-galaxy collection install -r /st/requirements.yml -p /st/galaxy_collections',
      ...['/st/one.yml', '/st/sub/two.yml', `/st${extra}`].map(
        (pb) =>
          `exec cd /st && ANSIBLE_COLLECTIONS_PATH=$ANSIBLE_COLLECTIONS_PATH:/st/galaxy_collections:/st/collections ANSIBLE_ROLES_PATH=$ANSIBLE_ROLES_PATH:/st/galaxy_roles ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook ${pb} --extra-vars "packer_build_name=docker.app packer_builder_type=docker packer_http_addr= -o IdentitiesOnly=yes" --tags web -c local -i /st/inventory.ini`,
      ),
    ]);
  });

  it('reports bad configuration at its attributes', async () => {
    await assert.rejects(
      ansibleLocalProvisioner().prepare(
        {
          playbook_file: join(dir, 'extra.yml'),
          playbook_files: [join(dir, 'missing.yml')],
          role_paths: [join(dir, 'extra.yml')],
        },
        build,
      ),
      (e: Error & { diagnostics?: { summary: string; path?: unknown[] }[] }) => {
        const d = e.diagnostics ?? [];
        assert.ok(d.some((x) => /not both/.test(x.summary)));
        assert.ok(
          d.some((x) => /missing\.yml does not exist/.test(x.summary) && x.path?.[0] === 'playbook_files'),
        );
        assert.ok(d.some((x) => /is not a directory/.test(x.summary) && x.path?.[0] === 'role_paths'));
        return true;
      },
    );
  });

  it('says when ansible-playbook is not on the machine', async () => {
    const p = await ansibleLocalProvisioner().prepare(
      { playbook_file: join(dir, 'extra.yml'), staging_directory: '/st' },
      build,
    );
    const { comm } = recordingComm((c) => (c.includes('ansible-playbook') ? 127 : 0));
    await assert.rejects(
      p.provision({
        ui: new RecordingUi(),
        signal: new AbortController().signal,
        sessionId: 's',
        communicator: comm,
        generatedData: {},
      }),
      /ansible-playbook could not be found on the machine/,
    );
  });
});
