import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { digestFromFile, fileDigest, parseChecksum } from './checksum.js';

describe('iso_checksum', () => {
  it('parses every form Packer accepts', () => {
    const sha = 'a'.repeat(64);
    assert.deepEqual(parseChecksum(`sha256:${sha}`), { kind: 'digest', algorithm: 'sha256', hex: sha });
    assert.deepEqual(parseChecksum(`md5:${'B'.repeat(32)}`), {
      kind: 'digest',
      algorithm: 'md5',
      hex: 'b'.repeat(32),
    });
    assert.deepEqual(parseChecksum(sha), { kind: 'digest', algorithm: 'sha256', hex: sha });
    assert.deepEqual(parseChecksum('none'), { kind: 'none' });
    assert.deepEqual(parseChecksum('file:http://x/SHA256SUMS'), {
      kind: 'file',
      file: 'http://x/SHA256SUMS',
    });
    assert.deepEqual(parseChecksum('sha512:file:///sums'), {
      kind: 'file',
      algorithm: 'sha512',
      file: 'file:///sums',
    });
    assert.match(parseChecksum('sha256:abc').error ?? '', /not a sha256 digest/);
    assert.match(parseChecksum('crc:1').error ?? '', /not one of/);
  });

  it('finds the entry in GNU and BSD checksum files and hashes files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-sum-'));
    try {
      await writeFile(join(dir, 'a.iso'), 'hello');
      const hex = await fileDigest(join(dir, 'a.iso'), 'sha256');
      assert.equal(hex, '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
      await writeFile(join(dir, 'gnu'), `${'0'.repeat(64)}  other.iso\n${hex} *a.iso\n`);
      await writeFile(join(dir, 'bsd'), `SHA256 (a.iso) = ${hex}\n`);
      const fetchText = async () => '';
      for (const f of ['gnu', 'bsd']) {
        assert.deepEqual(await digestFromFile({ kind: 'file', file: join(dir, f) }, 'a.iso', fetchText), {
          algorithm: 'sha256',
          hex,
        });
      }
      await assert.rejects(
        digestFromFile({ kind: 'file', file: join(dir, 'gnu') }, 'b.iso', fetchText),
        /no checksum/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
