import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainUnknownType } from './unknown-type.js';

test('an unknown type a known plugin provides names the plugin source to install', () => {
  const text = explainUnknownType({
    kind: 'builder',
    type: 'virtualbox-iso',
    builtins: ['null', 'file'],
    plugins: [],
    requiredPlugins: [],
  });
  assert.match(
    text,
    /The builder "virtualbox-iso" is provided by the plugin github\.com\/hashicorp\/virtualbox: add it to required_plugins and run `kiln init`, or run `kiln plugins install github\.com\/hashicorp\/virtualbox`\./,
  );
  assert.doesNotMatch(text, /No plugins are installed/);
});

test('a required_plugins entry that provides the type comes first; unknown families get the generic advice', () => {
  const required = explainUnknownType({
    kind: 'provisioner',
    type: 'ansible-local',
    builtins: [],
    plugins: [],
    requiredPlugins: [{ name: 'ansible', source: 'github.com/hashicorp/ansible', version: '>= 1' }],
  });
  assert.match(required, /^The required plugin "ansible"/);
  assert.doesNotMatch(required, /is provided by the plugin/);
  const other = explainUnknownType({
    kind: 'builder',
    type: 'frobnicate',
    builtins: [],
    plugins: [],
    requiredPlugins: [],
  });
  assert.match(other, /No plugins are installed/);
});
