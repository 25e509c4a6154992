import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StepCacheEntry } from '@kiln/plugin-sdk';
import { entriesToPrune, parseAge, parseSize } from './prune.js';

const entry = (key: string, createdAt: string, sizeBytes: number, step = 1): StepCacheEntry => ({
  key,
  id: `kiln-cache:${key}`,
  sizeBytes,
  createdAt,
  builderType: 'docker',
  info: { template: 't', buildName: 'b', step, provisionerType: 'shell', runId: 'r', parentKey: '' },
});

describe('step cache prune', () => {
  const now = Date.parse('2026-01-10T00:00:00Z');
  const a = entry('a', '2026-01-01T00:00:00Z', 300);
  const b = entry('b', '2026-01-08T00:00:00Z', 200);
  const c = entry('c', '2026-01-09T12:00:00Z', 100);

  it('removes what is older than the limit', () => {
    assert.deepEqual(entriesToPrune([a, b, c], { olderThanMs: 3 * 86_400_000, now }), [a]);
    assert.deepEqual(entriesToPrune([a, b, c], { now }), []);
  });

  it('removes the oldest until the rest fit in the cap', () => {
    assert.deepEqual(entriesToPrune([c, b, a], { maxSizeBytes: 250, now }), [b, a]);
    assert.deepEqual(entriesToPrune([c, b, a], { maxSizeBytes: 300, now }), [a]);
    assert.deepEqual(entriesToPrune([a, b, c], { maxSizeBytes: 600, now }), []);
    assert.deepEqual(entriesToPrune([a, b, c], { maxSizeBytes: 0, now }), [a, b, c]);
  });

  it('parses sizes and ages, and refuses what is not one', () => {
    assert.equal(parseSize('10GB'), 10e9);
    assert.equal(parseSize('1.5 MiB'), 1.5 * 1024 * 1024);
    assert.equal(parseSize('0'), 0);
    assert.equal(parseSize('ten'), undefined);
    assert.equal(parseSize('5 parsecs'), undefined);
    assert.equal(parseAge('7d'), 7 * 86_400_000);
    assert.equal(parseAge('36h'), 36 * 3_600_000);
    assert.equal(parseAge('5'), undefined);
    assert.equal(parseAge('-1h'), undefined);
  });
});
