import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BuildContext, Hook } from '@kiln/plugin-sdk';
import { RecordingUi } from '@kiln/plugin-sdk/testing';
import { qemuBuilder } from '../builder.js';
import { FakeQemuDriver } from '../fake-driver.test-helper.js';

function build(force = false): BuildContext {
  return {
    runId: 'r',
    buildName: 'qemu.box',
    builderType: 'qemu',
    debug: false,
    force,
    onError: 'cleanup',
    templateDir: '.',
    userVariables: {},
  };
}

describe('qemu builder steps (fake driver)', () => {
  let dir: string;
  let iso: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-qemu-steps-'));
    iso = join(dir, 'boot.iso');
    await writeFile(iso, 'not really an iso');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const config = (out: string, extra: Record<string, unknown> = {}) => ({
    iso_url: iso,
    iso_checksum: 'sha256:05ef6b0b2d1c0ac6cf1d3c0ac8a4ce4a0b4d5fe61e7d95f4dd8ea2f4de7f5bd0',
    communicator: 'none',
    accelerator: 'tcg',
    boot_wait: '0s',
    output_directory: join(dir, out),
    http_content: { '/ks.cfg': 'kickstart' },
    http_bind_address: '127.0.0.1',
    ...extra,
  });

  async function run(out: string, extra: Record<string, unknown> = {}, hook?: Hook['run'], force = false) {
    const driver = new FakeQemuDriver();
    const ui = new RecordingUi();
    const lines = ui.lines;
    const hookCalls: unknown[] = [];
    const builder = qemuBuilder({ driver: () => driver, log: () => {} });
    const prepared = await builder.prepare(config(out, extra), build(force));
    try {
      const artifact = await prepared.run({
        ui,
        signal: new AbortController().signal,
        sessionId: 's',
        build: build(),
        hook: {
          run: hook ?? (async (_n, c, data) => void hookCalls.push({ c, data })),
        },
      });
      return { artifact, driver, lines, hookCalls };
    } finally {
      driver.close();
    }
  }

  it('creates the disk, starts QEMU, provisions, stops it, compacts the qcow2; the directory is the artifact', async () => {
    const sum = (await import('../checksum.js')).fileDigest;
    const hex = await sum(iso, 'sha256');
    const { artifact, driver, hookCalls } = await run('out1', {
      iso_checksum: `sha256:${hex}`,
      disk_size: '64',
    });
    const kinds = driver.calls.map((c) => `${c.kind}${c.kind === 'qemu-img' ? ` ${c.args[0]}` : ''}`);
    assert.deepEqual(kinds, ['qemu-img create', 'start', 'kill', 'qemu-img convert']);
    assert.deepEqual(driver.calls[0]!.args, [
      'create',
      '-f',
      'qcow2',
      join(dir, 'out1', 'packer-box'),
      '64M',
    ]);
    const args = driver.calls[1]!.args;
    assert.ok(args.includes('type=pc,accel=tcg'));
    assert.ok(args.includes(`file=${iso},media=cdrom`));
    assert.equal(artifact?.builderId, 'transcend.qemu');
    assert.equal(artifact?.id, 'packer-box');
    assert.match(artifact?.description ?? '', /VM files in directory: .*out1/);
    const data = (hookCalls[0] as { data: Record<string, unknown> }).data;
    assert.equal(data.HTTPIP, '10.0.2.2');
    assert.ok(Number(data.HTTPPort) >= 8000 && Number(data.HTTPPort) <= 9000);
  });

  it('refuses an existing output directory without -force and leaves it alone', async () => {
    await mkdir(join(dir, 'out2'));
    await writeFile(join(dir, 'out2', 'keep'), 'x');
    await assert.rejects(run('out2', { iso_checksum: 'none' }), /Output directory exists.*\n.*-force/);
    assert.ok(existsSync(join(dir, 'out2', 'keep')));
    const { artifact } = await run('out2', { iso_checksum: 'none' }, undefined, true);
    assert.ok(artifact);
    assert.ok(!existsSync(join(dir, 'out2', 'keep')));
  });

  it('on a failed provisioner: kills the VM and removes the output directory', async () => {
    let driverSeen: FakeQemuDriver | undefined;
    const driver = new FakeQemuDriver();
    const builder = qemuBuilder({ driver: () => (driverSeen = driver), log: () => {} });
    const prepared = await builder.prepare(config('out3', { iso_checksum: 'none' }), build());
    await assert.rejects(
      prepared.run({
        ui: new RecordingUi(),
        signal: new AbortController().signal,
        sessionId: 's',
        build: build(),
        hook: {
          run: async () => {
            throw new Error('provisioner failed');
          },
        },
      }),
      /provisioner failed/,
    );
    driver.close();
    assert.ok(driverSeen?.calls.some((c) => c.kind === 'kill'));
    assert.ok(!existsSync(join(dir, 'out3')));
  });

  it('a wrong checksum stops before anything is made', async () => {
    const { artifact } = await run('out4', { iso_checksum: 'none' });
    assert.ok(artifact);
    await assert.rejects(run('out5'), /Checksum did not match/);
    assert.ok(!existsSync(join(dir, 'out5')));
  });

  it('accelerator "kvm" whose probe hangs fails and says to use tcg', async () => {
    const driver = new FakeQemuDriver();
    driver.probeResult = { code: null, timedOut: true, output: '' };
    const prepared = await qemuBuilder({ driver: () => driver, log: () => {} }).prepare(
      config('out6', { iso_checksum: 'none', accelerator: 'kvm' }),
      build(),
    );
    await assert.rejects(
      prepared.run({
        ui: new RecordingUi(),
        signal: new AbortController().signal,
        sessionId: 's',
        build: build(),
        hook: { run: async () => {} },
      }),
      /does not really run guests[\s\S]*Use accelerator = "tcg"/,
    );
    driver.close();
    assert.ok(!driver.calls.some((c) => c.kind === 'start'), 'the real VM never started');
  });

  it('disk_additional_size adds disks <vm_name>-1, -2 to the VM', async () => {
    const { driver, artifact } = await run('out8', {
      iso_checksum: 'none',
      disk_additional_size: ['10M', '1G'],
    });
    const creates = driver.calls
      .filter((c) => c.kind === 'qemu-img' && c.args[0] === 'create')
      .map((c) => c.args.slice(-2));
    const disk = join(dir, 'out8', 'packer-box');
    assert.deepEqual(creates, [
      [disk, '40960M'],
      [`${disk}-1`, '10M'],
      [`${disk}-2`, '1G'],
    ]);
    const args = driver.calls.find((c) => c.kind === 'start')!.args;
    assert.ok(args.some((a) => a.startsWith(`file=${disk}-2,`)));
    assert.equal(artifact?.files.length, 3);
  });

  it('floppy_files become a floppy image on -fda, removed afterwards', async () => {
    const { driver } = await run('out9', {
      iso_checksum: 'none',
      floppy_files: [iso],
      floppy_label: 'OEMDRV',
    });
    const floppy = driver.calls.find((c) => c.kind === 'floppy')!.args;
    assert.deepEqual(floppy.slice(1), ['OEMDRV', iso]);
    const args = driver.calls.find((c) => c.kind === 'start')!.args;
    assert.equal(args[args.indexOf('-fda') + 1], floppy[0]);
    assert.ok(!existsSync(floppy[0]!), 'the image is gone after the build');
  });

  it('qemuargs replace the defaults with the same flag, and see {{ .Name }} placeholders', async () => {
    const { driver } = await run('out7', {
      iso_checksum: 'none',
      qemuargs: [
        ['-m', '1G'],
        ['-serial', 'file:{{ .OutputDir }}/{{ .Name }}.log'],
      ],
    });
    const args = driver.calls.find((c) => c.kind === 'start')!.args;
    assert.equal(args.filter((a) => a === '-m').length, 1);
    assert.equal(args[args.indexOf('-m') + 1], '1G');
    assert.equal(args[args.indexOf('-serial') + 1], `file:${join(dir, 'out7')}/packer-box.log`);
  });
});
