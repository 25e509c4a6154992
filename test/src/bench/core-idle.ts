import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './context.js';
import { rssKiB } from './measure.js';
import { type BenchSection, fmtKiB } from './report.js';

const TEMPLATE = {
  builders: [{ type: 'null', communicator: 'none' }],
  provisioners: [{ type: 'shell-local', inline: ['sleep 3'] }],
};

/**
 * Core's resident memory while a build is waiting on a provisioner (core
 * idle), for Kiln and for Packer on the same legacy JSON template.
 */
export async function coreIdle(ctx: BenchContext): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-idle-'));
  try {
    const template = join(dir, 'idle.json');
    writeFileSync(template, JSON.stringify(TEMPLATE));
    const [node, ...args] = ctx.kiln as [string, ...string[]];
    const kiln = await idleRss(node, [...args, 'build', template], dir);
    const packer = ctx.packer ? await idleRss(ctx.packer, ['build', template], dir) : undefined;
    return {
      title: 'Core memory',
      rows: [
        {
          benchmark: 'core RSS while a build waits (null builder, shell-local sleep)',
          kiln: fmtKiB(kiln),
          peer: packer === undefined ? 'not installed' : fmtKiB(packer),
          peerName: 'packer build',
          target: 'report',
          verdict: 'report',
        },
      ],
      notes: ['Sampled 2 s into the 3 s provisioner; only the main process (plugins are separate).'],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function idleRss(command: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'ignore' });
    let sample = 0;
    const timer = setTimeout(() => {
      sample = rssKiB(child.pid);
    }, 2000);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(sample);
    });
  });
}
