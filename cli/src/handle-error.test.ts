import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TemplateError } from '@kiln/core';
import { handleError } from './handle-error.js';
import { UserError } from './user-error.js';

function capture(): NodeJS.WriteStream & { text: string } {
  const s = {
    text: '',
    isTTY: false,
    write(chunk: string) {
      s.text += chunk;
      return true;
    },
  };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

test('a user error prints its message and suggestions, no stack', async () => {
  const err = capture();
  const code = await handleError(
    new UserError('no template given', { suggestions: ['Try: kiln build x.pkr.hcl'], exitCode: 2 }),
    err,
    {},
  );
  assert.equal(code, 2);
  assert.equal(err.text, 'Error: no template given\n  Try: kiln build x.pkr.hcl\n');
});

test('the stack is shown only with KILN_LOG=1', async () => {
  const err = capture();
  await handleError(new Error('boom'), err, { KILN_LOG: '1' });
  assert.match(err.text, /^Error: boom\nError: boom\n\s+at /);
  const quiet = capture();
  await handleError(new Error('boom'), quiet, {});
  assert.equal(quiet.text, 'Error: boom\n');
});

test('template errors are rendered as diagnostics', async () => {
  const err = capture();
  const code = await handleError(
    new TemplateError([
      { severity: 'error', summary: 'Unknown builder type "x"', detail: 'Check the spelling.' },
    ]),
    err,
    {},
  );
  assert.equal(code, 1);
  assert.match(err.text, /^Error: Unknown builder type "x"\n/);
  assert.match(err.text, /Check the spelling\./);
});

test('parser errors use the single-dash spelling; exit requests pass through', async () => {
  const err = capture();
  const parse = Object.assign(new Error('Nonexistent flag: --bogus\nSee more help with --help'), {
    oclif: { exit: 2 },
  });
  assert.equal(await handleError(parse, err, {}), 1);
  assert.equal(err.text, "Error: Nonexistent flag: -bogus\nSee 'kiln -help' for usage.\n");
  const exit = Object.assign(new Error('EEXIT: 3'), { oclif: { exit: 3 } });
  assert.equal(await handleError(exit, capture(), {}), 3);
});
