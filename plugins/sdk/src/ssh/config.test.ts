import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeConfig } from '../decode.js';
import { Diagnostics } from '../diagnostics.js';
import { parseDuration } from '../duration.js';
import { communicatorAttributes, decodeCommunicatorConfig } from './config.js';

function decode(raw: Record<string, unknown>) {
  const diags = new Diagnostics();
  const { value, diagnostics } = decodeConfig({ attributes: communicatorAttributes }, raw);
  diags.items.push(...diagnostics);
  return { config: decodeCommunicatorConfig(value, diags), diags };
}

describe('communicator configuration', () => {
  it("fills in Packer's defaults", () => {
    const { config, diags } = decode({ ssh_username: 'root' });
    assert.equal(diags.hasErrors, false);
    assert.equal(config.type, 'ssh');
    assert.equal(config.port, 22);
    assert.equal(config.timeoutMs, 300_000);
    assert.equal(config.handshakeAttempts, 10);
    assert.equal(config.keepAliveIntervalMs, 5000);
    assert.equal(config.fileTransferMethod, 'scp');
    assert.deepEqual(config.temporaryKeyPair, { type: 'rsa', bits: 4096 });
  });

  it('reads every setting, with the legacy ssh_wait_timeout spelling', () => {
    const { config, diags } = decode({
      ssh_username: 'u',
      ssh_password: 'p',
      ssh_port: '2200',
      ssh_wait_timeout: '90s',
      ssh_pty: true,
      ssh_file_transfer_method: 'sftp',
      ssh_keep_alive_interval: '-1s',
      pause_before_connecting: '1m',
      ssh_bastion_host: 'jump',
      ssh_bastion_username: 'j',
      ssh_bastion_password: 'jp',
      ssh_temporary_key_pair_type: 'ed25519',
    });
    assert.equal(diags.hasErrors, false, JSON.stringify(diags.items));
    assert.equal(config.port, 2200);
    assert.equal(config.timeoutMs, 90_000);
    assert.equal(config.pty, true);
    assert.equal(config.fileTransferMethod, 'sftp');
    assert.equal(config.keepAliveIntervalMs, -1000);
    assert.equal(config.pauseBeforeConnectingMs, 60_000);
    assert.deepEqual(config.bastion, {
      host: 'jump',
      port: 22,
      username: 'j',
      agentAuth: false,
      password: 'jp',
    });
    assert.equal(config.temporaryKeyPair.type, 'ed25519');
  });

  it('names each bad attribute', () => {
    const { diags } = decode({
      communicator: 'winrm',
      ssh_timeout: 'soon',
      ssh_file_transfer_method: 'rsync',
      ssh_private_key_file: '/nonexistent/key',
      ssh_temporary_key_pair_type: 'dsa',
      ssh_bastion_host: 'jump',
    });
    const paths = diags.items.filter((d) => d.severity === 'error').map((d) => d.path?.[0]);
    for (const p of [
      'communicator',
      'ssh_timeout',
      'ssh_file_transfer_method',
      'ssh_private_key_file',
      'ssh_temporary_key_pair_type',
      'ssh_bastion_username',
      'ssh_username',
    ]) {
      assert.ok(paths.includes(p), `${p} in ${JSON.stringify(paths)}`);
    }
  });

  it('needs no user with communicator "none"', () => {
    const { config, diags } = decode({ communicator: 'none' });
    assert.equal(config.type, 'none');
    assert.equal(diags.hasErrors, false);
  });

  it('parses Go durations', () => {
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('0'), 0);
    assert.equal(parseDuration('5'), undefined);
  });
});
