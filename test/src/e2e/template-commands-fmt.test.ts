import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { packer116, requirePacker } from '../reference-packer.js';
import { kilnBin } from './cli-helpers.js';
import { MUTATIONS, SNIPPETS, seeded } from './fmt-mutations.js';

// kiln fmt through the real binary, side by side with Packer 1.16's
// `packer fmt` on copies of the same files: the same files are reported,
// rewritten the same way, with the same diff and exit codes. Then every
// corpus file, and variations of each (whitespace, comments, blank lines,
// line endings, alignment, heredocs, nested blocks), formats to the same
// bytes under both, and each formatter leaves the other's output alone.
const packer = packer116;

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
    timeout: 600_000,
    ...(input !== undefined ? { input } : {}),
    env: { ...process.env, NO_COLOR: '1', CHECKPOINT_DISABLE: '1', PACKER_LOG: '', KILN_LOG: '' },
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

const kiln = (args: string[], cwd: string, input?: string) =>
  run(process.execPath, [kilnBin, 'fmt', ...args], cwd, input);
const packerFmt = (args: string[], cwd: string) => run(requirePacker(packer), ['fmt', ...args], cwd);

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
  it('rewrites a directory as packer fmt does and lists the files it changed', async () => {
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

  it('-check exits 3 and writes nothing, as packer fmt -check', async () => {
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

  it('-diff prints the unified diff packer prints', async () => {
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

  it('-recursive formats subdirectories, each file as packer formats it', async () => {
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

  it('formats every corpus file and generated variations to the bytes packer fmt writes, and each leaves the other alone', async () => {
    assert.ok(existsSync(corpus), `no template corpus at ${corpus}`);
    const sources = walk(corpus, (n) => /\.pkr\.hcl$|\.pkrvars\.hcl/.test(n)).map(
      (f) => [relative(corpus, f), readFileSync(f, 'utf8')] as const,
    );
    assert.ok(sources.length > 150, `${sources.length} corpus files`);
    const inputs: [string, string][] = [];
    // Each corpus file with four of the variations (in turn, so every variation
    // meets every kind of file), each hand-written configuration with all.
    const snippets = new Set(Object.keys(SNIPPETS));
    for (const [i, [name, text]] of [...sources, ...Object.entries(SNIPPETS)].entries()) {
      inputs.push([name, text]);
      MUTATIONS.forEach((m, j) => {
        if (snippets.has(name) || (i + j) % MUTATIONS.length < 4)
          inputs.push([`${name} (${m.name})`, m.apply(text, seeded(i * 100 + j))]);
      });
    }
    const root = await mkdtemp(join(tmpdir(), 'kiln-fmt-corpus-'));
    try {
      const k = join(root, 'kiln');
      const p = join(root, 'packer');
      await mkdir(k);
      const file = (i: number) => `${String(i).padStart(5, '0')}.pkr.hcl`;
      for (const [i, [, text]] of inputs.entries()) await writeFile(join(k, file(i)), text);
      await cp(k, p, { recursive: true });
      const kr = kiln(['.'], k);
      const pr = packerFmt(['.'], p);
      assert.equal(pr.code, 0, pr.stdout + pr.stderr);
      assert.equal(kr.code, 0, kr.stderr);
      assert.equal(kr.stdout, pr.stdout, 'the same files are listed as changed');
      const differ: string[] = [];
      for (const [i, [name]] of inputs.entries()) {
        const [a, b] = await Promise.all([
          readFile(join(k, file(i)), 'utf8'),
          readFile(join(p, file(i)), 'utf8'),
        ]);
        if (a !== b) differ.push(`${name}:\n${firstDifference(a, b)}`);
      }
      assert.deepEqual(differ.slice(0, 5), [], `${differ.length} of ${inputs.length} files differ`);
      // A fixed point: each formatter finds nothing to change in the other's output.
      const again = kiln(['-check', '.'], p);
      assert.equal(again.code, 0, again.stdout);
      assert.equal(packerFmt(['-check', '.'], k).code, 0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

function walk(dir: string, pred: (name: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const path = join(dir, e);
    if (statSync(path).isDirectory()) walk(path, pred, out);
    else if (pred(e)) out.push(path);
  }
  return out;
}

/** The first differing line of two texts, both shown with escapes. */
function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  const i = al.findIndex((l, n) => l !== bl[n]);
  const at = i < 0 ? al.length : i;
  return `  line ${at + 1}: kiln ${JSON.stringify(al[at])}, packer ${JSON.stringify(bl[at])}`;
}
