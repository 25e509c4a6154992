// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL and legacy template text, not JS templates
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { copyExampleVarFiles } from '../corpus.js';
import { packer116, requirePacker } from '../reference-packer.js';
import { kilnBin, withTemplate } from './cli-helpers.js';

// `kiln inspect` against Packer 1.16's `packer inspect`: the same stdout, byte
// for byte, and the same exit code, on every corpus configuration, every
// template fixture and generated configurations. Packer's default evaluation
// stops at the first failing local or data source in an order that changes
// from run to run; it runs here with -use-sequential-evaluation, whose result
// is fixed (every local that can be evaluated), which is what Kiln prints.
// Two things vary between runs of the same Packer and are normalised: times
// (timestamp()), and lines holding several sensitive values, which Packer
// masks in random order (Kiln masks the longest first). Packer also lists
// several required JSON variables in random order (Kiln sorts them): the
// template here has one.
const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../test/fixtures/templates/', import.meta.url));

function run(cmd: string, args: string[], cwd: string): { out: string; code: number | null } {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', NO_COLOR: '1', PACKER_LOG: '', KILN_LOG: '' },
    timeout: 120_000,
  });
  return { out: r.stdout, code: r.status };
}

const TIME = /\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?/g;

/**
 * Asserts kiln inspect prints what packer inspect prints for `args` in `cwd`;
 * with `machine`, also with -machine-readable (the timestamps aside).
 */
function sameInspect(args: string[], cwd: string, machine = false): void {
  if (machine) {
    const p = run(
      requirePacker(packer116),
      ['inspect', '-machine-readable', '-use-sequential-evaluation', ...args],
      cwd,
    );
    const k = run(process.execPath, [kilnBin, 'inspect', '-machine-readable', ...args], cwd);
    const untimed = (out: string) => out.replace(TIME, '<time>').replace(/^\d+,/gm, '<ts>,');
    if (p.code === 0)
      assert.equal(untimed(k.out), untimed(p.out), `inspect -machine-readable ${args.join(' ')}`);
  }
  const p = run(requirePacker(packer116), ['inspect', '-use-sequential-evaluation', ...args], cwd);
  const k = run(process.execPath, [kilnBin, 'inspect', ...args], cwd);
  assert.equal(k.code, p.code, `exit code of inspect ${args.join(' ')}\n${k.out}`);
  if (p.code !== 0) return;
  const pl = p.out.replace(TIME, '<time>').split('\n');
  const kl = k.out.replace(TIME, '<time>').split('\n');
  assert.equal(kl.length, pl.length, `line count of inspect ${args.join(' ')}:\n${k.out}`);
  pl.forEach((line, i) => {
    if (line.includes('<sensitive>') && kl[i] !== line) {
      assert.ok(kl[i]!.includes('<sensitive>'), `line ${i + 1}: ${kl[i]} (packer: ${line})`);
      assert.equal(kl[i]!.split(': ')[0], line.split(': ')[0]);
    } else assert.equal(kl[i], line, `line ${i + 1} of inspect ${args.join(' ')}`);
  });
}

function walk(dir: string, pred: (p: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

describe('kiln inspect matches packer 1.16 inspect', () => {
  it('bento: packer_templates with a var file of each OS', () => {
    assert.ok(existsSync(corpus), `no template corpus at ${corpus}`);
    const bento = join(corpus, 'bento');
    const byOs = new Map<string, string>();
    for (const f of walk(join(bento, 'os_pkrvars'), (p) => p.endsWith('.pkrvars.hcl')))
      if (!byOs.has(join(f, '..'))) byOs.set(join(f, '..'), f);
    assert.ok(byOs.size >= 5);
    const ubuntu = join(bento, 'os_pkrvars', 'ubuntu', 'ubuntu-24.04-x86_64.pkrvars.hcl');
    // As bento's README runs it: relative paths (path.root is the directory as given).
    sameInspect(['-var-file=os_pkrvars/ubuntu/ubuntu-24.04-x86_64.pkrvars.hcl', 'packer_templates/'], bento);
    for (const vf of [ubuntu, ...byOs.values()])
      sameInspect([`-var-file=${vf}`, join(bento, 'packer_templates')], bento, vf === ubuntu);
  });

  it('vsphere: each builds/<os>/<distro>/<version> with the shared example var files', () => {
    const builds = join(corpus, 'vsphere', 'builds');
    // Packer reads a var file by its extension: the examples are copied without `.example`.
    const vars = mkdtempSync(join(tmpdir(), 'kiln-inspect-vars-'));
    try {
      const shared = copyExampleVarFiles(builds, vars);
      const dirs = [...new Set(walk(builds, (p) => p.endsWith('.pkr.hcl')).map((p) => join(p, '..')))];
      assert.ok(dirs.length > 20);
      for (const d of dirs) {
        const vf = shared.filter((f) => !(d.includes('/windows/') && f.includes('linux-storage')));
        sameInspect([...vf.map((f) => `-var-file=${f}`), d], builds);
      }
    } finally {
      rmSync(vars, { recursive: true, force: true });
    }
  });

  it('every JSON and HCL2 template fixture', () => {
    const files = walk(fixtures, (p) => /\.(json|hcl)$/.test(p));
    assert.ok(files.length > 30);
    for (const f of files) sameInspect([f], fixtures);
  });

  it('a configuration with every kind of value, named and filtered components and unnamed builds', async () => {
    await withTemplate(
      {
        'a.pkr.hcl': `variable "b" {\n  type    = number\n  default = 2.5\n}\nvariable "m" {\n  type      = map(string)\n  default   = { zed = "z", "a b" = "x\\ty" }\n}\nvariable "pw" {\n  default   = "hunter2"\n  sensitive = true\n}\nvariable "req" {\n  type = string\n}\nvariable "l" {\n  default = [1, 2.5, "s", null, true, { k = ["v"] }, 1e21]\n}\nvariable "empty" {\n  default = []\n}\nlocals {\n  z1  = "zz"\n  a1  = upper("x")\n  m1  = var.b + 1\n  e1  = "\${var.req}-x"\n  pw2 = "my \${var.pw}"\n  bad = file("/nonexistent")\n  dep = "\${local.bad}-x"\n  ok  = "\${local.a1}-y"\n  multi = "line1\\nline2"\n}\nlocal "s1" {\n  expression = "top-secret"\n  sensitive  = true\n}\n`,
        'b.pkr.hcl': `source "null" "one" {\n  communicator = "none"\n}\nsource "virtualbox-iso" "vb" {\n}\nbuild {\n  name        = "first"\n  description = "my build"\n  sources     = ["source.null.one", "source.virtualbox-iso.vb"]\n  provisioner "shell-local" {\n    name   = "p1"\n    inline = ["echo"]\n    only   = ["null.one"]\n  }\n  provisioner "ansible" {\n    except = ["null.one"]\n  }\n  post-processor "manifest" {\n    only = ["null.one"]\n  }\n  post-processors {\n    post-processor "shell-local" {\n      name   = "pp"\n      inline = ["x"]\n    }\n    post-processor "vagrant" {}\n  }\n}\nbuild {\n  source "source.null.one" {\n    name = "two"\n  }\n}\nbuild {\n  sources = ["source.null.one"]\n  provisioner "shell" {\n    name = local.dep\n  }\n}\nbuild {\n  name = "\${var.pw}-named"\n  sources = ["source.null.one"]\n}\n`,
      },
      async (dir) => {
        sameInspect(['.'], dir, true);
        sameInspect(['-var', 'req=given', '-var', 'b=7', '.'], dir, true);
      },
    );
  });

  it('a legacy JSON template: description, required and sensitive variables, builders by name', async () => {
    await withTemplate(
      {
        't.json': {
          description: 'A test\ntemplate',
          variables: {
            zeta: 'z',
            alpha: '{{env `HOME`}}',
            req: null,
            empty: '',
            secret: 's3cr3t',
            other: 's3cr3t',
            long_variable_name: '{{user `zeta`}}-x',
          },
          'sensitive-variables': ['secret'],
          builders: [
            { type: 'null', communicator: 'none' },
            { type: 'docker', name: 'my-docker', image: 'x' },
            { type: 'virtualbox-iso', name: '{{user `zeta`}}vb' },
          ],
          provisioners: [
            { type: 'shell-local', inline: ['echo'], only: ['null'] },
            { type: 'ansible', except: ['null'] },
          ],
          'post-processors': ['manifest'],
        },
        'none.json': { builders: [{ type: 'null', communicator: 'none' }] },
      },
      async (dir) => {
        sameInspect(['-var', 'req=x', 't.json'], dir, true);
        sameInspect(['none.json'], dir, true);
      },
    );
  });
});
