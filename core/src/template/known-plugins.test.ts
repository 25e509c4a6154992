import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knownPluginFor } from './known-plugins.js';

describe('knownPluginFor', () => {
  it('maps component types to the plugin Packer knows them from, by prefix', () => {
    assert.deepEqual(knownPluginFor('virtualbox-iso'), {
      name: 'virtualbox',
      source: 'github.com/hashicorp/virtualbox',
    });
    assert.equal(knownPluginFor('vmware-vmx')?.source, 'github.com/hashicorp/vmware');
    assert.equal(knownPluginFor('vsphere-iso')?.source, 'github.com/hashicorp/vsphere');
    assert.equal(knownPluginFor('ansible-local')?.name, 'ansible');
    assert.equal(knownPluginFor('vagrant-cloud')?.name, 'vagrant');
    assert.equal(knownPluginFor('azure-arm')?.name, 'azure');
    assert.equal(knownPluginFor('shell'), undefined);
    assert.equal(knownPluginFor('parallels-iso'), undefined);
  });
});
