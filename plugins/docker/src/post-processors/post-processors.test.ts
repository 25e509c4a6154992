import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Artifact } from '@kiln/plugin-sdk';
import { ConfigError } from '@kiln/plugin-sdk';
import { RecordingUi } from '@kiln/plugin-sdk/testing';
import { IMPORT_ID, imageArtifact } from '../artifact.js';
import { FakeDriver } from '../fake-driver.test-helper.js';
import { testBuild } from '../test-kit.test-helper.js';
import { dockerImport } from './docker-import.js';
import { dockerPush } from './docker-push.js';
import { dockerTag, splitRef } from './docker-tag.js';

const ctx = () => ({ ui: new RecordingUi(), signal: new AbortController().signal, sessionId: 's' });
const committed: Artifact = imageArtifact(IMPORT_ID, `sha256:${'a'.repeat(64)}`, {}, 'docker', 'builder');

describe('docker post-processors (fake engine)', () => {
  it('docker-tag tags each tag, legacy tag too, and always keeps the input', async () => {
    const driver = new FakeDriver();
    const pp = await dockerTag(() => driver).configure(
      { repository: '127.0.0.1:5000/app', tags: ['1'], tag: ['old'] },
      testBuild(),
    );
    assert.ok(pp.warnings?.some((w) => w.path?.[0] === 'tag'));
    const res = await pp.postProcess(ctx(), committed);
    assert.deepEqual(
      driver.calls.map((c) => c.args.slice(1, 3)),
      [
        ['127.0.0.1:5000/app', '1'],
        ['127.0.0.1:5000/app', 'old'],
      ],
    );
    assert.deepEqual(res.artifact?.state.docker_tags, ['127.0.0.1:5000/app:1', '127.0.0.1:5000/app:old']);
    assert.equal(res.keep, true);
    assert.equal(res.forceOverride, true);
  });

  it('docker-tag refuses a bad tag at configure and an unknown artifact at run', async () => {
    await assert.rejects(
      dockerTag(() => new FakeDriver()).configure({ repository: 'r', tags: ['ok', 'no:pe'] }, testBuild()),
      (e: unknown) => e instanceof ConfigError && e.diagnostics[0]?.path?.join('.') === 'tags.1',
    );
    const pp = await dockerTag(() => new FakeDriver()).configure({ repository: 'r' }, testBuild());
    await assert.rejects(
      pp.postProcess(ctx(), { ...committed, builderId: 'mitchellh.amazonebs' }),
      /Unknown artifact type/,
    );
  });

  it('docker-push pushes every tag and records digests; an untagged image is refused', async () => {
    const driver = new FakeDriver();
    const pp = await dockerPush(() => driver).configure({}, testBuild());
    const tagged = {
      ...committed,
      builderId: 'packer.post-processor.docker-tag',
      state: { docker_tags: ['r/a:1', 'r/a:2'] },
    };
    const res = await pp.postProcess(ctx(), tagged);
    assert.deepEqual(
      driver.calls.map((c) => c.args[0]),
      ['r/a:1', 'r/a:2'],
    );
    assert.equal(res.artifact?.state.digest, `sha256:${'d'.repeat(64)}`);
    await assert.rejects(pp.postProcess(ctx(), committed), /add a docker-tag/);
    await assert.rejects(dockerPush().configure({ login: true }, testBuild()), ConfigError);
  });

  it('docker-import imports only an exported tar and checks its changes', async () => {
    await assert.rejects(
      dockerImport().configure({ repository: 'r', changes: ['RUN x'] }, testBuild()),
      ConfigError,
    );
    const driver = new FakeDriver();
    const pp = await dockerImport(() => driver).configure({ repository: 'r', tag: 't' }, testBuild());
    await assert.rejects(pp.postProcess(ctx(), committed), /Unknown artifact type/);
  });

  it('splits references with registry ports and digests', () => {
    assert.deepEqual(splitRef('127.0.0.1:5000/a/b:tag'), ['127.0.0.1:5000/a/b', 'tag']);
    assert.deepEqual(splitRef('127.0.0.1:5000/a/b'), ['127.0.0.1:5000/a/b', undefined]);
    assert.deepEqual(splitRef('a@sha256:00'), ['a', undefined]);
  });
});
