// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL and legacy template text, not JS templates
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../load/load-config.js';
import { type ConsoleEvaluator, consoleEvaluator } from './console-evaluator.js';

const options = { version: '1.11.2', env: { HOME: '/home/u' }, cwd: '/work' };
const load = { vars: [] as [string, string][], varFiles: [], only: [], except: [], env: {} };

async function withTemplate(name: string, text: string, fn: (c: ConsoleEvaluator) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-console-unit-'));
  try {
    await writeFile(join(dir, name), text);
    fn(await consoleEvaluator(await loadConfig(join(dir, name), load), options));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const out = (c: ConsoleEvaluator, line: string) => {
  const r = c.evaluate(line);
  assert.deepEqual(r.diagnostics, [], line);
  return r.output;
};

describe('consoleEvaluator', () => {
  it('evaluates HCL2 expressions in the configuration scope', async () => {
    await withTemplate(
      't.pkr.hcl',
      'variable "x" {\n  default = "a"\n}\nvariable "s" {\n  default   = "pw-1234"\n  sensitive = true\n}\nlocals {\n  y = "${var.x}b"\n}\n',
      (c) => {
        assert.equal(c.mode, 'hcl2');
        assert.equal(out(c, 'local.y'), 'ab');
        assert.equal(out(c, '  upper(var.x)  '), 'A');
        assert.equal(out(c, '[var.x]'), '[\n  "a",\n]');
        assert.equal(out(c, 'var.s'), '<sensitive>');
        assert.equal(out(c, 'upper(var.s)'), '<sensitive>');
        assert.equal(out(c, '"k-${var.s}"'), 'k-<sensitive>');
        assert.equal(out(c, ''), '');
        assert.match(
          out(c, 'variables') ?? '',
          /^> input-variables:\n\nvar\.s: "<sensitive>"\nvar\.x: "a"\n\n> local-variables:\n\nlocal\.y: "ab"\n$/,
        );
        assert.deepEqual(c.evaluate('exit'), { exit: true, diagnostics: [] });
      },
    );
  });

  it('reports one diagnostic at the console input for a syntax error', async () => {
    const c = await consoleEvaluator(undefined, { ...options, configType: 'hcl2' });
    const r = c.evaluate('1 +');
    assert.equal(r.output, undefined);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]!.range?.filename, '<console-input>');
    assert.equal(c.evaluate('nope').diagnostics[0]!.summary, 'Unknown variable');
    assert.equal(out(c, 'path.cwd'), '/work');
  });

  it('renders Go templates with the legacy template user variables', async () => {
    await withTemplate(
      't.json',
      JSON.stringify({
        variables: { a: 'x', b: '{{user `a`}}y', s: 'hidden' },
        'sensitive-variables': ['s'],
        builders: [{ type: 'null', communicator: 'none' }],
      }),
      (c) => {
        assert.equal(c.mode, 'json');
        assert.equal(out(c, '{{user `b`}}'), 'xy');
        assert.equal(out(c, '{{user `s`}}'), '<sensitive>');
        assert.equal(out(c, 'text {{ .Field }}'), 'text <no value>');
        assert.equal(out(c, 'variables'), '\na: x,\nb: xy,\ns: <sensitive>,\n');
        const bad = c.evaluate('{{nope}}');
        assert.equal(bad.diagnostics[0]!.summary, 'Interpolation error');
        assert.equal(bad.diagnostics[0]!.range?.start.column, 3);
      },
    );
  });

  it('speaks Go templates without a template unless asked for HCL2', async () => {
    assert.equal(out(await consoleEvaluator(undefined, options), '{{upper `a`}}'), 'A');
    assert.equal(
      out(await consoleEvaluator(undefined, { ...options, configType: 'hcl2' }), 'upper("a")'),
      'A',
    );
  });
});
