import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { freePortInRange } from './ports.js';

describe('port ranges', () => {
  it('never hands out the same port twice in a row, and says when a range is full', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const base = (probe.address() as { port: number }).port;
    probe.close();
    const a = await freePortInRange('127.0.0.1', base, base + 1, 'test');
    const b = await freePortInRange('127.0.0.1', base, base + 1, 'test');
    assert.notEqual(a, b);
    await assert.rejects(
      freePortInRange('127.0.0.1', base, base + 1, 'the test range'),
      /No free port for the test range/,
    );
  });
});
