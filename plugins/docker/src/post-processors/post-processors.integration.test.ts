import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Artifact, PostProcessor, RunContext } from '@kiln/plugin-sdk';
import { RecordingUi } from '@kiln/plugin-sdk/testing';
import Docker from 'dockerode';
import { dockerBuilder } from '../builder.js';
import {
  engineUnavailable,
  provisionHook,
  TEST_IMAGE,
  testBuild,
  uniqueRepo,
} from '../test-kit.test-helper.js';
import { dockerImport } from './docker-import.js';
import { dockerPush } from './docker-push.js';
import { dockerSave } from './docker-save.js';
import { dockerTag } from './docker-tag.js';

const skip = await engineUnavailable();
const docker = new Docker();
const REGISTRY = process.env.KILN_TEST_REGISTRY ?? '127.0.0.1:5000';

async function registryUp(): Promise<boolean> {
  try {
    return (await fetch(`http://${REGISTRY}/v2/`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

function ctx(): RunContext {
  return { ui: new RecordingUi(), signal: new AbortController().signal, sessionId: 's' };
}

async function post(pp: PostProcessor, config: Record<string, unknown>, input: Artifact) {
  const prepared = await pp.configure(config, testBuild());
  return prepared.postProcess(ctx(), input);
}

async function build(config: Record<string, unknown>, marker: string): Promise<Artifact> {
  const prepared = await dockerBuilder().prepare({ image: TEST_IMAGE, pull: false, ...config }, testBuild());
  const artifact = await prepared.run({
    ui: new RecordingUi(),
    hook: provisionHook(async (comm) => {
      assert.equal(await comm.exec({ command: `echo ${marker} > /marker` }), 0);
    }),
    signal: new AbortController().signal,
    sessionId: 's',
    build: testBuild(),
  });
  assert.ok(artifact);
  return artifact;
}

function runImage(ref: string, command: string): string {
  return execFileSync('docker', ['run', '--rm', ref, 'sh', '-c', command], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('docker post-processors against the engine', { skip, timeout: 180_000 }, () => {
  const images: string[] = [];
  let work = '';
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'kiln-pp-test-'));
  });
  after(async () => {
    for (const i of images.reverse())
      await docker
        .getImage(i)
        .remove({ force: true })
        .catch(() => {});
    await rm(work, { recursive: true, force: true });
  });

  it('export_path then docker-import round-trips the filesystem', async () => {
    const path = join(work, 'export.tar');
    const exported = await build({ export_path: path }, 'exported');
    assert.equal(exported.builderId, 'packer.docker');
    assert.equal(exported.description, `Exported Docker image: ${path}`);
    assert.deepEqual(exported.files, [path]);
    assert.ok((await stat(path)).size > 1_000_000);
    const repo = uniqueRepo('kiln-test/import');
    const res = await post(
      dockerImport(),
      { repository: repo, tag: 'v1', changes: ['CMD ["/bin/sh"]', 'ENV IMPORTED=1'] },
      exported,
    );
    images.push(`${repo}:v1`);
    assert.equal(res.artifact?.builderId, 'packer.post-processor.docker-import');
    assert.equal(res.artifact?.id, `${repo}:v1`);
    assert.equal(runImage(`${repo}:v1`, 'cat /marker; echo $IMPORTED'), 'exported\n1\n');
    await assert.rejects(
      post(dockerImport(), { repository: repo }, { ...exported, builderId: 'other', files: [] }),
      /Unknown artifact type/,
    );
  });

  it('docker-tag tags (tags list and legacy tag), docker-save writes what docker load accepts', async () => {
    const committed = await build({ commit: true }, 'saved');
    images.push(committed.id);
    const repo = uniqueRepo('kiln-test/tag');
    const tagged = await post(dockerTag(), { repository: repo, tags: ['one', 'two'] }, committed);
    images.push(`${repo}:one`, `${repo}:two`);
    assert.equal(tagged.keep, true);
    assert.equal(tagged.forceOverride, true);
    assert.equal(tagged.artifact?.id, `${repo}:two`);
    assert.equal(
      tagged.artifact?.description,
      `Imported Docker image: ${repo}:two with tags ${repo}:one ${repo}:two`,
    );
    assert.deepEqual(tagged.artifact?.state.docker_tags, [`${repo}:one`, `${repo}:two`]);
    const legacy = await post(dockerTag(), { repository: repo, tag: 'three' }, committed);
    images.push(`${repo}:three`);
    assert.deepEqual(legacy.artifact?.state.docker_tags, [`${repo}:three`]);

    const path = join(work, 'saved.tar');
    const saved = await post(dockerSave(), { path }, tagged.artifact!);
    assert.deepEqual(saved.artifact?.files, [path]);
    await docker.getImage(`${repo}:one`).remove({ force: true });
    await docker.getImage(`${repo}:two`).remove({ force: true });
    await docker
      .getImage(`${repo}:three`)
      .remove({ force: true })
      .catch(() => {});
    await docker
      .getImage(committed.id)
      .remove({ force: true })
      .catch(() => {});
    execFileSync('docker', ['load', '-i', path], { stdio: 'ignore', timeout: 60_000 });
    assert.equal(runImage(`${repo}:two`, 'cat /marker'), 'saved\n');
    assert.equal(runImage(`${repo}:one`, 'cat /marker'), 'saved\n');
  });

  it('docker-push pushes every tag to the local registry and records the digest', async (t) => {
    if (!(await registryUp())) return t.skip(`no registry answers on ${REGISTRY} (run test/env/up.sh)`);
    const committed = await build({ commit: true }, 'pushed');
    images.push(committed.id);
    const name = `kiln-test/push-${Date.now().toString(36)}`;
    const repo = `${REGISTRY}/${name}`;
    const tagged = await post(dockerTag(), { repository: repo, tags: ['a', 'b'] }, committed);
    images.push(`${repo}:a`, `${repo}:b`);
    const pushed = await post(dockerPush(), {}, tagged.artifact!);
    assert.match(String(pushed.artifact?.state.digest), /^sha256:[0-9a-f]{64}$/);
    const list = (await (await fetch(`http://${REGISTRY}/v2/${name}/tags/list`)).json()) as {
      tags: string[];
    };
    assert.deepEqual(list.tags.sort(), ['a', 'b']);
    await assert.rejects(post(dockerPush(), {}, committed), /no repository to push to/);

    await docker.getImage(`${repo}:b`).remove({ force: true });
    const ui = new RecordingUi();
    const prepared = await dockerBuilder().prepare(
      { image: `${repo}:b`, pull: true, discard: true },
      testBuild(),
    );
    const marker: Buffer[] = [];
    await prepared.run({
      ui,
      hook: provisionHook(async (comm) => {
        await comm.exec({ command: 'cat /marker', stdout: (c) => marker.push(c) });
      }),
      signal: new AbortController().signal,
      sessionId: 's',
      build: testBuild(),
    });
    assert.ok(ui.lines.includes(`==> Pulling Docker image: ${repo}:b`));
    assert.ok(ui.updates.some((p) => p.done));
    assert.equal(Buffer.concat(marker).toString(), 'pushed\n');
  });
});
