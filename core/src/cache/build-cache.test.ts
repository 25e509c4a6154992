import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Builder, CacheableMachine, StepCacheEntry } from '@kiln/plugin-sdk';
import { type ProvisionState, runSteps, stepProvision } from '@kiln/plugin-sdk';
import {
  fakeProvisioner,
  flags,
  journal,
  plan,
  pp,
  prov,
  recordingSink,
  resetJournal,
  resolver,
} from '../build/fakes.test-helper.js';
import { prepareBuilds } from '../build/prepare.js';
import { runBuilds } from '../build/run-builds.js';
import type { BuildPlan } from '../config/model.js';
import type { CacheStepEvent } from '../ui/events.js';

/** Entries of the fake builder's cache: key -> the journal of the machine at that point. */
const store = new Map<string, string[]>();
let loseEntryOnRun = false;

/** A builder whose machine is its journal: saving copies it, restoring starts from a copy. */
const cachedBuilder = (cacheable = true): Builder => ({
  schema: { attributes: {}, open: true },
  capabilities: cacheable ? ['step_cache'] : [],
  async prepare(config) {
    return {
      ...(cacheable
        ? {
            stepCache: {
              base: async () => String(config.base ?? 'base-1'),
              check: async (keys: string[]) => keys.filter((k) => store.has(k)),
            },
          }
        : {}),
      async run(ctx) {
        let restoredKey: string | undefined;
        if (ctx.startFrom && !loseEntryOnRun && store.has(ctx.startFrom)) restoredKey = ctx.startFrom;
        journal.push(`start:${restoredKey ? store.get(restoredKey)!.join('+') : 'scratch'}`);
        if (ctx.startFrom) journal.push(`start-from-last:${ctx.startFromLast === true}`);
        const machine: CacheableMachine = {
          ...(restoredKey ? { restoredKey } : {}),
          async save(key, info): Promise<StepCacheEntry> {
            store.set(
              key,
              journal.filter((j) => j.startsWith('a:provision:')),
            );
            return { key, id: `e${info.step}`, sizeBytes: 10, createdAt: '', builderType: 'fake', info };
          },
        };
        const state: ProvisionState = { hook: ctx.hook, generatedData: {}, machine };
        await runSteps([stepProvision()], state, ctx);
        return { builderId: 'fake', id: 'img', files: [], description: 'img', state: {} };
      },
    };
  },
});

async function build(p: BuildPlan, cacheable = true) {
  const r = {
    ...resolver,
    builder: async () => cachedBuilder(cacheable),
    provisioner: async () => fakeProvisioner,
  };
  const { builds } = await prepareBuilds([p], r, flags);
  const sink = recordingSink();
  const outcome = await runBuilds(builds, {
    sink,
    parallel: 0,
    debug: false,
    signal: new AbortController().signal,
    cache: { template: 't.pkr.hcl', maxSizeBytes: 0 },
  });
  const steps = sink.events
    .filter((e): e is CacheStepEvent => e.type === 'cache-step')
    .map((e) => `${e.step}:${e.action}`);
  return {
    outcome,
    steps,
    lines: sink.lines(),
    provisioned: journal.filter((j) => j.startsWith('a:provision:')),
  };
}

const three = (second = 'two', extra: Partial<BuildPlan> = {}) =>
  plan('a', {
    provisioners: [prov({ say: 'one' }), prov({ say: second }), prov({ say: 'three' })],
    postProcessors: [[pp({ id: 'p1' })]],
    ...extra,
  });

describe('the step cache in a build', () => {
  beforeEach(() => {
    resetJournal();
    store.clear();
    loseEntryOnRun = false;
  });

  it('cold: every provisioner runs and is saved; warm: none runs, post-processors do', async () => {
    const cold = await build(three());
    assert.equal(cold.outcome.exitCode, 0);
    assert.deepEqual(cold.steps, ['1:ran', '1:saved', '2:ran', '2:saved', '3:ran', '3:saved']);
    assert.equal(store.size, 3);
    resetJournal();
    const warm = await build(three());
    assert.deepEqual(warm.steps, ['1:restored', '2:restored', '3:restored']);
    assert.deepEqual(warm.provisioned, []);
    assert.ok(
      journal.includes('start:a:provision:one+a:provision:two+a:provision:three'),
      journal.join('\n'),
    );
    assert.ok(journal.includes('pp:p1:img'));
    assert.ok(journal.includes('start-from-last:true'), 'the builder is told that nothing will run');
  });

  it('a changed provisioner runs again with every later one; the earlier is restored', async () => {
    await build(three());
    resetJournal();
    const r = await build(three('TWO'));
    assert.ok(journal.includes('start-from-last:false'), journal.join('\n'));
    assert.deepEqual(r.steps, ['1:restored', '2:ran', '2:saved', '3:ran', '3:saved']);
    assert.deepEqual(r.provisioned, ['a:provision:TWO', 'a:provision:three']);
  });

  it('a changed base runs everything', async () => {
    await build(three());
    resetJournal();
    const r = await build(
      three('two', { builder: { ...three().builder, evaluate: () => ({ base: 'base-2' }) } }),
    );
    assert.deepEqual(r.provisioned, ['a:provision:one', 'a:provision:two', 'a:provision:three']);
  });

  it('a failed step keeps the earlier entries; the fixed build resumes there', async () => {
    const failing = plan('a', {
      provisioners: [prov({ say: 'one' }), prov({ say: 'two' }), prov({ say: 'three', fail: true })],
    });
    const f = await build(failing);
    assert.equal(f.outcome.exitCode, 1);
    assert.deepEqual(f.steps, ['1:ran', '1:saved', '2:ran', '2:saved']);
    resetJournal();
    const fixed = await build(three());
    assert.deepEqual(fixed.steps, ['1:restored', '2:restored', '3:ran', '3:saved']);
    assert.deepEqual(fixed.provisioned, ['a:provision:three']);
  });

  it('an entry the builder cannot start from is a miss: everything runs', async () => {
    await build(three());
    resetJournal();
    loseEntryOnRun = true;
    const r = await build(three());
    assert.equal(r.outcome.exitCode, 0);
    assert.deepEqual(r.provisioned, ['a:provision:one', 'a:provision:two', 'a:provision:three']);
    assert.ok(
      r.lines.some((l) => l.includes('the entry is gone; starting from scratch')),
      r.lines.join('\n'),
    );
  });

  it('nothing is saved after a step that failed under continue_on_error', async () => {
    const p = plan('a', {
      provisioners: [
        prov({ say: 'one' }),
        prov({ say: 'two', fail: true }, { continueOnError: true }),
        prov({ say: 'three' }),
      ],
    });
    const r = await build(p);
    assert.equal(r.outcome.exitCode, 0);
    assert.deepEqual(r.steps, ['1:ran', '1:saved', '2:ran', '3:ran']);
  });

  it('a builder without a step cache runs every provisioner and says so', async () => {
    const r = await build(three(), false);
    assert.equal(r.outcome.exitCode, 0);
    assert.deepEqual(r.steps, []);
    assert.equal(r.provisioned.length, 3);
    assert.ok(r.lines.some((l) => l.includes('cannot save machine states; every provisioner runs')));
  });
});
