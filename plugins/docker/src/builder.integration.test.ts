import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { RecordingUi } from '@kiln/plugin-sdk/testing';
import Docker from 'dockerode';
import { dockerBuilder } from './builder.js';
import { RUN_LABEL } from './steps/step-run.js';
import {
  containersLabelled,
  engineUnavailable,
  provisionHook,
  TEST_IMAGE,
  testBuild,
} from './test-kit.test-helper.js';

const skip = await engineUnavailable();
const docker = new Docker();

describe('docker builder against the engine', { skip }, () => {
  const images: string[] = [];
  after(async () => {
    for (const i of images)
      await docker
        .getImage(i)
        .remove({ force: true })
        .catch(() => {});
  });

  it('runs, provisions, commits; keeps the entrypoint; applies changes; leaves no container', async () => {
    const build = testBuild();
    const ui = new RecordingUi();
    const prepared = await dockerBuilder().prepare(
      {
        image: TEST_IMAGE,
        pull: false,
        commit: true,
        changes: ['ENV KILN_TEST=yes', 'LABEL kiln.test=1', 'EXPOSE 8080', 'WORKDIR /srv'],
        author: 'kiln tests',
        message: 'made by a test',
      },
      build,
    );
    const hook = provisionHook(async (comm) => {
      const out: Buffer[] = [];
      const code = await comm.exec({
        command: 'echo hello > /hello && cat /hello; echo err >&2; exit 3',
        stdout: (c) => out.push(c),
      });
      assert.equal(code, 3);
      assert.equal(Buffer.concat(out).toString(), 'hello\n');
      await comm.upload('/a/b/c.txt', Readable.from([Buffer.from('uploaded')]), { mode: 0o600 });
      const fed: Buffer[] = [];
      assert.equal(
        await comm.exec({
          command: 'cat',
          stdin: Readable.from([Buffer.from('piped')]),
          stdout: (c) => fed.push(c),
        }),
        0,
      );
      assert.equal(Buffer.concat(fed).toString(), 'piped');
    });
    const artifact = await prepared.run({
      ui,
      hook,
      signal: new AbortController().signal,
      sessionId: 's',
      build,
    });
    assert.ok(artifact);
    images.push(artifact.id);
    assert.equal(artifact.builderId, 'packer.post-processor.docker-import');
    assert.match(artifact.description, /^Imported Docker image: sha256:[0-9a-f]{64}$/);
    const info = await docker.getImage(artifact.id).inspect();
    const base = await docker.getImage(TEST_IMAGE).inspect();
    const none = (x: string[] | null | undefined) => (x?.length ? x : null);
    assert.deepEqual(
      none(info.Config.Entrypoint as string[] | null),
      none(base.Config.Entrypoint as string[] | null),
    );
    assert.deepEqual(info.Config.Cmd, base.Config.Cmd);
    assert.ok(info.Config.Env?.includes('KILN_TEST=yes'));
    assert.equal(info.Config.Labels?.['kiln.test'], '1');
    assert.ok('8080/tcp' in (info.Config.ExposedPorts ?? {}));
    assert.equal(info.Config.WorkingDir, '/srv');
    assert.equal(info.Author, 'kiln tests');
    assert.equal(info.Comment, 'made by a test');
    const run = await docker.run(artifact.id, ['cat', '/hello', '/a/b/c.txt'], new CollectStream(), {
      HostConfig: { AutoRemove: true },
    });
    assert.equal(run[0].StatusCode, 0);
    for (const line of [
      '==> Creating a temporary directory for sharing data...',
      '==> Starting docker container...',
      '==> Committing the container',
    ]) {
      assert.ok(ui.lines.includes(line), `missing ${line} in ${ui.lines.join('\n')}`);
    }
    assert.ok(ui.lines.some((l) => l.startsWith('    Container ID: ')));
    assert.ok(ui.lines.some((l) => l.startsWith('==> Killing the container: ')));
    assert.ok(!ui.lines.some((l) => l.startsWith('==> Pulling')), 'pull = false must not pull');
    assert.deepEqual(await containersLabelled(RUN_LABEL, build.runId), [], ui.lines.join('\n'));
  });

  it('removes the container when a provisioner fails', async () => {
    const build = testBuild();
    const prepared = await dockerBuilder().prepare({ image: TEST_IMAGE, pull: false, commit: true }, build);
    const hook = provisionHook(async () => {
      throw new Error('provisioner failed');
    });
    await assert.rejects(
      prepared.run({
        ui: new RecordingUi(),
        hook,
        signal: new AbortController().signal,
        sessionId: 's',
        build,
      }),
      /provisioner failed/,
    );
    assert.deepEqual(await containersLabelled(RUN_LABEL, build.runId), []);
  });

  it('removes the container when cancelled', async () => {
    const build = testBuild();
    const prepared = await dockerBuilder().prepare({ image: TEST_IMAGE, pull: false, commit: true }, build);
    const ac = new AbortController();
    const hook = provisionHook(async (comm, signal) => {
      setTimeout(() => ac.abort(), 300);
      await comm.exec({ command: 'sleep 30' }, signal).catch(() => {});
    });
    const started = Date.now();
    await assert.rejects(
      prepared.run({ ui: new RecordingUi(), hook, signal: ac.signal, sessionId: 's', build }),
      /cancel/i,
    );
    assert.ok(Date.now() - started < 15_000);
    assert.deepEqual(await containersLabelled(RUN_LABEL, build.runId), []);
  });
});

class CollectStream extends (await import('node:stream')).Writable {
  override _write(_c: Buffer, _e: BufferEncoding, cb: () => void) {
    cb();
  }
}
