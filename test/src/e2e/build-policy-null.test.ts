import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasStackTrace, kiln, withTemplate } from './cli-helpers.js';

/** -on-error with the null builder (core's built-in, same step runner as the plugins). */

const template = {
  builders: [{ type: 'null', communicator: 'none' }],
  provisioners: [{ type: 'shell-local', inline: ['echo ran', 'exit 4'] }],
};

describe('build policy with the null builder (kiln binary)', () => {
  it('-on-error=abort says so as Packer and prints the cleanup command, which finds nothing of the null builder', async () => {
    await withTemplate({ 't.json': template }, async (dir) => {
      const r = await kiln(['build', '-on-error=abort', 't.json'], dir);
      const out = r.stdout + r.stderr;
      assert.equal(r.code, 1, out);
      assert.match(out, /==> null: Step "provision" failed, aborting\.\.\./);
      assert.match(out, /==> null: aborted: skipping cleanup of step "connect"/);
      const run = /kiln cleanup -run (\S+) -force/.exec(out)?.[1];
      assert.ok(run, out);
      assert.ok(!hasStackTrace(out), out);
      const listed = await kiln(['cleanup', '-run', run], dir, { AWS_REGION: '', AWS_DEFAULT_REGION: '' });
      assert.equal(listed.code, 0, listed.stdout + listed.stderr);
      assert.match(listed.stdout, /^Nothing left behind\.$/m);
    });
  });

  it('-on-error=cleanup (the default) says nothing of aborting', async () => {
    await withTemplate({ 't.json': template }, async (dir) => {
      const r = await kiln(['build', 't.json'], dir);
      assert.equal(r.code, 1);
      assert.ok(!/aborting|kiln cleanup/.test(r.stdout + r.stderr), r.stdout);
    });
  });
});
