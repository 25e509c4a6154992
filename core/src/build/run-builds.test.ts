import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { TemplateError } from '../config/source-range.js';
import {
  flags,
  journal,
  maxRunning,
  plan,
  pp,
  prov,
  recordingSink,
  resetJournal,
  resolver,
} from './fakes.test-helper.js';
import { prepareBuilds } from './prepare.js';
import { runBuilds } from './run-builds.js';

beforeEach(resetJournal);

async function run(
  plans: ReturnType<typeof plan>[],
  opts: {
    parallel?: number;
    signal?: AbortSignal;
    onError?: typeof flags.onError;
    drain?: () => Promise<void>;
  } = {},
) {
  const { builds } = await prepareBuilds(plans, resolver, { ...flags, onError: opts.onError ?? 'cleanup' });
  const sink = recordingSink();
  const outcome = await runBuilds(builds, {
    sink,
    parallel: opts.parallel ?? 0,
    debug: false,
    signal: opts.signal ?? new AbortController().signal,
    ...(opts.drain ? { drain: opts.drain } : {}),
  });
  return { outcome, sink };
}

test('provisioners run in order inside the builder, then post-processors; cleanups after', async () => {
  const { outcome, sink } = await run([
    plan('a', {
      provisioners: [prov({ say: 'one' }), prov({ say: 'two' })],
      postProcessors: [[pp({ id: 'p1' })]],
    }),
  ]);
  assert.equal(outcome.exitCode, 0);
  assert.deepEqual(journal, [
    'a:create',
    'a:provision:one',
    'a:provision:two',
    'a:cleanup',
    'pp:p1:a',
    'destroy:a',
  ]);
  assert.deepEqual(sink.lines(), [
    'a: one',
    'a: two',
    'a: Running post-processor: fake',
    'a (fake): processing a',
  ]);
  assert.deepEqual(
    outcome.builds[0]?.artifacts.map((x) => x.id),
    ['p1'],
  );
});

test('only/except and override apply per build', async () => {
  await run([
    plan('a', {
      provisioners: [
        prov({ say: 'x' }, { only: ['b'] }),
        prov({ say: 'y' }, { except: ['b'], override: { a: { say: 'overridden' } } }),
      ],
    }),
    plan('b', { provisioners: [prov({ say: 'x' }, { only: ['b'] }), prov({ say: 'y' }, { except: ['b'] })] }),
  ]);
  assert.deepEqual(journal.filter((l) => l.includes('provision')).sort(), [
    'a:provision:overridden',
    'b:provision:x',
  ]);
});

test('-parallel-builds limits concurrency; 0 is unlimited', async () => {
  const plans = ['a', 'b', 'c'].map((n) => plan(n, { body: { sleep: 30 } }));
  await run(plans, { parallel: 1 });
  assert.equal(maxRunning, 1);
  resetJournal();
  await run(plans, { parallel: 0 });
  assert.equal(maxRunning, 3);
});

test('cancel stops every build and runs its cleanups', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const { outcome, sink } = await run(
    [
      plan('a', { body: { sleep: 10_000 }, postProcessors: [[pp({ id: 'p' })]] }),
      plan('b', { body: { sleep: 10_000 } }),
    ],
    {
      signal: controller.signal,
      drain: async () => {
        journal.push('drain');
      },
    },
  );
  assert.equal(outcome.exitCode, 1);
  assert.equal(outcome.interrupted, true);
  assert.equal(journal.filter((l) => l === 'drain').length, 1, 'plugins drain their cleanups once');
  assert.deepEqual(journal.filter((l) => l.endsWith('cleanup')).sort(), ['a:cleanup', 'b:cleanup']);
  assert.ok(!journal.some((l) => l.startsWith('pp:')));
  assert.deepEqual(
    outcome.builds.map((b) => b.error),
    ['Build was cancelled.', 'Build was cancelled.'],
  );
  assert.ok(sink.events.some((e) => e.type === 'notice' && e.text.includes('Cleanly cancelled')));
});

test('keep_input_artifact: the user keeps or drops, forced keeps win', async () => {
  let r = await run([plan('a', { postProcessors: [[pp({ id: 'p' }, true)]] })]);
  assert.deepEqual(
    r.outcome.builds[0]?.artifacts.map((x) => x.id),
    ['a', 'p'],
  );
  assert.ok(!journal.includes('destroy:a'));
  resetJournal();
  r = await run([plan('a', { postProcessors: [[pp({ id: 'p', keep: true, force: true }, false)]] })]);
  assert.deepEqual(
    r.outcome.builds[0]?.artifacts.map((x) => x.id),
    ['a', 'p'],
  );
  resetJournal();
  r = await run([plan('a', { postProcessors: [[pp({ id: 'p', keep: true }, false)]] })]);
  assert.deepEqual(
    r.outcome.builds[0]?.artifacts.map((x) => x.id),
    ['p'],
  );
  assert.ok(journal.includes('destroy:a'));
});

test('a chain passes artifacts along and destroys unkept intermediates', async () => {
  const { outcome } = await run([
    plan('a', { postProcessors: [[pp({ id: 'p1' }), pp({ id: 'p2' })], [pp({ id: 'p3' })]] }),
  ]);
  assert.deepEqual(
    journal.filter((l) => l.startsWith('pp:')),
    ['pp:p1:a', 'pp:p2:p1', 'pp:p3:a'],
  );
  assert.deepEqual(
    outcome.builds[0]?.artifacts.map((x) => x.id),
    ['p2', 'p3'],
  );
  assert.deepEqual(journal.filter((l) => l.startsWith('destroy')).sort(), ['destroy:a', 'destroy:p1']);
});

test('the artifact list has no duplicates (a pass-through post-processor)', async () => {
  const { outcome } = await run([
    plan('a', { postProcessors: [[pp({ id: 'm', passthrough: true, keep: true })]] }),
  ]);
  assert.deepEqual(
    outcome.builds[0]?.artifacts.map((x) => x.id),
    ['a'],
  );
  assert.ok(!journal.includes('destroy:a'));
});

test('a failing post-processor fails the build but other chains run', async () => {
  const { outcome } = await run([
    plan('a', { postProcessors: [[pp({ id: 'x', fail: true })], [pp({ id: 'y' })]] }),
  ]);
  assert.equal(outcome.exitCode, 1);
  assert.equal(outcome.builds[0]?.error, 'Post-processor failed: pp broke');
  assert.ok(journal.includes('pp:y:a'));
});

test('on error the cleanup provisioner runs, except with -on-error=abort', async () => {
  const p = () =>
    plan('a', {
      provisioners: [prov({ say: 'boom', fail: true })],
      errorCleanupProvisioner: prov({ say: 'tidy' }),
    });
  const { outcome } = await run([p()]);
  assert.equal(outcome.builds[0]?.error, 'failed boom');
  assert.deepEqual(journal, ['a:create', 'a:provision:boom', 'a:provision:tidy', 'a:cleanup']);
  resetJournal();
  await run([p()], { onError: 'abort' });
  assert.ok(!journal.includes('a:provision:tidy'));
  resetJournal();
  await run([p()], { onError: 'run-cleanup-provisioner' });
  assert.deepEqual(journal, ['a:create', 'a:provision:boom', 'a:provision:tidy']);
});

test('a failing cleanup provisioner becomes the build error, naming the original one', async () => {
  const { outcome } = await run([
    plan('a', {
      provisioners: [prov({ say: 'boom', fail: true })],
      errorCleanupProvisioner: prov({ say: 'tidy', fail: true }),
    }),
  ]);
  assert.equal(
    outcome.builds[0]?.error,
    'Cleanup failed: failed tidy. Original Provisioning error: failed boom',
  );
  assert.deepEqual(journal, ['a:create', 'a:provision:boom', 'a:provision:tidy', 'a:cleanup']);
});

test('prepare reports every configuration error at its place', async () => {
  await assert.rejects(
    prepareBuilds([plan('a', { body: { bad: true } }), plan('b', { body: { bad: true } })], resolver, flags),
    (e: unknown) => {
      assert.ok(e instanceof TemplateError);
      assert.equal(e.diagnostics.length, 2);
      assert.equal(e.diagnostics[0]?.summary, 'bad is not allowed');
      assert.equal(e.diagnostics[0]?.range?.start.line, 2);
      return true;
    },
  );
});
