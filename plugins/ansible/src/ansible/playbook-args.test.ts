import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareAnsibleConfig } from './config.js';
import { hasArg, playbookArgs, sanitizedCommand } from './playbook-args.js';

const config = (raw: Record<string, unknown>) =>
  prepareAnsibleConfig({ playbook_file: 'package.json', skip_version_check: true, ...raw }).config;

describe('ansible command line', () => {
  it('follows Packer: build variables, ssh extra args, extra arguments, key, inventory, playbook', () => {
    const args = playbookArgs(config({ extra_arguments: ['--tags', 'web'] }), {
      buildName: 'docker.app',
      builderType: 'docker',
      httpAddr: '10.0.2.2:8080',
      inventory: '/tmp/inv',
      playbook: '/abs/play.yml',
      privateKeyFile: '/tmp/key',
      overSsh: true,
    });
    assert.deepEqual(args, [
      '-e',
      'packer_build_name="docker.app"',
      '-e',
      'packer_builder_type=docker',
      '-e',
      'packer_http_addr=10.0.2.2:8080',
      '--ssh-extra-args',
      "'-o IdentitiesOnly=yes'",
      '--tags',
      'web',
      '-e',
      'ansible_ssh_private_key_file=/tmp/key',
      '-i',
      '/tmp/inv',
      '/abs/play.yml',
    ]);
  });

  it('leaves the key out when a password is given, and turns host key checking off', () => {
    const c = config({
      extra_arguments: ['-e', 'ansible_password=s3cret'],
      ansible_ssh_extra_args: ['-o A=1', '-o B=2'],
      ssh_host_key_file: 'package.json',
    });
    const args = playbookArgs(c, {
      buildName: '',
      builderType: 'null',
      inventory: 'i',
      playbook: 'p',
      privateKeyFile: 'k',
      overSsh: true,
    });
    assert.ok(!args.some((a) => a.startsWith('ansible_ssh_private_key_file')));
    assert.ok(args.includes('ansible_host_key_checking=False'));
    assert.ok(args.includes("'-o A=1' '-o B=2'"));
    assert.ok(!args.includes('packer_build_name=""'));
  });

  it('hides password and secret values in the printed command', () => {
    const extra = ['-e', 'db_password=hunter2', 'api_secret=abc', 'plain=visible'];
    const shown = sanitizedCommand(['ansible-playbook', ...extra], extra, ['winrmpw']);
    assert.equal(shown, 'ansible-playbook -e db_password=***** api_secret=***** plain=visible');
    assert.ok(hasArg('ansible_password', ['-e', 'ansible_password=x']));
    assert.ok(!hasArg('ansible_password', ['-e', 'my_ansible_password=x']));
  });
});
