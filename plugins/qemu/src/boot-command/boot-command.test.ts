import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SHIFT, SPECIAL_KEYS } from './keysyms.js';
import { parseBootCommand } from './parse.js';
import { typeActions } from './type.js';

describe('boot_command', () => {
  it("parses Packer's key syntax", () => {
    assert.deepEqual(
      parseBootCommand('a<enter><wait><wait5><wait1m30s><wait250ms><leftCtrlOn>c<leftCtrlOff><F2><nope>'),
      [
        { kind: 'char', char: 'a' },
        { kind: 'key', key: 'enter', action: 'press' },
        { kind: 'wait', ms: 1000 },
        { kind: 'wait', ms: 5000 },
        { kind: 'wait', ms: 90_000 },
        { kind: 'wait', ms: 250 },
        { kind: 'key', key: 'leftCtrl', action: 'down' },
        { kind: 'char', char: 'c' },
        { kind: 'key', key: 'leftCtrl', action: 'up' },
        { kind: 'key', key: 'f2', action: 'press' },
        ...'<nope>'.split('').map((char) => ({ kind: 'char' as const, char })),
      ],
    );
    assert.throws(() => parseBootCommand('<wait5x>'), /not a duration/);
  });

  it('types keys with shift where a US keyboard needs it', async () => {
    const events: [number, boolean][] = [];
    await typeActions(
      parseBootCommand('A_b<esc><spacebar>'),
      { key: (k, d) => events.push([k, d]) },
      0,
      new AbortController().signal,
    );
    assert.deepEqual(events, [
      [SHIFT, true],
      [0x41, true],
      [0x41, false],
      [SHIFT, false],
      [SHIFT, true],
      [0x5f, true],
      [0x5f, false],
      [SHIFT, false],
      [0x62, true],
      [0x62, false],
      [SPECIAL_KEYS.esc!, true],
      [SPECIAL_KEYS.esc!, false],
      [0x20, true],
      [0x20, false],
    ]);
  });

  it('stops typing when cancelled', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(typeActions(parseBootCommand('<wait10>x'), { key() {} }, 0, ac.signal), /abort/i);
  });
});
