import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runConformance } from '@kiln/plugin-sdk/conformance';
import { BUILD_LABEL } from './steps/step-run.js';
import { containersLabelled, engineUnavailable, TEST_IMAGE } from './test-kit.test-helper.js';

const skip = await engineUnavailable();
const pkgDir = fileURLToPath(new URL('..', import.meta.url));

async function gone(label: string, value: string, withinMs: number): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  let left = await containersLabelled(label, value);
  while (left.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    left = await containersLabelled(label, value);
  }
  return left;
}

describe('the docker plugin as a process', { skip, timeout: 180_000 }, () => {
  it('passes the run checks of the conformance kit; a SIGKILLed plugin leaves no container behind', async () => {
    let afterCrash: Promise<string[]> | undefined;
    const report = await runConformance(pkgDir, {
      fixtures: { docker: { image: TEST_IMAGE, pull: false, discard: true } },
      onCheck: (r) => {
        if (r.id.startsWith('crash')) afterCrash = gone(BUILD_LABEL, 'conformance.docker', 5_000);
      },
    });
    const mine = /^(handshake|describe|schema:|cancel:builder\/docker|crash|stdin|leaks)/;
    const failed = report.checks.filter((c) => c.status === 'fail' && mine.test(c.id));
    assert.deepEqual(
      failed.map((c) => `${c.id}: ${c.reason}\n${c.details.join('\n')}`),
      [],
    );
    const crash = report.checks.find((c) => c.id.startsWith('crash'));
    assert.equal(crash?.status, 'pass', crash?.reason);
    assert.ok(afterCrash, 'the crash check ran');
    assert.deepEqual(await afterCrash, [], 'containers of the killed plugin are still there after 5 s');
    assert.deepEqual(await gone(BUILD_LABEL, 'conformance.docker', 5_000), []);
  });
});
