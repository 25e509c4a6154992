import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '@kiln/plugin-sdk';
import { prepareEbsConfig } from './config.js';
import { render } from './render.js';

const ok = {
  region: 'us-east-1',
  instance_type: 't3.micro',
  ami_name: 'kiln-{{timestamp}}',
  source_ami: 'ami-1',
  communicator: 'none',
};

const errors = (raw: Record<string, unknown>) =>
  prepareEbsConfig(raw)
    .diagnostics.items.filter((d) => d.severity === 'error')
    .map((d) => `${d.path?.join('.') ?? ''}: ${d.summary}`);

describe('amazon-ebs configuration', () => {
  it('accepts a minimal body and fills in defaults', () => {
    const { config, diagnostics } = prepareEbsConfig(ok);
    assert.deepEqual(diagnostics.items, []);
    assert.equal(config.shutdownBehavior, 'stop');
    assert.equal(config.access.region, 'us-east-1');
    assert.deepEqual(config.amiRegions, []);
  });

  it('collects every problem with its attribute path', () => {
    assert.deepEqual(
      errors({
        region: 'us-east-1',
        instance_type: 't3.micro',
        ami_name: 'x',
        communicator: 'none',
        shutdown_behavior: 'halt',
        kms_key_id: 'k',
        force_delete_snapshot: true,
        access_key: 'a',
        custom_endpoint_ec2: '127.0.0.1:5001',
      }),
      [
        'secret_key: access_key and secret_key must be set together',
        'custom_endpoint_ec2: custom_endpoint_ec2 must be a URL (http:// or https://)',
        'shutdown_behavior: shutdown_behavior must be "stop" or "terminate"',
        'source_ami: A source_ami or source_ami_filter must be specified',
        'ami_name: ami_name must be between 3 and 128 characters long',
        'kms_key_id: kms_key_id requires encrypt_boot = true',
        'force_delete_snapshot: force_delete_snapshot requires force_deregister = true',
      ],
    );
  });

  it('reads block device mappings, filters and tags', () => {
    const { config } = prepareEbsConfig({
      ...ok,
      source_ami: undefined,
      source_ami_filter: { filters: { name: 'ubuntu/*' }, owners: ['amazon'], most_recent: true },
      launch_block_device_mappings: [
        { device_name: '/dev/sda1', volume_size: 20, volume_type: 'gp3', delete_on_termination: true },
      ],
      tags: { a: 'b' },
      tag: [{ key: 'c', value: 'd' }],
      run_tag: [{ key: 'Role', value: 'builder' }],
      ami_regions: ['us-east-1', 'us-west-2', 'us-west-2'],
    });
    assert.deepEqual(config.runTags, { Role: 'builder' });
    assert.deepEqual(config.sourceAmiFilter, {
      filters: { name: 'ubuntu/*' },
      owners: ['amazon'],
      mostRecent: true,
    });
    assert.equal(config.launchBlockDevices[0]?.volumeSize, 20);
    assert.deepEqual(config.tags, { a: 'b', c: 'd' });
    assert.deepEqual(config.amiRegions, ['us-west-2'], 'the build region and duplicates are dropped');
  });

  it('refuses an empty source_ami_filter and a spot_price that is no price', () => {
    assert.deepEqual(errors({ ...ok, source_ami: undefined, source_ami_filter: {}, spot_price: 'cheap' }), [
      'source_ami_filter: You must specify filters or owners in source_ami_filter',
      'spot_price: spot_price must be a price like "0.05" or "auto"',
    ]);
    assert.deepEqual(errors({ ...ok, spot_price: 'auto' }), []);
  });

  it("checks ami_name after expansion, with Packer's wording", () => {
    assert.deepEqual(errors({ ...ok, ami_name: 'web {{isotime "2006-01-02"}} {{ .SourceAMI }}' }), []);
    assert.match(
      errors({ ...ok, ami_name: 'web:{{timestamp}}' })[0] ?? '',
      /^ami_name: AMIName should only contain/,
    );
    assert.deepEqual(
      errors({
        ...ok,
        ami_name: 'web:{{timestamp}} {{ clean_resource_name "a:b" }}'.replace('web:', 'web-'),
      }),
      [],
    );
    assert.match(errors({ ...ok, ami_name: 'web-{{ nope }}' })[0] ?? '', /cannot expand/);
  });

  it('an ssh communicator needs a user', () => {
    assert.throws(
      () => prepareEbsConfig({ ...ok, communicator: 'ssh' }).diagnostics.throwIfErrors(),
      (e: unknown) => e instanceof ConfigError && /ssh_username/.test(e.message),
    );
  });
});

describe('render', () => {
  const now = new Date('2024-05-06T07:08:09Z');
  it('expands timestamp, fields and clean_resource_name', () => {
    assert.equal(render('kiln-{{timestamp}}', now), 'kiln-1714979289');
    assert.equal(render('from {{ .SourceAMI }}', now, { SourceAMI: 'ami-1' }), 'from ami-1');
    assert.equal(render('{{ clean_resource_name "a b:c" }}', now), 'a b-c', 'AMI names may hold spaces');
    assert.equal(render('{{ isotime | clean_resource_name }}', now), '2024-05-06T07-08-09.000Z');
    assert.equal(render('{{ unknown }}', now), '{{ unknown }}');
    assert.equal(render('{{isotime "2006-01-02 15:04"}}', now), '2024-05-06 07:08');
    assert.equal(render('{{isotime "Jan 2, 06 3PM"}}', now), 'May 6, 24 7AM');
  });
});
