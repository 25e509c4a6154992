import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packer116, requirePacker } from '../reference-packer.js';
import { kilnBin } from './cli-helpers.js';

// Paths as Packer 1.16 resolves them, run from a working directory that is
// not the configuration's: `packer console sub/` and `kiln console sub/`
// print the same for every path-taking function, and `validate` agrees on
// component attributes that name files (relative to the working directory).
let root: string;
const env = { ...process.env, CHECKPOINT_DISABLE: '1', PACKER_LOG: '', KILN_LOG: '', NO_COLOR: '1' };

before(() => {
  root = mkdtempSync(join(tmpdir(), 'kiln-paths-diff-'));
  for (const [where, text] of [
    ['sub', 'in sub'],
    ['.', 'in cwd'],
  ] as const) {
    mkdirSync(join(root, where, 'data'), { recursive: true });
    writeFileSync(join(root, where, 'data', 'x.txt'), `${text}\n`);
    writeFileSync(join(root, where, 'data', 'greet.tpl'), `hello \${name} from ${text}`);
  }
  writeFileSync(join(root, 'sub', 's.sh'), 'echo hi\n');
  writeFileSync(join(root, 'sub', 'vars.pkr.hcl'), 'locals {\n  from_local = file("data/x.txt")\n}\n');
  mkdirSync(join(root, 'vdef'));
  writeFileSync(join(root, 'vdef', 'v.pkr.hcl'), 'variable "v" {\n  default = file("data/x.txt")\n}\n');
});
after(() => rmSync(root, { recursive: true, force: true }));

/** What a console printed for each expression (one process per expression, errors reduced to their message). */
function consoleOut(argv: string[], expr: string): string {
  const r = spawnSync(argv[0]!, [...argv.slice(1), 'console', 'sub/'], {
    cwd: root,
    env,
    input: `${expr}\n`,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const text = `${r.stdout}${r.stderr}`;
  const failed = /Call to function "[a-z0-9]+" failed: (.*?)\.?\s*$/s.exec(text.replace(/\s+/g, ' '));
  return failed ? `error: ${failed[1]}` : text.trim();
}

const packer = () => [requirePacker(packer116)];
const kiln = () => [process.execPath, kilnBin];

describe('differential: paths in functions and attributes as Packer 1.16', () => {
  const expressions = [
    'file("data/x.txt")',
    'file("data/nope.txt")',
    'fileexists("data/x.txt")',
    'fileexists("data")',
    'fileset("data", "*.txt")',
    'templatefile("data/greet.tpl", { name = "kiln" })',
    'filebase64("data/x.txt")',
    'abspath("data")',
    'path.root',
    'local.from_local',
  ];
  for (const expr of expressions) {
    it(expr, () => {
      const p = consoleOut(packer(), expr);
      const k = consoleOut(kiln(), expr);
      assert.ok(p !== '', 'packer printed something');
      assert.equal(k, p);
    });
  }

  it('a variable default may call env() alone: file() there is an unknown function in both', () => {
    const out = [packer(), kiln()].map((argv) => {
      const r = spawnSync(argv[0]!, [...argv.slice(1), 'validate', 'vdef'], {
        cwd: root,
        env,
        encoding: 'utf8',
      });
      return [
        r.status,
        /on vdef\/v\.pkr\.hcl line 2/.test(r.stdout + r.stderr),
        /There is no function named "file"/.test(r.stdout + r.stderr),
      ];
    });
    assert.deepEqual(out, [
      [1, true, true],
      [1, true, true],
    ]);
  });

  it('component attributes naming files are relative to the working directory in both', () => {
    const template = (script: string) =>
      `source "null" "n" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.n"]\n  provisioner "shell-local" {\n    script = "${script}"\n  }\n}\n`;
    mkdirSync(join(root, 'attr'), { recursive: true });
    writeFileSync(join(root, 'attr', 's.sh'), 'echo hi\n');
    const verdicts: boolean[][] = [];
    for (const script of ['s.sh', 'attr/s.sh']) {
      writeFileSync(join(root, 'attr', 'a.pkr.hcl'), template(script));
      const v = [packer(), kiln()].map(
        (argv) =>
          spawnSync(argv[0]!, [...argv.slice(1), 'validate', 'attr'], { cwd: root, env, timeout: 60_000 })
            .status === 0,
      );
      verdicts.push(v);
    }
    assert.deepEqual(verdicts, [
      [false, false],
      [true, true],
    ]);
  });
});
