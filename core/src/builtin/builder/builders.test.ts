import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Communicator, ConfigError, type Hook } from '@kiln/plugin-sdk';
import { RecordingUi, testBuildContext } from '@kiln/plugin-sdk/testing';
import { tempDir } from '../testing/temp-dir.test-helper.js';
import { fileBuilder } from './file.js';
import { nullBuilder } from './null.js';

function recordingHook() {
  const calls: { name: string; communicator: Communicator | undefined }[] = [];
  const hook: Hook = {
    async run(name, communicator) {
      calls.push({ name, communicator });
    },
  };
  return { hook, calls };
}

const signal = new AbortController().signal;

describe('null builder', () => {
  it('runs the provision hook without a communicator and exports nothing', async () => {
    const b = await nullBuilder.prepare({}, testBuildContext());
    const { hook, calls } = recordingHook();
    const artifact = await b.run({
      ui: new RecordingUi(),
      signal,
      sessionId: 's',
      hook,
      build: testBuildContext(),
    });
    assert.deepEqual(calls, [{ name: 'provision', communicator: undefined }]);
    assert.equal(artifact?.builderId, 'fnoeding.null');
    assert.equal(artifact?.description, 'Did not export anything. This is the null builder');
    assert.deepEqual(artifact?.files, []);
  });

  it('says that a winrm communicator is not supported yet, and that ssh needs ssh_host', async () => {
    await assert.rejects(
      nullBuilder.prepare({ communicator: 'winrm', winrm_host: '127.0.0.1' }, testBuildContext()),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.diagnostics[0]!.path, ['communicator']);
        assert.match(err.message, /not supported by the null builder yet/);
        return true;
      },
    );
    await assert.rejects(
      nullBuilder.prepare({ communicator: 'ssh', ssh_username: 'root' }, testBuildContext()),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.diagnostics[0]!.path, ['ssh_host']);
        return true;
      },
    );
  });
});

describe('file builder', () => {
  it('writes content, copies a source, and destroys its artifact', async () => {
    await using dir = await tempDir();
    const target = join(dir.path, 'sub', 'out.txt');
    const { hook, calls } = recordingHook();
    const b = await fileBuilder.prepare({ target, content: 'Lorem ipsum' }, testBuildContext());
    const artifact = await b.run({
      ui: new RecordingUi(),
      signal,
      sessionId: 's',
      hook,
      build: testBuildContext(),
    });
    assert.equal(await readFile(target, 'utf8'), 'Lorem ipsum');
    assert.deepEqual(artifact?.files, [target]);
    assert.equal(artifact?.description, `Stored file: ${target}`);
    assert.equal(calls.length, 1);

    const source = join(dir.path, 'src.bin');
    await writeFile(source, 'abc');
    const copyTarget = join(dir.path, 'copy.bin');
    const ui = new RecordingUi();
    const c = await fileBuilder.prepare({ target: copyTarget, source }, testBuildContext());
    const copied = await c.run({ ui, signal, sessionId: 's', hook, build: testBuildContext() });
    assert.equal(await readFile(copyTarget, 'utf8'), 'abc');
    assert.deepEqual(ui.texts('say'), [`Copying ${source} to ${copyTarget}`, 'Copied 3 bytes']);
    await fileBuilder.destroyArtifact!(copied!);
    assert.equal(existsSync(copyTarget), false);
  });

  it('rejects source with content, a missing source and a missing target', async () => {
    await assert.rejects(fileBuilder.prepare({ content: 'x' }, testBuildContext()), /target/);
    await assert.rejects(
      fileBuilder.prepare({ target: 't', content: 'x', source: '/nonexistent' }, testBuildContext()),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.diagnostics.length, 2);
        return true;
      },
    );
    const warned = await fileBuilder.prepare({ target: 't' }, testBuildContext());
    assert.equal(warned.warnings?.length, 1);
  });
});
