import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consoleBatch } from './console-batch.js';
import {
  FUNCTION_CASES,
  FUNCTION_FILES,
  PACKER_CRASHES,
  SERVICE_CASES,
  WORDED_DIFFERENTLY,
} from './hcl-functions-cases.js';

// Every function Packer 1.16 has, called with edge cases through Packer
// 1.16's `packer console` and `kiln console` (one process each); the printed
// values and errors must be the same text.

/** hcl2template/functions.go of Packer v1.16.0. */
const PACKER_116_FUNCTIONS = [
  'abs',
  'abspath',
  'alltrue',
  'anytrue',
  'aws_secretsmanager',
  'aws_secretsmanager_raw',
  'base64decode',
  'base64encode',
  'base64gzip',
  'basename',
  'bcrypt',
  'can',
  'ceil',
  'chomp',
  'chunklist',
  'cidrhost',
  'cidrnetmask',
  'cidrsubnet',
  'cidrsubnets',
  'coalesce',
  'coalescelist',
  'compact',
  'concat',
  'consul_key',
  'contains',
  'convert',
  'csvdecode',
  'dirname',
  'distinct',
  'element',
  'endswith',
  'file',
  'filebase64',
  'fileexists',
  'fileset',
  'flatten',
  'floor',
  'format',
  'formatdate',
  'formatlist',
  'indent',
  'index',
  'join',
  'jsondecode',
  'jsonencode',
  'keys',
  'legacy_isotime',
  'legacy_strftime',
  'length',
  'log',
  'lookup',
  'lower',
  'max',
  'md5',
  'merge',
  'min',
  'parseint',
  'pathexpand',
  'pow',
  'range',
  'regex',
  'regex_replace',
  'regexall',
  'replace',
  'reverse',
  'rfc3339_parse',
  'rsadecrypt',
  'setintersection',
  'setproduct',
  'setunion',
  'sha1',
  'sha256',
  'sha512',
  'signum',
  'slice',
  'sort',
  'split',
  'startswith',
  'strcontains',
  'strrev',
  'substr',
  'sum',
  'templatefile',
  'textdecodebase64',
  'textencodebase64',
  'timeadd',
  'timestamp',
  'title',
  'trim',
  'trimprefix',
  'trimspace',
  'trimsuffix',
  'try',
  'unix_timestamp_parse',
  'upper',
  'urlencode',
  'uuidv4',
  'uuidv5',
  'values',
  'vault',
  'yamldecode',
  'yamlencode',
  'zipmap',
];

const ENV = {
  HOME: '/home/kiln-test',
  VAULT_TOKEN: '',
  VAULT_ADDR: 'http://127.0.0.1:1',
  CONSUL_HTTP_ADDR: '127.0.0.1:1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
};

describe('HCL functions against packer console 1.16', () => {
  it('has cases for every function Packer 1.16 has', () => {
    const covered = new Set([...Object.keys(FUNCTION_CASES), ...Object.keys(SERVICE_CASES)]);
    assert.deepEqual(
      PACKER_116_FUNCTIONS.filter((f) => !covered.has(f)),
      [],
    );
  });

  it('prints the same values and errors for every call', { timeout: 300_000 }, async () => {
    const calls = Object.values(FUNCTION_CASES).flat();
    const service = Object.values(SERVICE_CASES).flatMap((s) => s.calls);
    // A call with no arguments and one with a null, for every function: arity and null handling.
    // (Not for functions whose value without arguments changes between runs.)
    const changing = ['timestamp', 'uuidv4', 'legacy_isotime', 'legacy_strftime'];
    const generic = PACKER_116_FUNCTIONS.filter((f) => !(f in SERVICE_CASES)).flatMap((f) => [
      ...(changing.includes(f) ? [] : [`${f}()`]),
      `${f}(null)`,
      `${f}(["x"], ["y"], ["z"], ["w"])`,
    ]);
    const expressions = [...calls, ...generic, ...service, ...PACKER_CRASHES, ...WORDED_DIFFERENTLY];
    const { packer, kiln } = await consoleBatch({
      files: { ...FUNCTION_FILES, 'binary.bin': Buffer.from([0xff, 0xfe, 0x00, 0x41]) },
      expressions,
      env: ENV,
    });
    const mismatches: string[] = [];
    expressions.forEach((e, i) => {
      if (service.includes(e)) {
        const name = e.slice(0, e.indexOf('('));
        if (
          !packer[i]!.startsWith('Error: ') ||
          !kiln[i]!.startsWith('Error: ') ||
          !SERVICE_CASES[name]!.service.test(kiln[i]!)
        )
          mismatches.push(
            `${e}\n    packer: ${packer[i]}\n    kiln:   ${kiln[i]}\n    (both must fail; kiln naming the service)`,
          );
      } else if (WORDED_DIFFERENTLY.includes(e)) {
        if (!packer[i]!.startsWith('Error: ') || !kiln[i]!.startsWith('Error: '))
          mismatches.push(`${e}\n    packer: ${packer[i]}\n    kiln:   ${kiln[i]}\n    (both must fail)`);
      } else if (PACKER_CRASHES.includes(e)) {
        if (!/^Error: .*panic in function implementation/.test(packer[i]!) || !kiln[i]!.startsWith('Error: '))
          mismatches.push(
            `${e}\n    packer: ${packer[i]!.slice(0, 200)}\n    kiln:   ${kiln[i]}\n    (both must fail)`,
          );
      } else if (packer[i] !== kiln[i]) {
        mismatches.push(`${e}\n    packer: ${packer[i]}\n    kiln:   ${kiln[i]}`);
      }
    });
    assert.equal(
      mismatches.length,
      0,
      `${mismatches.length} of ${expressions.length} differ:\n${mismatches.join('\n')}`,
    );
  });
});
