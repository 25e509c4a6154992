import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preprocessArgv } from './argv.js';

test('single-dash Packer flags become double-dash', () => {
  assert.deepEqual(
    preprocessArgv([
      'build',
      '-var',
      'a=1',
      '-var-file=x.pkrvars.hcl',
      '-only=a,b',
      '-parallel-builds',
      '2',
      't.pkr.hcl',
    ]),
    [
      'build',
      '--var',
      'a=1',
      '--var-file=x.pkrvars.hcl',
      '--only=a,b',
      '--parallel-builds',
      '2',
      't.pkr.hcl',
    ],
  );
});

test('double-dash flags and plain arguments are untouched', () => {
  assert.deepEqual(preprocessArgv(['build', '--var', 'x=-y', '--force', 'dir']), [
    'build',
    '--var',
    'x=-y',
    '--force',
    'dir',
  ]);
});

test('-write=false turns fmt writing off', () => {
  assert.deepEqual(preprocessArgv(['fmt', '-write=false', '-check=true', '.']), [
    'fmt',
    '--no-write',
    '--check',
    '.',
  ]);
});

test('boolean flags take =true/=false, -color=false disables colour', () => {
  assert.deepEqual(
    preprocessArgv(['build', '-color=false', '-force=true', '-debug=false', '-timestamp-ui']),
    ['build', '--no-color', '--force', '--timestamp-ui'],
  );
});

test('-h, -help and -version; arguments after -- are passed through', () => {
  assert.deepEqual(preprocessArgv(['build', '-h']), ['build', '--help']);
  assert.deepEqual(preprocessArgv(['-help']), ['--help']);
  assert.deepEqual(preprocessArgv(['-version']), ['version']);
  assert.deepEqual(preprocessArgv(['-v']), ['version']);
  assert.deepEqual(preprocessArgv(['build', '--', '-var']), ['build', '--', '-var']);
  assert.deepEqual(preprocessArgv(['build', '-parallel-builds', '-1']), ['build', '--parallel-builds', '-1']);
});
