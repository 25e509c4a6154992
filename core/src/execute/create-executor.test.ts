import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createExecutor } from './create-executor.js';
import { localExecutor } from './local-executor.js';

test('in a build pod (KILN_POD_FILES) the local executor sends the files back; a bad KILN_KUBERNETES_FILES_MAX_SIZE is named', async () => {
  assert.equal(await createExecutor('local', { env: {} }), localExecutor);
  const pod = await createExecutor('local', { env: { KILN_POD_FILES: '{"dir":"/build","maxBytes":1024}' } });
  assert.notEqual(pod, localExecutor);
  assert.equal(pod.name, 'local');
  await assert.rejects(
    createExecutor('kubernetes', { env: { KILN_KUBERNETES_FILES_MAX_SIZE: 'lots' } }),
    /KILN_KUBERNETES_FILES_MAX_SIZE="lots" is not a size/,
  );
  assert.equal(
    (
      await createExecutor('kubernetes', {
        env: { KILN_KUBERNETES_FILES_MAX_SIZE: '1MiB' },
        filesMaxSize: 'x',
      })
    ).name,
    'kubernetes',
  );
});
