import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packerConstraint, satisfies } from './constraint.js';
import { packageForSource } from './source.js';

const ok = (c: string, v: string) => satisfies(v, packerConstraint(c));

test('Packer constraints become semver ranges', () => {
  assert.equal(packerConstraint('>= 1.0').range, '>=1.0.0');
  assert.ok(ok('>= 0.0.7', '0.1.0'));
  assert.ok(!ok('>= 0.0.7', '0.0.6'));
  assert.ok(ok('~> 1.2', '1.9.9') && !ok('~> 1.2', '2.0.0') && !ok('~> 1.2', '1.1.9'));
  assert.ok(ok('~> 1.2.3', '1.2.9') && !ok('~> 1.2.3', '1.3.0') && !ok('~> 1.2.3', '1.2.2'));
  assert.ok(
    ok('>= 1.0, != 1.3.1', '1.3.0') && ok('>= 1.0, != 1.3.1', '1.3.2') && !ok('>= 1.0, != 1.3.1', '1.3.1'),
  );
  assert.ok(ok('= 1.0', '1.0.0') && !ok('= 1.0', '1.0.1'));
  assert.ok(ok('1.2.3', '1.2.3'));
  assert.ok(ok('', '7.0.0'));
  assert.ok(ok('> 1, < 2', '1.5.0') && !ok('> 1, < 2', '2.0.0'));
  assert.ok(!ok('~> 1.2', '2.0.0-beta.1'));
});

test('bad constraints are refused with the text', () => {
  assert.throws(() => packerConstraint('>== 1'), /invalid version constraint ">== 1"/);
  assert.throws(() => packerConstraint('>= 1,'), /empty part/);
  assert.throws(() => packerConstraint('latest'), /cannot read "latest"/);
});

test('sources map to npm packages', () => {
  assert.equal(packageForSource('github.com/hashicorp/docker'), '@kiln/plugin-docker');
  assert.equal(packageForSource('github.com/hashicorp/qemu'), '@kiln/plugin-qemu');
  assert.equal(packageForSource('github.com/hashicorp/amazon'), '@kiln/plugin-amazon');
  assert.equal(packageForSource('github.com/hashicorp/googlecompute'), '@kiln/plugin-googlecompute');
  assert.equal(packageForSource('github.com/hashicorp/ansible'), '@kiln/plugin-ansible');
  assert.equal(packageForSource('github.com/acme/foo'), '@acme/kiln-plugin-foo');
  assert.equal(packageForSource('github.com/Acme/packer-plugin-foo'), '@acme/kiln-plugin-foo');
  assert.equal(packageForSource('npm:@acme/anything'), '@acme/anything');
  assert.equal(packageForSource('npm:kiln-plugin-x'), 'kiln-plugin-x');
  assert.throws(() => packageForSource('docker'), /<host>\/<owner>\/<name>/);
  assert.throws(() => packageForSource('npm:Bad Name'), /not a valid npm package name/);
});
