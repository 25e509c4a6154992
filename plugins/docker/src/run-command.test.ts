import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Diagnostics } from '@kiln/plugin-sdk';
import { DEFAULT_RUN_COMMAND } from './config.js';
import { parseRunCommand } from './run-command.js';

describe('run_command translation', () => {
  it("keeps Packer's default shell alive with stdin and a tty", () => {
    const d = new Diagnostics();
    const spec = parseRunCommand(DEFAULT_RUN_COMMAND, 'img:1', 'run_command', d);
    assert.equal(d.hasErrors, false);
    assert.equal(spec.image, 'img:1');
    assert.deepEqual(spec.entrypoint, ['/bin/sh']);
    assert.deepEqual(spec.cmd, []);
    assert.equal(spec.tty, true);
    assert.equal(spec.openStdin, true);
  });

  it('maps env, volumes, user, workdir, labels, network and a command', () => {
    const d = new Diagnostics();
    const spec = parseRunCommand(
      [
        '-e',
        'A=1',
        '--env=B=2',
        '-v',
        '/h:/c',
        '-u',
        'app',
        '-w',
        '/srv',
        '-l',
        'x=y',
        '--network',
        'host',
        '--privileged',
        '{{ .Image }}',
        'sleep',
        '100',
      ],
      'img',
      'run_command',
      d,
    );
    assert.equal(d.hasErrors, false);
    assert.deepEqual(spec.env, ['A=1', 'B=2']);
    assert.deepEqual(spec.binds, ['/h:/c']);
    assert.equal(spec.user, 'app');
    assert.equal(spec.workingDir, '/srv');
    assert.deepEqual(spec.labels, { x: 'y' });
    assert.equal(spec.networkMode, 'host');
    assert.equal(spec.privileged, true);
    assert.equal(spec.image, 'img');
    assert.deepEqual(spec.cmd, ['sleep', '100']);
  });

  it('reports unknown flags and a missing image at their index', () => {
    const d = new Diagnostics();
    parseRunCommand(['-d', '--bogus', '-e'], 'img', 'run_command', d);
    assert.deepEqual(
      d.items.map((i) => i.path?.join('.')),
      ['run_command.1', 'run_command.2', 'run_command'],
    );
  });
});
