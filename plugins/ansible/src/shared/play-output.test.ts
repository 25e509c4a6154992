import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlayOutput } from './play-output.js';

describe('play output', () => {
  it('keeps the last recap, the failures and the unreachable hosts', () => {
    const o = new PlayOutput();
    for (const l of [
      'TASK [raw] ****',
      'fatal: [default]: FAILED! => {"changed": true, "msg": "non-zero return code", "rc": 3}',
      'fatal: [web1]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect to the host via ssh: refused", "unreachable": true}',
      '',
      'PLAY RECAP *********',
      'default : ok=1 changed=1 unreachable=0 failed=1',
      'web1 : ok=0 changed=0 unreachable=1 failed=0',
      '',
    ])
      o.line(l);
    assert.deepEqual(o.failed, [{ host: 'default', message: 'non-zero return code' }]);
    assert.deepEqual(o.unreachable, [
      { host: 'web1', message: 'Failed to connect to the host via ssh: refused' },
    ]);
    assert.equal(
      o.summary(),
      '  failed on default: non-zero return code\n  PLAY RECAP:\n  default : ok=1 changed=1 unreachable=0 failed=1\n  web1 : ok=0 changed=0 unreachable=1 failed=0',
    );
  });
});
