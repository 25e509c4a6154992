import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareQemuConfig } from './config.js';

const base = { iso_url: 'x.iso', iso_checksum: 'none', ssh_username: 'root', shutdown_command: 'poweroff' };

describe('qemu builder configuration', () => {
  it("fills in Packer's defaults", () => {
    const { config, diagnostics } = prepareQemuConfig(base, 'qemu.box');
    assert.equal(diagnostics.hasErrors, false, JSON.stringify(diagnostics.items));
    assert.equal(config.format, 'qcow2');
    assert.equal(config.diskSize, '40960M');
    assert.equal(config.diskInterface, 'virtio');
    assert.equal(config.netDevice, 'virtio-net');
    assert.equal(config.accelerator, 'auto');
    assert.equal(config.outputDirectory, 'output-box');
    assert.equal(config.vmName, 'packer-box');
    assert.equal(config.bootWaitMs, 10_000);
    assert.equal(config.hostPortMin, 2222);
    assert.equal(config.hostPortMax, 4444);
    assert.equal(config.vncPortMin, 5900);
    assert.equal(config.comm.type, 'ssh');
    assert.equal(config.shutdownTimeoutMs, 300_000);
  });

  it('names every bad attribute', () => {
    const { diagnostics } = prepareQemuConfig(
      {
        iso_checksum: 'sha256:abc',
        format: 'vmdk',
        accelerator: 'fast',
        use_backing_file: true,
        disk_size: 'big',
        boot_wait: 'soon',
        boot_command: ['<wait5x>'],
        host_port_min: 5000,
        host_port_max: 4000,
        ssh_username: 'root',
      },
      'qemu',
    );
    const paths = diagnostics.items.filter((d) => d.severity === 'error').map((d) => String(d.path?.[0]));
    for (const p of [
      'iso_url',
      'iso_checksum',
      'format',
      'accelerator',
      'use_backing_file',
      'disk_size',
      'boot_wait',
      'boot_command',
      'host_port_min',
    ]) {
      assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
    }
  });

  it('warns without a shutdown_command, as Packer', () => {
    const { diagnostics } = prepareQemuConfig({ ...base, shutdown_command: '' }, 'qemu');
    assert.ok(diagnostics.warnings.some((w) => w.path?.[0] === 'shutdown_command'));
  });

  it('accepts the legacy ssh_host_port_min/max and ssh_wait_timeout', () => {
    const { config } = prepareQemuConfig(
      { ...base, ssh_host_port_min: 3000, ssh_host_port_max: 3001, ssh_wait_timeout: '20s' },
      'qemu',
    );
    assert.equal(config.hostPortMin, 3000);
    assert.equal(config.hostPortMax, 3001);
    assert.equal(config.comm.timeoutMs, 20_000);
  });
});
