import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScp } from './scp-server.js';

describe('scp requests', () => {
  it('recognises the sink and source modes and their path', () => {
    assert.deepEqual(parseScp('-t /tmp/x'), {
      mode: 'sink',
      recursive: false,
      targetIsDir: false,
      path: '/tmp/x',
    });
    assert.deepEqual(parseScp('-v -r -d -t -- /tmp/a dir'), {
      mode: 'sink',
      recursive: true,
      targetIsDir: true,
      path: '/tmp/a dir',
    });
    assert.deepEqual(parseScp("-f '/tmp/it'\\''s'"), {
      mode: 'source',
      recursive: false,
      targetIsDir: false,
      path: "/tmp/it's",
    });
    assert.equal(parseScp('/tmp/a /tmp/b'), undefined);
  });
});
