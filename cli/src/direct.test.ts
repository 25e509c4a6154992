import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { directCommand } from './direct.js';

describe('directCommand', () => {
  it('takes the single-word commands and leaves help, topics and unknown commands to oclif', () => {
    assert.deepEqual(directCommand(['inspect', 'a.pkr.hcl']), { id: 'inspect', argv: ['a.pkr.hcl'] });
    assert.deepEqual(directCommand(['build', '--', '--help']), { id: 'build', argv: ['--', '--help'] });
    for (const args of [
      [],
      ['inspect', '--help'],
      ['fmt', '-h', '.'],
      ['plugins:installed'],
      ['plugins', 'installed'],
      ['cache', 'list'],
      ['--version'],
      ['bogus'],
    ])
      assert.equal(directCommand(args), undefined, args.join(' '));
  });
});

describe("main: the direct route against oclif's router", () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-direct-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'ok.pkr.hcl'),
    'variable "v" {\n  default = "x"\n}\nsource "null" "a" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n}\n',
  );
  writeFileSync(join(dir, 'bad.pkr.hcl'), 'source "null" "a" {\n  communicator = \n}\n');
  writeFileSync(join(dir, 'ugly.pkr.hcl'), 'a   = 1\nbb = 2\n');
  const mainUrl = new URL('./main.js', import.meta.url).href;
  const run = (argv: string[], direct: boolean) => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { main } = await import(${JSON.stringify(mainUrl)}); process.exitCode = await main(${JSON.stringify(argv)}, { direct: ${direct} });`,
      ],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, KILN_CACHE_DIR: join(dir, 'cache'), NO_COLOR: '1' },
      },
    );
    // Machine-readable lines start with a timestamp.
    const t = (s: string) => s.replace(/^\d+,/gm, 'T,');
    return { status: r.status, stdout: t(r.stdout), stderr: t(r.stderr) };
  };

  const cases = [
    ['version'],
    ['version', '--machine-readable'],
    ['inspect'],
    ['inspect', 'ok.pkr.hcl'],
    ['inspect', '--machine-readable', 'ok.pkr.hcl'],
    ['inspect', '--nope', 'ok.pkr.hcl'],
    ['validate', 'ok.pkr.hcl'],
    ['validate', '--syntax-only', 'bad.pkr.hcl'],
    ['validate', '--var', 'v=1', '--var', 'w=2', 'ok.pkr.hcl'],
    ['fmt', '--check', 'ugly.pkr.hcl'],
    ['fmt', '--check', 'missing.pkr.hcl'],
    ['build', '--only=nothing', 'ok.pkr.hcl'],
  ];
  for (const argv of cases) {
    it(`gives the same output and exit code: ${argv.join(' ')}`, () => {
      const a = run(argv, true);
      const b = run(argv, false);
      assert.deepEqual(a, b);
      assert.ok(a.stdout.length + a.stderr.length > 0, 'the command said something');
    });
  }
});
