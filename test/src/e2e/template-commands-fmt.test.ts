import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kilnBin } from './cli-helpers.js';

// kiln fmt through the real binary, side by side with Debian's Packer 1.6.6
// `packer fmt` on copies of the same files: the same files are reported,
// rewritten the same way, with the same diff and exit codes.
const packer = '/usr/bin/packer';
const havePacker = existsSync(packer);

const MESSY = `variable "image" {
type = string
    default = "alpine:3.18"
  description="The image"
}
locals {
a=1
  bb = [1,2,3]
  ccc = {x=1, yy="z"}
  d = var.image=="x"?1:2
}
source "docker" "a" {
image=var.image
      commit      = true
  changes = [
"EXPOSE 80",
      "ENV A=1",
  ]
}

build {
sources=["source.docker.a"]
  provisioner "shell" {
   inline = ["echo \${var.image}"]  # trailing
  }
}
`;

const FILES: Record<string, string> = {
  'messy.pkr.hcl': MESSY,
  'ok.pkr.hcl': 'x = 1\n',
  'vars.pkrvars.hcl': 'image="x"\nregion    =   "y"\n',
  'template.json': '{"builders":[{"type":"null"}]}',
  'sub/nested.pkr.hcl': 'source "null" "n" {\ncommunicator="none"\n}\n',
  'sub/deeper/deep.pkrvars.hcl': 'a=1\nbbb=2\n',
};

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

function run(cmd: string, args: string[], cwd: string, input?: string): Run {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    ...(input !== undefined ? { input } : {}),
    env: { ...process.env, NO_COLOR: '1', CHECKPOINT_DISABLE: '1', PACKER_LOG: '', KILN_LOG: '' },
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

const kiln = (args: string[], cwd: string, input?: string) =>
  run(process.execPath, [kilnBin, 'fmt', ...args], cwd, input);
const packerFmt = (args: string[], cwd: string) => run(packer, ['fmt', ...args], cwd);

/** Two copies of FILES ("kiln" and "packer"), removed after `fn`. */
async function withCopies(fn: (k: string, p: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'kiln-fmt-'));
  try {
    const k = join(root, 'kiln');
    for (const [name, text] of Object.entries(FILES)) {
      await mkdir(join(k, name, '..'), { recursive: true });
      await writeFile(join(k, name), text);
    }
    await cp(k, join(root, 'packer'), { recursive: true });
    // Hidden files are skipped (as current Packer does; 1.6.6 formatted them).
    await writeFile(join(k, '.hidden.pkr.hcl'), 'a=1\n');
    await fn(k, join(root, 'packer'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function contents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(FILES)) out[name] = await readFile(join(dir, name), 'utf8');
  return out;
}

describe('kiln fmt', () => {
  it('rewrites a directory as packer fmt does and lists the files it changed', {
    skip: !havePacker,
  }, async () => {
    await withCopies(async (k, p) => {
      const kr = kiln(['.'], k);
      const pr = packerFmt(['.'], p);
      assert.equal(kr.code, 0, kr.stderr);
      assert.equal(pr.code, 0, pr.stderr);
      assert.equal(kr.stdout, pr.stdout);
      assert.equal(kr.stdout, 'messy.pkr.hcl\nvars.pkrvars.hcl\n');
      assert.deepEqual(await contents(k), await contents(p));
      assert.equal(await readFile(join(k, 'template.json'), 'utf8'), FILES['template.json']);
      assert.equal(await readFile(join(k, '.hidden.pkr.hcl'), 'utf8'), 'a=1\n');
    });
  });

  it('is idempotent: a second run changes and lists nothing', async () => {
    await withCopies(async (k) => {
      kiln(['-recursive', '.'], k);
      const before = await contents(k);
      const again = kiln(['-recursive', '.'], k);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout, '');
      assert.equal(kiln(['-check', '-recursive', '.'], k).code, 0);
      assert.deepEqual(await contents(k), before);
    });
  });

  it('-check exits 3 and writes nothing, as packer fmt -check', { skip: !havePacker }, async () => {
    await withCopies(async (k, p) => {
      const kr = kiln(['-check', '.'], k);
      const pr = packerFmt(['-check', '.'], p);
      assert.equal(kr.code, 3);
      assert.equal(pr.code, 3);
      assert.equal(kr.stdout, pr.stdout);
      assert.deepEqual(await contents(k), FILES);
      assert.equal(kiln(['-check', 'ok.pkr.hcl'], k).code, 0);
    });
  });

  it('-diff prints the unified diff packer prints', { skip: !havePacker }, async () => {
    await withCopies(async (k, p) => {
      for (const file of ['messy.pkr.hcl', 'vars.pkrvars.hcl', 'sub/nested.pkr.hcl']) {
        const kr = kiln(['-diff', '-write=false', file], k);
        const pr = packerFmt(['-diff', '-write=false', file], p);
        assert.equal(kr.code, 0, kr.stderr);
        assert.equal(kr.stdout, pr.stdout, file);
        assert.match(kr.stdout, new RegExp(`^${file}\\n--- old/${file}\\n\\+\\+\\+ new/${file}\\n@@ `));
      }
      assert.deepEqual(await contents(k), FILES, '-write=false leaves the files alone');
    });
  });

  it('-recursive formats subdirectories, each file as packer formats it', { skip: !havePacker }, async () => {
    await withCopies(async (k, p) => {
      const kr = kiln(['-recursive', '.'], k);
      assert.equal(kr.code, 0, kr.stderr);
      assert.equal(
        kr.stdout,
        'messy.pkr.hcl\nsub/deeper/deep.pkrvars.hcl\nsub/nested.pkr.hcl\nvars.pkrvars.hcl\n',
      );
      for (const d of ['.', 'sub', 'sub/deeper']) packerFmt([d], p);
      assert.deepEqual(await contents(k), await contents(p));
      assert.equal(kiln(['sub'], k).stdout, '', 'without -recursive only the directory itself');
    });
  });

  it('formats stdin to stdout with -', async () => {
    await withCopies(async (k) => {
      const r = kiln(['-'], k, 'a=1\nbbb = "x"\n');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'a   = 1\nbbb = "x"\n');
      assert.equal(kiln(['-check', '-'], k, 'a=1\n').code, 3);
      assert.equal(kiln(['-'], k, 'a = 1\n').stdout, 'a = 1\n');
    });
  });

  it('prints a parse error with its place, formats the other files, exits 1', async () => {
    await withCopies(async (k) => {
      await writeFile(join(k, 'bad.pkr.hcl'), 'source "null" "x" {\n  a = \n}\n');
      const r = kiln(['.'], k);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Error: [^\n]+\n\n {2}on bad\.pkr\.hcl line 2:\n/);
      assert.doesNotMatch(r.stderr, /^\s+at /m);
      assert.match(r.stdout, /messy\.pkr\.hcl/);
      assert.equal(await readFile(join(k, 'bad.pkr.hcl'), 'utf8'), 'source "null" "x" {\n  a = \n}\n');
    });
  });

  it('refuses files that are not HCL2 and paths that do not exist', async () => {
    await withCopies(async (k) => {
      const json = kiln(['template.json'], k);
      assert.equal(json.code, 1);
      assert.match(json.stderr, /template\.json is not an HCL2 file/);
      const missing = kiln(['nope.pkr.hcl'], k);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /nope\.pkr\.hcl does not exist/);
    });
  });
});
