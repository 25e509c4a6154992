import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { evaluate } from '../hcl/eval/evaluate.js';
import { parseExpression } from '../hcl/eval/parse-expression.js';
import { makeScope } from '../hcl/eval/scope.js';
import { initHclParser } from '../hcl/syntax/parse.js';
import { configPath, goClean } from './file-path.js';
import { packerFunctions } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'kiln-paths-'));
before(() => initHclParser());
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'sub', 'data'), { recursive: true });
mkdirSync(join(root, 'data'));
writeFileSync(join(root, 'sub', 'data', 'x.txt'), 'in sub\n');
writeFileSync(join(root, 'data', 'x.txt'), 'in cwd\n');

/** Evaluates `text` with file functions based at `baseDir`, from `root` as the working directory. */
function run(text: string, baseDir: string): { value?: unknown; error?: string } {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const r = evaluate(parseExpression(text, 't').expr, makeScope({}, packerFunctions({ baseDir })));
    const err = r.diagnostics.find((d) => d.severity === 'error');
    if (err) return { error: err.detail ?? err.summary };
    return {
      value:
        r.value.type.kind === 'string' ? r.value.str : r.value.type.kind === 'bool' ? r.value.bool : r.value,
    };
  } finally {
    process.chdir(cwd);
  }
}

describe('file functions resolve paths as Packer 1.16', () => {
  it('file, fileexists, fileset and templatefile join relative paths to the configuration directory', () => {
    assert.equal(run('file("data/x.txt")', 'sub/').value, 'in sub\n');
    assert.equal(run('templatefile("data/x.txt", {})', 'sub').value, 'in sub\n');
    assert.equal(run('fileexists("data/x.txt")', 'sub').value, true);
    assert.equal(run('fileexists("data/nope")', 'sub').value, false);
    assert.equal(run('length(fileset("data", "*"))', 'sub').error, undefined);
    assert.equal(run(`file("${join(root, 'data', 'x.txt')}")`, 'sub').value, 'in cwd\n');
  });

  it('with no base directory (variable defaults) they read from the working directory', () => {
    assert.equal(run('file("data/x.txt")', '').value, 'in cwd\n');
  });

  it('filebase64 and abspath always use the working directory', () => {
    assert.equal(run('filebase64("data/x.txt")', 'sub').value, Buffer.from('in cwd\n').toString('base64'));
    assert.equal(run('abspath("data")', 'sub').value, join(root, 'data'));
  });

  it('names the joined path in errors, as Packer', () => {
    assert.equal(
      run('file("data/nope.txt")', 'sub/').error,
      'Call to function "file" failed: no file exists at sub/data/nope.txt.',
    );
    assert.match(run('fileexists("data")', 'sub').error!, /sub\/data is not a regular file, but "drwx/);
    assert.match(
      run('filebase64("nope")', 'sub').error!,
      /failed to read file "nope": open nope: no such file or directory/,
    );
  });

  it('cleans and joins as Go (filepath.Join, Clean; ~ expanded)', () => {
    assert.equal(goClean(''), '.');
    assert.equal(goClean('./sub/'), 'sub');
    assert.equal(configPath('sub/', './data//x.txt'), 'sub/data/x.txt');
    assert.equal(configPath('.', 'x'), 'x');
    assert.equal(configPath('sub', '/abs/x'), '/abs/x');
    assert.equal(relative(homedir(), configPath('sub', '~/x')), 'x');
  });
});
