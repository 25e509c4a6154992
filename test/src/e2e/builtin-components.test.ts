import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const kiln = fileURLToPath(new URL('../../../cli/bin/run.js', import.meta.url));
const packer = '/usr/bin/packer';

/** A template using only built-ins: two builds, local provisioners, three post-processor chains. */
const template = {
  builders: [
    { type: 'null', name: 'nothing', communicator: 'none' },
    { type: 'file', name: 'greeting', target: 'out/hello.txt', content: 'hello world' },
  ],
  provisioners: [
    { type: 'shell-local', inline: ['echo "local says $PACKER_BUILD_NAME/$PACKER_BUILDER_TYPE"'] },
    { type: 'breakpoint', disable: true, note: 'look' },
  ],
  'post-processors': [
    [{ type: 'checksum', checksum_types: ['sha256', 'md5'], output: 'out/{{.BuildName}}.{{.ChecksumType}}' }],
    [{ type: 'compress', output: 'out/{{.BuildName}}.tar.gz', keep_input_artifact: true }],
    [{ type: 'manifest', output: 'out/manifest.json', strip_time: true }],
  ],
};

interface Run {
  dir: string;
  stdout: string;
  status: number | null;
}

async function build(argv0: string[], dir: string): Promise<Run> {
  await writeFile(join(dir, 'template.json'), JSON.stringify(template, null, 2));
  const r = spawnSync(argv0[0]!, [...argv0.slice(1), 'build', '-color=false', 'template.json'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', CHECKPOINT_DISABLE: '1' },
  });
  return { dir, stdout: r.stdout + r.stderr, status: r.status };
}

async function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-e2e-builtin-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function outputs(dir: string) {
  const manifest = JSON.parse(await readFile(join(dir, 'out', 'manifest.json'), 'utf8')) as {
    builds: { name: string; builder_type: string; files: { name: string; size: number }[] | null }[];
  };
  return {
    sha256: await readFile(join(dir, 'out', 'greeting.sha256'), 'utf8'),
    md5: await readFile(join(dir, 'out', 'greeting.md5'), 'utf8'),
    tar: execFileSync('tar', ['-tzf', join(dir, 'out', 'greeting.tar.gz')], { encoding: 'utf8' }),
    hello: await readFile(join(dir, 'out', 'hello.txt'), 'utf8'),
    manifest: manifest.builds
      .map((b) => ({ name: b.name, builder_type: b.builder_type, files: b.files }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

describe('built-in components, end to end', () => {
  it('kiln build runs the null and file builders with local provisioners and post-processors', async () => {
    await withDir(async (dir) => {
      const r = await build([process.execPath, kiln], dir);
      assert.equal(r.status, 0, r.stdout);
      assert.match(r.stdout, /nothing: local says nothing\/null/);
      assert.match(r.stdout, /greeting: local says greeting\/file/);
      assert.match(r.stdout, /Breakpoint provisioner with note "look" disabled; continuing\.\.\./);
      assert.match(r.stdout, /--> nothing: Did not export anything\. This is the null builder/);
      assert.match(r.stdout, /--> greeting: compressed artifacts in: out\/greeting\.tar\.gz/);
      const o = await outputs(dir);
      assert.equal(o.hello, 'hello world');
      assert.match(o.sha256, /^[0-9a-f]{64}\thello\.txt\n$/);
      assert.equal(o.tar, 'hello.txt\n');
      assert.deepEqual(
        o.manifest.map((b) => b.name),
        ['greeting', 'nothing'],
      );
      const check = execFileSync('sha256sum', ['-c', 'greeting.sha256'], {
        cwd: join(dir, 'out'),
        encoding: 'utf8',
      });
      assert.match(check, /hello\.txt: OK/);
    });
  });

  it('produces what Packer produces from the same template', { skip: !existsSync(packer) }, async () => {
    const ours = await withDir(async (dir) => {
      const r = await build([process.execPath, kiln], dir);
      assert.equal(r.status, 0, r.stdout);
      return outputs(dir);
    });
    const theirs = await withDir(async (dir) => {
      const r = await build([packer], dir);
      assert.equal(r.status, 0, r.stdout);
      return outputs(dir);
    });
    assert.deepEqual(ours, theirs);
  });

  it('reports a missing shell-local script at prepare, before any build runs', async () => {
    await withDir(async (dir) => {
      const bad = {
        builders: [{ type: 'null' }],
        provisioners: [{ type: 'shell-local', script: 'missing.sh' }],
      };
      await writeFile(join(dir, 'bad.json'), JSON.stringify(bad, null, 2));
      const r = spawnSync(process.execPath, [kiln, 'build', '-color=false', 'bad.json'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.notEqual(r.status, 0);
      assert.match(r.stdout + r.stderr, /Bad script 'missing\.sh'/);
      assert.doesNotMatch(r.stdout + r.stderr, / {4}at /, 'no stack trace');
    });
  });
});
