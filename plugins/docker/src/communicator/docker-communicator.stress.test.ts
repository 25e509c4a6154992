import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stressCommunicator } from '@kiln/plugin-sdk/conformance';
import { DockerodeDriver } from '../dockerode-driver.js';
import { processReaper } from '../reaper.js';
import { engineUnavailable, TEST_IMAGE } from '../test-kit.test-helper.js';
import { DockerCommunicator } from './docker-communicator.js';

const skip = await engineUnavailable();

describe('docker communicator under stress', { skip, timeout: 300_000 }, () => {
  const driver = new DockerodeDriver();
  let id = '';
  let work = '';
  let shared = '';
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'kiln-stress-docker-'));
    shared = join(work, 'shared');
    await mkdir(shared);
    const reaper = processReaper();
    reaper.ensureStarted();
    id = await driver.createContainer({
      image: TEST_IMAGE,
      entrypoint: ['/bin/sh'],
      cmd: [],
      env: [],
      labels: { ...reaper.labels(), 'io.kiln.test': 'communicator-stress' },
      binds: [`${shared}:/kiln-shared`],
      tty: true,
      openStdin: true,
      privileged: false,
      capAdd: [],
      capDrop: [],
      tmpfs: {},
      devices: [],
    });
    await driver.startContainer(id);
  });
  after(async () => {
    if (id) await driver.removeContainer(id);
    await rm(work, { recursive: true, force: true });
  });

  for (const viaShared of [false, true]) {
    it(`${viaShared ? 'shared directory' : 'archive API'}: transfers arrive whole, cancellations leave nothing`, async () => {
      const comm = new DockerCommunicator(driver, id, {
        fixUploadOwner: false,
        ...(viaShared ? { shared: { hostDir: shared, containerDir: '/kiln-shared' } } : {}),
      });
      const report = await stressCommunicator({
        communicator: comm,
        remoteDir: `/stress-${viaShared ? 'shared' : 'archive'}`,
        localDir: join(work, `local-${viaShared}`),
        smallFiles: 8,
        largeBytes: 8 << 20,
        treeFiles: 60,
        concurrency: 4,
      });
      assert.ok(report.uploads >= 68 && report.downloads >= 68, JSON.stringify(report));
      assert.equal(report.cancellations, 3);
    });
  }
});
