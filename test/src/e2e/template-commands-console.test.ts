// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL and legacy template text, not JS templates
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { packer116, requirePacker } from '../reference-packer.js';
import { kilnBin } from './cli-helpers.js';

// kiln console against Packer 1.16's `packer console`: the same
// expressions print the same values. Packer prints only the last line's
// value of piped input, so it runs once per expression; kiln prints every
// line's value and runs once, with a separator expression between them.
const packer = packer116;
const dir = fileURLToPath(new URL('../../../test/fixtures/templates/console/', import.meta.url));

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Runs a console with `input` piped in by the shell: Packer reads a socket
 * (what Node's pipes are) or a file on stdin as a terminal.
 */
async function run(cmd: string, args: string[], input: string): Promise<Run> {
  const tmp = await mkdtemp(join(tmpdir(), 'kiln-console-'));
  await writeFile(join(tmp, 'input'), input);
  try {
    return await new Promise<Run>((resolve) => {
      execFile(
        '/bin/sh',
        ['-c', 'f=$1; shift; cat "$f" | "$@"', 'sh', join(tmp, 'input'), cmd, ...args],
        {
          cwd: dir,
          encoding: 'utf8',
          timeout: 60_000,
          env: {
            ...process.env,
            NO_COLOR: '1',
            CHECKPOINT_DISABLE: '1',
            PACKER_LOG: '',
            KILN_LOG: '',
            HOME: '/home/kiln',
          },
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          resolve({ stdout, stderr, code });
        },
      );
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

const kiln = (args: string[], input: string) => run(process.execPath, [kilnBin, 'console', ...args], input);
const packerConsole = (args: string[], input: string) =>
  run(requirePacker(packer), ['console', '-use-sequential-evaluation', ...args], input);

/** Packer's output for each expression, a few runs at a time. */
async function packerValues(template: string, exprs: string[]): Promise<Run[]> {
  const out: Run[] = new Array(exprs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < exprs.length; i = next++)
      out[i] = await packerConsole([template], `${exprs[i]}\n`);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return out;
}

/** kiln's values for each expression, from one run with separators between them. */
async function kilnValues(template: string, exprs: string[]): Promise<string[]> {
  const sep = template.endsWith('.json') ? '@@@' : '"@@@"';
  const r = await kiln([template], `${exprs.join(`\n${sep}\n`)}\n`);
  assert.equal(r.code, 0, r.stderr);
  const parts = r.stdout.split('@@@\n');
  assert.equal(parts.length, exprs.length, r.stdout);
  return parts;
}

/** HCL2 expressions whose values Packer 1.16 and Kiln print identically. */
const HCL_EXPRESSIONS = [
  'var.foo',
  'var.nums',
  'var.m',
  'local.greeting',
  'local.obj',
  'var.nums[1]',
  'length(var.nums)',
  'upper(var.foo)',
  '"${var.foo}-x"',
  '[for n in var.nums : n * 2]',
  '{for k, v in var.m : k => upper(v)}',
  '1/3',
  '10 % 3',
  '2 > 1 && true',
  'null',
  '[]',
  '{}',
  '["a", 1, true]',
  '{a = [1, 2], b = {c = "d"}}',
  'jsonencode(var.m)',
  'split(",", "a,b,c")',
  'format("%05d", 42)',
  'regex_replace("abc", "b", "X")',
  'coalesce("", "x")',
  'lookup(var.m, "a", "z")',
  'merge({a=1}, {b=2})',
  'distinct([1, 1, 2])',
  'flatten([[1], [2, 3]])',
  'substr("hello", 1, 3)',
  'title("hello world")',
  'sha256("x")',
  'cidrsubnet("10.0.0.0/16", 8, 2)',
  'zipmap(["a", "b"], [1, 2])',
  'element(["a", "b"], 3)',
  'chunklist([1, 2, 3], 2)',
  '"a\\tb"',
  '["a\\nb", "q\\"uote"]',
  '0.1 + 0.2',
  '123456789012',
  '1e3',
  '-7.25',
  'path.cwd',
  'var.foo == "bar" ? "yes" : "no"',
  '[for s in ["a", "b"] : s if s != "a"]',
  'yamlencode({a = [1, 2]})',
  'indent(2, "a\\nb")',
  'try(var.nums[9], "fallback")',
  'variables',
];

/** Legacy JSON Go-template interpolations printed identically. */
const JSON_EXPRESSIONS = [
  '{{user `foo`}}',
  '{{user `secret`}}',
  '{{user `ref`}}',
  '{{user `home`}}',
  'plain text',
  '{{ .Foo }}',
  '{{user `nope`}}',
  '{{split `a,b` `,` 1}}',
  '{{lower `ABC`}}',
  '{{replace_all `-` `_` `a-b-c`}}',
  '{{replace `a` `b` 1 `aaa`}}',
  '{{template_dir}}',
  '{{pwd}}',
  'a {{user `foo`}} b {{user `ref`}}',
  '{{ user `foo` | upper }}',
];

describe('kiln console', () => {
  it(`prints ${HCL_EXPRESSIONS.length} HCL2 expressions' values as packer console does`, async () => {
    const [got, wanted] = await Promise.all([
      kilnValues('console.pkr.hcl', HCL_EXPRESSIONS),
      packerValues('console.pkr.hcl', HCL_EXPRESSIONS),
    ]);
    HCL_EXPRESSIONS.forEach((e, i) => {
      const want = wanted[i]!;
      assert.equal(want.code, 0, `${e}: ${want.stdout}`);
      assert.equal(got[i], want.stdout, `value of ${e}`);
    });
  });

  it('applies -var to the template', async () => {
    const args = ['-var', 'foo=zz', 'console.pkr.hcl'];
    const [k, p] = await Promise.all([
      kiln(args, 'local.greeting\n'),
      packerConsole(args, 'local.greeting\n'),
    ]);
    assert.equal(k.stdout, p.stdout);
  });

  it(`renders ${JSON_EXPRESSIONS.length} Go-template interpolations of a legacy JSON template as packer does`, async () => {
    const [got, wanted] = await Promise.all([
      kilnValues('console.json', JSON_EXPRESSIONS),
      packerValues('console.json', JSON_EXPRESSIONS),
    ]);
    JSON_EXPRESSIONS.forEach((e, i) => {
      assert.equal(got[i], wanted[i]!.stdout, `value of ${e}`);
    });
  });

  it('speaks Go templates without a template, HCL2 with -config-type=hcl2', async () => {
    for (const [args, input] of [
      [[], '{{upper `a`}}\n'],
      [['-config-type=hcl2'], 'upper("a")\n'],
      [['-config-type=hcl2'], 'var\n'],
    ] as [string[], string][]) {
      const [k, p] = await Promise.all([kiln(args, input), packerConsole(args, input)]);
      assert.equal(k.code, 0, k.stderr);
      assert.equal(k.stdout, p.stdout, input);
    }
  });

  it('reports an error with its diagnostic, goes on, and exits 1 as packer does', async () => {
    for (const [input, summary] of [
      ['1 +\n', 'Missing expression'],
      ['[1,\n', 'Missing expression'],
      ['upper(\n', 'Missing expression'],
      ['"abc\n', 'Unterminated template string'],
      ['(1\n', 'Unbalanced parentheses'],
      ['1 1\n', 'Extra characters after expression'],
      ['var.\n', 'Invalid attribute name'],
      ['nope.x\n', 'Unknown variable'],
      ['var.nope\n', 'Unsupported attribute'],
      ['tolist(1, 2)\n', undefined],
    ] as [string, string | undefined][]) {
      const [k, p] = await Promise.all([
        kiln(['console.pkr.hcl'], `${input}var.foo\n`),
        packerConsole(['console.pkr.hcl'], input),
      ]);
      assert.equal(k.code, 1, `kiln: ${input}`);
      assert.equal(p.code, 1, `packer: ${input}`);
      assert.equal(k.stdout, 'bar\n', 'the console goes on after an error');
      if (summary) {
        assert.match(p.stdout + p.stderr, new RegExp(`Error: ${summary}`));
        assert.match(k.stderr, new RegExp(`Error: ${summary}\\n\\n {2}on <console-input> line 1:\\n`));
      }
      assert.doesNotMatch(k.stderr, /^\s+at /m);
    }
  });

  it('evaluates the locals it can when others fail, as packer does', async () => {
    const template = 'partial-locals.pkr.hcl';
    const exprs = [
      'local.ok',
      'local.after_ok',
      'local.host',
      'local.last',
      'var.name',
      '1 + 1',
      'var.token',
      'local.with_tok',
      '{ a = var.token, b = "x" }',
    ];
    const theirs = await packerValues(template, exprs);
    const ours = await kilnValues(template, exprs);
    exprs.forEach((e, i) => {
      assert.equal(theirs[i]!.code, 0, `packer: ${e}: ${theirs[i]!.stderr}`);
      assert.equal(ours[i], theirs[i]!.stdout, e);
    });
    const [kv, pv] = await Promise.all([
      kiln([template], 'variables\n'),
      packerConsole([template], 'variables\n'),
    ]);
    assert.equal(kv.stdout, pv.stdout, '"variables" lists what packer lists');
    for (const name of ['broken', 'uses_bad', 'raw_data']) {
      const [k, p] = await Promise.all([
        kiln([template], `local.${name}\n`),
        packerConsole([template], `local.${name}\n`),
      ]);
      assert.equal(p.code, 1, `packer: local.${name}`);
      assert.equal(k.code, 1, `kiln: local.${name}`);
      assert.match(p.stdout + p.stderr, /Error: Unsupported attribute/);
      assert.match(k.stderr, new RegExp(`Error: Unsupported attribute[\\s\\S]*attribute named "${name}"`));
    }
  });

  it('evaluates nothing after exit and answers help', async () => {
    const k = await kiln(['console.pkr.hcl'], 'var.foo\nexit\nvar.nums\n');
    assert.equal(k.stdout, 'bar\n');
    assert.match((await kiln([], 'help\n')).stdout, /legacy JSON mode/);
    assert.match((await kiln(['console.pkr.hcl'], 'help\n')).stdout, /HCL2 mode/);
  });

  it('prompts with "> " on a terminal and goes on after an error', {
    skip: existsSync('/usr/bin/script') ? undefined : 'script(1) is not installed',
  }, async () => {
    const r = await run(
      '/usr/bin/script',
      ['-qec', `${process.execPath} ${kilnBin} console console.pkr.hcl`, '/dev/null'],
      'var.foo\n1 +\nupper(var.foo)\nexit\n',
    );
    assert.equal(r.code, 0, r.stdout);
    const screen = stripVTControlCharacters(r.stdout).replace(/\r/g, '');
    assert.match(
      screen,
      /> var\.foo\nbar\n> 1 \+\nError: Missing expression\n[\s\S]*> upper\(var\.foo\)\nBAR\n> exit\n$/,
    );
  });
});
