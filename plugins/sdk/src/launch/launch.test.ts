import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { ENV_PLUGIN_TOKEN, ENV_SOCKET_DIR } from '@kiln/proto';
import { PluginStartError } from './errors.js';
import { launchPlugin } from './launch.js';

const script = (body: string) => ({
  name: 'test-plugin',
  version: '1.2.3',
  command: process.execPath,
  args: ['-e', body],
  protocolVersions: [1],
  startTimeoutMs: 5000,
});

const handshakeThenWait = `
const path = require('node:path');
process.stderr.write('starting\\n');
process.stdout.write('1|1|unix|' + path.join(process.env.${ENV_SOCKET_DIR}, 'p.sock') + '|grpc\\n');
process.stdin.resume();
process.stdin.on('end', () => { process.stderr.write('stdin closed\\n'); process.exit(0); });
`;

test('a plugin that handshakes is running; dispose closes stdin and removes the socket dir', async () => {
  const lines: string[] = [];
  const p = await launchPlugin({ ...script(handshakeThenWait), log: (l) => lines.push(l) });
  assert.equal(p.handshake.protocol, 1);
  assert.equal(statSync(p.socketDir).mode & 0o777, 0o700);
  assert.match(p.token, /^[0-9a-f]{64}$/);
  assert.ok(p.pid > 0);
  await p.dispose();
  assert.deepEqual(await p.exited, { code: 0, signal: null });
  assert.equal(existsSync(p.socketDir), false);
  assert.deepEqual(lines, ['starting', 'stdin closed']);
});

test('the token and cookie reach the plugin', async () => {
  const body = `process.stderr.write(process.env.${ENV_PLUGIN_TOKEN} + ' ' + (process.env.KILN_PLUGIN_MAGIC_COOKIE ? 'cookie' : 'none') + '\\n');${handshakeThenWait}`;
  await using p = await launchPlugin({ ...script(body), token: 'abc' });
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(p.stderrTail()[0], 'abc cookie');
});

test('garbage before the handshake is quoted', async () => {
  await assert.rejects(
    launchPlugin(script(`console.log('hello there'); setInterval(() => {}, 1000)`)),
    (e) => {
      assert.ok(e instanceof PluginStartError);
      assert.equal(e.reason, 'garbage');
      assert.match(e.message, /plugin "test-plugin" 1\.2\.3/);
      assert.match(e.message, /"hello there"/);
      return true;
    },
  );
});

test('exit before the handshake reports the exit code and stderr tail', async () => {
  await assert.rejects(launchPlugin(script(`console.error('boom: no config'); process.exit(3)`)), (e) => {
    assert.ok(e instanceof PluginStartError);
    assert.equal(e.reason, 'exited');
    assert.match(e.message, /exit code 3/);
    assert.match(e.message, /boom: no config/);
    return true;
  });
});

test('no handshake within the timeout: killed, and the message says how to wait longer', async () => {
  const t0 = Date.now();
  await assert.rejects(
    launchPlugin({ ...script('setInterval(() => {}, 1000)'), startTimeoutMs: 300 }),
    (e) => {
      assert.ok(e instanceof PluginStartError);
      assert.equal(e.reason, 'timeout');
      assert.match(e.message, /300 ms/);
      assert.match(e.message, /KILN_PLUGIN_START_TIMEOUT/);
      return true;
    },
  );
  assert.ok(Date.now() - t0 < 3000);
});

test('an unsupported protocol version is refused', async () => {
  const body = `console.log('1|7|unix|/tmp/x.sock|grpc'); setInterval(() => {}, 1000)`;
  await assert.rejects(launchPlugin(script(body)), (e) => {
    assert.ok(e instanceof PluginStartError);
    assert.equal(e.reason, 'protocol');
    assert.match(e.message, /protocol 7/);
    return true;
  });
});

test('a command that does not exist', async () => {
  await assert.rejects(launchPlugin({ ...script(''), command: '/nonexistent/kiln-plugin' }), (e) => {
    assert.ok(e instanceof PluginStartError);
    assert.equal(e.reason, 'spawn');
    assert.match(e.message, /ENOENT/);
    return true;
  });
});
