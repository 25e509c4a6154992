import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PluginCrashedError } from '../plugin-host/crashed-error.js';
import { checkDescription, DEFAULT_COMPONENT_NAME, describePackerPlugin } from './describe.js';
import { parsePackerHandshake } from './handshake.js';
import { PackerProcess } from './plugin-process.js';
import { decodeCommandFinished, encodeCommandFinished } from './rpc/command-finished.js';
import { specToSchema } from './spec/config-schema.js';
import { configToMap, errorDiagnostics } from './spec/cty-value.js';
import { decodeHclSpec, encodeHclSpec } from './spec/hcl-spec.js';

const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
/** Packer's own QEMU plugin, built by the test environment (test/env/up.sh packerqemu). */
const qemuPlugin = process.env.KILN_PACKER_QEMU_PLUGIN ?? join(stateDir, 'packer-plugin-qemu');

function requirePlugin(): string {
  assert.ok(
    existsSync(qemuPlugin),
    `${qemuPlugin} is missing: run \`bash test/env/up.sh packerqemu\` (builds packer-plugin-qemu once)`,
  );
  return qemuPlugin;
}

const startQemu = (path: string, log?: (l: string) => void) =>
  PackerProcess.start({
    name: 'github.com/hashicorp/qemu',
    version: '1.1.7',
    path,
    kind: 'builder',
    component: DEFAULT_COMPONENT_NAME,
    ...(log ? { log } : {}),
  });

describe('the Packer plugin protocol against packer-plugin-qemu', () => {
  it('describes the plugin: API x5.0, protocol v2, one default builder', async () => {
    const d = await describePackerPlugin(requirePlugin());
    assert.equal(d.apiVersion, 'x5.0');
    assert.equal(d.protocolVersion, 'v2');
    assert.equal(d.version, '1.1.7');
    assert.deepEqual(d.builders, [DEFAULT_COMPONENT_NAME]);
  });

  it('starts the builder, reads its HCL spec over yamux + msgpack net/rpc, and exits when disconnected', async () => {
    const lines: string[] = [];
    const p = await startQemu(requirePlugin(), (l) => lines.push(l));
    const reply = await p.client.call<{ ConfigSpec: Uint8Array }>('Builder.ConfigSpec');
    const spec = decodeHclSpec(reply.ConfigSpec);
    assert.deepEqual(decodeHclSpec(encodeHclSpec(spec)), spec);
    const schema = specToSchema(spec);
    assert.deepEqual(schema.attributes.iso_url, { type: 'string' });
    assert.deepEqual(schema.attributes.memory, { type: 'number' });
    assert.deepEqual(schema.attributes.qemuargs, { type: 'list(list(string))' });
    assert.equal(schema.blocks?.qemu_img_args?.nesting, 'single');
    await p.dispose();
    assert.deepEqual(await p.exited, { code: 0, signal: null });
    assert.ok(lines.some((l) => l.includes('sending ConfigSpec as protobuf')));
  });

  it('prepares a configuration and reports the plugin’s errors one by one', async () => {
    const p = await startQemu(requirePlugin());
    try {
      const spec = decodeHclSpec(
        (await p.client.call<{ ConfigSpec: Uint8Array }>('Builder.ConfigSpec')).ConfigSpec,
      );
      const vars = { packer_build_name: 'x', packer_builder_type: 'qemu' };
      const good = await p.client.call<{ Error: unknown }>('Builder.Prepare', {
        Configs: [
          vars,
          configToMap(spec, { iso_url: 'a.iso', iso_checksum: 'none', ssh_username: 'root', memory: '512' }),
        ],
      });
      assert.equal(good.Error, null);
      const bad = await p.client.call<{ Error: { Message: string } }>('Builder.Prepare', {
        Configs: [vars, configToMap(spec, { iso_checksum: 'none', format: 'vhd', accelerator: 'warp' })],
      });
      const diags = errorDiagnostics(bad.Error.Message);
      assert.ok(diags.length >= 2, bad.Error.Message);
      assert.ok(diags.some((d) => /format/.test(d.summary)));
    } finally {
      await p.dispose();
    }
  });

  it('reports a plugin that dies in a call with its exit and stderr tail, and leaves no temp dir', async () => {
    const p = await startQemu(requirePlugin());
    const call = p.client.call('Builder.ConfigSpec').then(() => p.client.call('Builder.Run', 12345));
    p.child.kill('SIGKILL');
    const error = await call.then(
      () => assert.fail('the call succeeded'),
      (e) => p.explain(e),
    );
    assert.ok(error instanceof PluginCrashedError, String(error));
    assert.match(error.message, /github\.com\/hashicorp\/qemu" 1\.1\.7/);
    assert.match(error.message, /signal SIGKILL/);
    assert.match(error.message, /Plugin address/);
    assert.ok(existsSync(p.tempDir));
    await p.dispose();
    assert.ok(!existsSync(p.tempDir), `${p.tempDir} is left behind`);
  });
});

describe('handshake and API versions', () => {
  it('accepts 5.0 and refuses other API versions and old protocols clearly', () => {
    assert.deepEqual(parsePackerHandshake('5|0|unix|/tmp/p'), {
      major: 5,
      minor: 0,
      network: 'unix',
      address: '/tmp/p',
    });
    assert.throws(() => parsePackerHandshake('4|unix|/tmp/p'), /protocol 4 or older/);
    assert.throws(() => parsePackerHandshake('6|0|unix|/tmp/p'), /API 6\.0; Kiln speaks 5\.0/);
    assert.throws(() => parsePackerHandshake('5|1|unix|/tmp/p'), /newer than the 5\.0/);
  });

  it('refuses described plugins of another API or of protocol v1 (gob), saying what to install', () => {
    const d = {
      version: '1.0.0',
      sdkVersion: '0.2.0',
      apiVersion: 'x5.0',
      protocolVersion: '',
      builders: [],
      provisioners: [],
      postProcessors: [],
      datasources: [],
    };
    assert.throws(
      () => checkDescription('/p', d),
      /speaks protocol v1 \(gob\); Kiln speaks only v2 .*install a newer version/,
    );
    assert.throws(
      () => checkDescription('/p', { ...d, apiVersion: 'x6.0', protocolVersion: 'v2' }),
      /API 6\.0/,
    );
    assert.doesNotThrow(() => checkDescription('/p', { ...d, protocolVersion: 'v2' }));
  });
});

describe('CommandFinished (gob)', () => {
  // Bytes Go's encoding/gob writes for CommandFinished{ExitStatus: n} on a fresh encoder.
  const typeDef = '2b7f0301010f436f6d6d616e6446696e697368656401ff80000101010a457869745374617475730104000000';
  const fixtures: Record<number, string> = {
    0: `${typeDef}03ff8000`,
    1: `${typeDef}05ff80010200`,
    127: `${typeDef}06ff8001fffe00`,
    [-1]: `${typeDef}05ff80010100`,
    300: `${typeDef}07ff8001fe025800`,
  };
  it('encodes and decodes exit statuses as Go does', () => {
    for (const [n, hex] of Object.entries(fixtures)) {
      assert.equal(encodeCommandFinished(Number(n)).toString('hex'), hex, `encode ${n}`);
      assert.equal(decodeCommandFinished(Buffer.from(hex, 'hex')), Number(n), `decode ${n}`);
    }
  });
});
