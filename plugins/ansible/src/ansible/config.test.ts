import assert from 'node:assert/strict';
import { tmpdir, userInfo } from 'node:os';
import { describe, it } from 'node:test';
import { prepareAnsibleConfig } from './config.js';
import { DEFAULT_INVENTORY_TEMPLATE, inventoryText, renderInventoryLine } from './inventory.js';

describe('ansible configuration', () => {
  it("fills Packer's defaults", () => {
    const { config, diagnostics } = prepareAnsibleConfig({ playbook_file: 'package.json' });
    assert.deepEqual(diagnostics.items, []);
    assert.equal(config.command, 'ansible-playbook');
    assert.equal(config.galaxyCommand, 'ansible-galaxy');
    assert.equal(config.hostAlias, 'default');
    assert.equal(config.user, userInfo().username);
    assert.equal(config.userWasEmpty, true);
    assert.equal(config.proxyKeyType, 'ECDSA');
    assert.deepEqual(config.ansibleEnvVars, ['ANSIBLE_HOST_KEY_CHECKING=False', 'ANSIBLE_SCP_IF_SSH=True']);
    assert.equal(config.useProxy, undefined);
  });

  it('reports each bad value at its attribute, with what to do', () => {
    const { diagnostics } = prepareAnsibleConfig({
      playbook_file: 'missing.yml',
      galaxy_file: tmpdir(),
      local_port: 70000,
      ansible_proxy_key_type: 'dsa',
      inventory_directory: 'nope',
      ansible_env_vars: ['NOT A VAR'],
      playbok_file: 'x',
    });
    const byPath = Object.fromEntries(diagnostics.items.map((d) => [String(d.path?.[0]), d]));
    assert.match(byPath.playbook_file!.summary, /playbook_file: missing\.yml does not exist/);
    assert.match(byPath.playbook_file!.detail!, /relative paths are from the directory kiln runs in/);
    assert.match(byPath.galaxy_file!.summary, /is a directory/);
    assert.match(byPath.local_port!.summary, /must be a valid port/);
    assert.match(byPath.ansible_proxy_key_type!.detail!, /ECDSA or RSA/);
    assert.match(byPath.inventory_directory!.summary, /does not exist/);
    assert.match(byPath.ansible_env_vars!.summary, /is not KEY=value/);
    assert.match(byPath.playbok_file!.detail!, /Did you mean "playbook_file"/);
  });

  it('writes the inventory line, groups and empty groups as Packer does', () => {
    const line = renderInventoryLine(DEFAULT_INVENTORY_TEMPLATE, {
      HostAlias: 'default',
      Host: '127.0.0.1',
      User: 'me',
      Port: 2200,
    });
    assert.equal(line, 'default ansible_host=127.0.0.1 ansible_user=me ansible_port=2200\n');
    assert.equal(inventoryText(line, ['web'], ['db']), `${line}[web]\n${line}[db]\n`);
    assert.equal(renderInventoryLine('{{ .HostAlias }} x={{.ID}}\n', { HostAlias: 'a' }), 'a x=\n');
  });
});
