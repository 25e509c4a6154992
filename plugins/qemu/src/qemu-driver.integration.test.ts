import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProcessQemuDriver } from './qemu-driver.js';

const have = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
const skip = ['qemu-img', 'qemu-system-x86_64', 'mformat', 'mcopy', 'mtype'].find((b) => !have(b));

describe('the real QEMU driver', { skip: skip ? `needs ${skip} (test/env/up.sh packages)` : false }, () => {
  let dir: string;
  const driver = new ProcessQemuDriver();
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-qemu-driver-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('runs qemu-img and reports its error', async () => {
    await driver.qemuImg(['create', '-f', 'qcow2', join(dir, 'd.qcow2'), '8M']);
    const info = JSON.parse(await driver.qemuImg(['info', '--output=json', join(dir, 'd.qcow2')])) as {
      'virtual-size': number;
    };
    assert.equal(info['virtual-size'], 8 * 1024 * 1024);
    await assert.rejects(
      driver.qemuImg(['info', join(dir, 'missing')]),
      /qemu-img info .* failed: .*No such file/,
    );
  });

  it('makes a floppy image with floppy_files flat and floppy_dirs as trees', async () => {
    await writeFile(join(dir, 'ks.cfg'), 'kickstart\n');
    await mkdir(join(dir, 'scripts', 'sub'), { recursive: true });
    await writeFile(join(dir, 'scripts', 'sub', 'run.sh'), 'echo hi\n');
    const image = join(dir, 'floppy.img');
    await driver.makeFloppy(image, 'packer', [join(dir, 'ks.cfg')], [join(dir, 'scripts')]);
    assert.equal(execFileSync('mtype', ['-i', image, '::/ks.cfg'], { encoding: 'utf8' }), 'kickstart\n');
    assert.equal(
      execFileSync('mtype', ['-i', image, '::/scripts/sub/run.sh'], { encoding: 'utf8' }),
      'echo hi\n',
    );
  });

  it('starts and kills QEMU; a QEMU that cannot start reports why', async () => {
    const vm = await driver.start(
      'qemu-system-x86_64',
      ['-machine', 'accel=tcg', '-display', 'none', '-m', '16M'],
      () => {},
    );
    assert.equal(vm.exitReason(), undefined);
    await vm.kill();
    assert.match(vm.exitReason() ?? '', /QEMU exited/);
    const bad = await driver.start('qemu-system-x86_64', ['-no-such-flag'], () => {});
    await bad.exited;
    assert.match(bad.exitReason() ?? '', /invalid option|no-such-flag/);
  });
});
