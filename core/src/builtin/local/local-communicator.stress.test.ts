import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Communicator } from '@kiln/plugin-sdk';
import { stressCommunicator } from '@kiln/plugin-sdk/conformance';
import { tempDir } from '../testing/temp-dir.test-helper.js';
import { LocalCommunicator } from './local-communicator.js';

test('local communicator: concurrent transfers under load arrive whole, cancellations leave nothing', async () => {
  await using dir = await tempDir('kiln-stress-local-');
  await mkdir(join(dir.path, 'machine'));
  await using comm = new LocalCommunicator({ root: join(dir.path, 'machine') });
  const report = await stressCommunicator({
    communicator: comm,
    remoteDir: join(dir.path, 'machine', 'stress'),
    localDir: join(dir.path, 'local'),
  });
  assert.ok(report.uploads >= 150 && report.downloads >= 150, JSON.stringify(report));
  assert.equal(report.cancellations, 3);
});

test('the stress run catches a communicator that resolves before its bytes are in place', async () => {
  await using dir = await tempDir('kiln-stress-faulty-');
  await mkdir(join(dir.path, 'machine'));
  await using inner = new LocalCommunicator({ root: join(dir.path, 'machine') });
  const faulty: Communicator = {
    exec: (...a) => inner.exec(...a),
    // Resolves at once, while the bytes are still on their way.
    upload: async (...a) => void inner.upload(...a).catch(() => {}),
    uploadDir: (...a) => inner.uploadDir(...a),
    download: (...a) => inner.download(...a),
    downloadDir: (...a) => inner.downloadDir(...a),
  };
  await assert.rejects(
    stressCommunicator({
      communicator: faulty,
      remoteDir: join(dir.path, 'machine', 'stress'),
      localDir: join(dir.path, 'local'),
      smallFiles: 4,
      largeBytes: 4 << 20,
      treeFiles: 5,
    }),
    /transfer problem|resolved although it was cancelled/,
  );
});
