import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Hook } from '@kiln/plugin-sdk';
import { runSteps, stepProvision } from '@kiln/plugin-sdk';
import { RecordingUi } from '@kiln/plugin-sdk/testing';
import { prepareBuilderConfig } from '../config.js';
import { FakeDriver } from '../fake-driver.test-helper.js';
import type { Reaper } from '../reaper.js';
import type { DockerBuildState } from '../state.js';
import { testBuild } from '../test-kit.test-helper.js';
import { commitBaseConfig, stepCommit } from './step-commit.js';
import { stepDockerConnect } from './step-connect.js';
import { stepExport } from './step-export.js';
import { stepPull } from './step-pull.js';
import { BUILD_LABEL, RUN_LABEL, stepRun } from './step-run.js';
import { stepTempDir } from './step-temp-dir.js';

const noHook: Hook = { run: async () => {} };

function fakeReaper(): Reaper & { started: number } {
  return {
    started: 0,
    labels: () => ({ 'io.kiln.reaper': 'tok' }),
    tempPrefix: () => 'kiln-docker-test-',
    ensureStarted() {
      this.started++;
    },
    keep() {},
  };
}

function state(raw: Record<string, unknown>, driver = new FakeDriver(), hook = noHook): DockerBuildState {
  const { config, diagnostics } = prepareBuilderConfig({ image: 'base:latest', ...raw });
  assert.equal(diagnostics.hasErrors, false, JSON.stringify(diagnostics.items));
  return { config, build: testBuild('b.docker'), driver, hook, reaper: fakeReaper(), generatedData: {} };
}

const ctx = () => ({
  ui: new RecordingUi(),
  signal: new AbortController().signal,
  build: testBuild(),
  failure: undefined,
  replaceFailure() {},
});

describe('docker builder steps', () => {
  it('temp-dir creates the shared directory; cleanup removes it', async () => {
    const s = state({ commit: true });
    await stepTempDir.run(s, ctx());
    const dir = s.tempDir!;
    assert.ok(existsSync(dir));
    await stepTempDir.cleanup!(s, ctx());
    assert.ok(!existsSync(dir));
  });

  it('pull = false never pulls and fails clearly on a missing image', async () => {
    const driver = new FakeDriver();
    const s = state({ commit: true, pull: false }, driver);
    await stepPull.run(s, ctx());
    assert.deepEqual(driver.names(), ['inspectImage']);
    assert.deepEqual(s.baseImage?.cmd, ['/bin/sh']);
    const missing = state({ commit: true, pull: false, image: 'nope:1' }, driver);
    await assert.rejects(stepPull.run(missing, ctx()), /not present locally and pull = false/);
  });

  it('pull pulls with progress and login credentials', async () => {
    const driver = new FakeDriver();
    const ui = new RecordingUi();
    const s = state(
      {
        commit: true,
        image: 'reg.example:5000/app:1',
        login: true,
        login_username: 'u',
        login_password: 'p',
      },
      driver,
    );
    await stepPull.run(s, { ui, signal: new AbortController().signal });
    assert.deepEqual(driver.names(), ['pull', 'inspectImage']);
    const opts = driver.calls[0]!.args[1] as { auth: { serveraddress: string; username: string } };
    assert.equal(opts.auth.serveraddress, 'reg.example:5000');
    assert.equal(opts.auth.username, 'u');
    assert.ok(ui.lines.includes('==> Pulling Docker image: reg.example:5000/app:1'));
    assert.ok(ui.updates.some((p) => p.done && p.total === 10));
  });

  it('a failed pull says what to do', async () => {
    const driver = new FakeDriver();
    driver.failures.set('pull', new Error('(HTTP code 500) server error - dial tcp: no route to host'));
    await assert.rejects(
      stepPull.run(state({ commit: true }, driver), ctx()),
      /Pulling base:latest failed: dial tcp: no route to host\nIf the image exists locally, set pull = false/,
    );
  });

  it('run creates a labelled container with the options; cleanup removes it', async () => {
    const driver = new FakeDriver();
    const s = state(
      {
        commit: true,
        privileged: true,
        cap_add: ['SYS_ADMIN'],
        tmpfs: ['/run:size=1m'],
        device: ['/dev/fuse'],
        volumes: { '/h': '/c' },
        runtime: 'runc',
      },
      driver,
    );
    s.tempDir = '/tmp/shared';
    const ui = new RecordingUi();
    await stepRun.run(s, { ui, signal: new AbortController().signal });
    const spec = driver.containers.get(s.containerId!)!.spec;
    assert.equal(spec.labels[RUN_LABEL], s.build.runId);
    assert.equal(spec.labels[BUILD_LABEL], 'b.docker');
    assert.equal(spec.labels['io.kiln.reaper'], 'tok');
    assert.deepEqual(spec.binds, ['/tmp/shared:/packer-files', '/h:/c']);
    assert.deepEqual(spec.entrypoint, ['/bin/sh']);
    assert.equal(spec.privileged, true);
    assert.deepEqual(spec.capAdd, ['SYS_ADMIN']);
    assert.deepEqual(spec.tmpfs, { '/run': 'size=1m' });
    assert.deepEqual(spec.devices, [
      { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' },
    ]);
    assert.equal(spec.runtime, 'runc');
    assert.equal((s.reaper as ReturnType<typeof fakeReaper>).started, 1);
    assert.ok(driver.containers.get(s.containerId!)!.running);
    assert.equal(s.generatedData.ContainerIp, '172.17.0.9');
    assert.equal(s.generatedData.ContainerId, s.containerId);
    assert.ok(
      ui.lines.includes(
        '    Run command: docker run -v /tmp/shared:/packer-files -v /h:/c -d -i -t --entrypoint=/bin/sh -- base:latest',
      ),
    );
    const id = s.containerId!;
    await stepRun.cleanup!(s, ctx());
    assert.ok(!driver.containers.has(id));
    assert.equal(s.containerId, undefined);
  });

  it('connect makes a communicator to the container', async () => {
    const s = state({ commit: true, exec_user: 'app' });
    s.containerId = 'c1';
    s.containerIp = '172.17.0.9';
    const ui = new RecordingUi();
    await stepDockerConnect.run(s, { ui, signal: new AbortController().signal });
    assert.ok(s.communicator);
    assert.ok(ui.lines.includes('==> Using docker communicator to connect: 172.17.0.9'));
    await stepDockerConnect.cleanup!(s, ctx());
    assert.equal(s.communicator, undefined);
  });

  it('provision runs the hook with the communicator', async () => {
    const seen: string[] = [];
    const s = state({ commit: true }, new FakeDriver(), {
      run: async (name, comm) => void seen.push(`${name}:${comm ? 'comm' : 'none'}`),
    });
    s.containerId = 'c1';
    await stepDockerConnect.run(s, ctx());
    await stepProvision<DockerBuildState>().run(s, ctx());
    assert.deepEqual(seen, ['provision:comm']);
  });

  it("commit starts from the base image's entrypoint and cmd and applies changes", async () => {
    const driver = new FakeDriver();
    driver.addImage('ep:1', { entrypoint: ['/entry'], cmd: ['arg'] });
    const s = state(
      { commit: true, image: 'ep:1', changes: ['ENV A=1'], author: 'me', message: 'm' },
      driver,
    );
    s.containerId = 'c1';
    s.baseImage = driver.images.get('ep:1');
    const ui = new RecordingUi();
    await stepCommit.run(s, { ui, signal: new AbortController().signal });
    const opts = driver.calls.at(-1)!.args[1] as {
      changes: string[];
      author: string;
      message: string;
      config: { Entrypoint: string[]; Cmd: string[]; Labels: Record<string, string> };
    };
    assert.deepEqual(opts.changes, ['ENV A=1']);
    assert.equal(opts.author, 'me');
    assert.deepEqual(opts.config.Entrypoint, ['/entry']);
    assert.deepEqual(opts.config.Cmd, ['arg']);
    assert.equal(opts.config.Labels[RUN_LABEL], '');
    assert.match(s.imageId!, /^sha256:/);
    assert.ok(ui.lines.includes(`    Image ID: ${s.imageId}`));
    assert.deepEqual(
      commitBaseConfig({ ...s, baseImage: { ...s.baseImage!, entrypoint: null, cmd: null } }, []),
      {
        Entrypoint: [],
        Labels: {},
      },
    );
  });

  it('export writes the tar; a failed export leaves no partial file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-step-export-'));
    try {
      const driver = new FakeDriver();
      const s = state({ export_path: join(dir, 'sub/out.tar') }, driver);
      s.containerId = 'c1';
      await stepExport.run(s, ctx());
      assert.equal(await readFile(join(dir, 'sub/out.tar'), 'utf8'), 'tar bytes');
      driver.failures.set('exportContainer', new Error('engine went away'));
      const failing = state({ export_path: join(dir, 'fail.tar') }, driver);
      failing.containerId = 'c1';
      await assert.rejects(stepExport.run(failing, ctx()), /engine went away/);
      assert.ok(!existsSync(join(dir, 'fail.tar')));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a failure after run still removes the container and the temp dir', async () => {
    const driver = new FakeDriver();
    const s = state({ commit: true, pull: false }, driver, {
      run: async () => {
        throw new Error('provisioner failed');
      },
    });
    await assert.rejects(
      runSteps(
        [stepTempDir, stepPull, stepRun, stepDockerConnect, stepProvision<DockerBuildState>(), stepCommit],
        s,
        ctx(),
      ),
      /provisioner failed/,
    );
    assert.equal(driver.containers.size, 0);
    assert.ok(driver.names().includes('removeContainer'));
    assert.ok(!driver.names().includes('commit'));
    assert.equal(s.tempDir, undefined);
  });
});
