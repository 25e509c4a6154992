import assert from 'node:assert/strict';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, type ProvisionContext } from '@kiln/plugin-sdk';
import { RecordingUi, testBuildContext } from '@kiln/plugin-sdk/testing';
import { noCommunicator } from '../../build/no-communicator.js';
import { LocalCommunicator } from '../local/local-communicator.js';
import { tempDir } from '../testing/temp-dir.test-helper.js';
import { shellProvisioner } from './shell.js';

function ctx(ui: RecordingUi, communicator: LocalCommunicator): ProvisionContext {
  return { ui, communicator, signal: new AbortController().signal, sessionId: 's', generatedData: {} };
}

describe('shell provisioner', () => {
  it('runs inline commands with the build variables and relays output', async () => {
    await using dir = await tempDir();
    await using comm = new LocalCommunicator({ root: dir.path });
    const ui = new RecordingUi();
    const p = await shellProvisioner.prepare(
      {
        inline: [
          'echo "name=$PACKER_BUILD_NAME type=$PACKER_BUILDER_TYPE"',
          'echo "foo=$FOO bar=$BAR"',
          'echo oops >&2',
        ],
        environment_vars: ["FOO=it's"],
        env: { BAR: 'b a r' },
        remote_folder: dir.path,
      },
      testBuildContext(),
    );
    await p.provision(ctx(ui, comm));
    assert.match(ui.texts('say')[0]!, /^Provisioning with shell script: .*kiln-shell-/);
    assert.deepEqual(ui.texts('message'), ['name=test.null.example type=null', "foo=it's bar=b a r"]);
    assert.deepEqual(ui.texts('error'), ['oops']);
    assert.deepEqual(await readdir(dir.path), [], 'the uploaded script is removed');
  });

  it('fails on an exit code not allowed, and accepts one that is', async () => {
    await using dir = await tempDir();
    await using comm = new LocalCommunicator({ root: dir.path });
    const failing = await shellProvisioner.prepare(
      { inline: ['exit 3'], remote_folder: dir.path },
      testBuildContext(),
    );
    await assert.rejects(failing.provision(ctx(new RecordingUi(), comm)), {
      message: 'Script exited with non-zero exit status: 3. Allowed exit codes are: [0]',
    });
    const allowed = await shellProvisioner.prepare(
      { inline: ['exit 3'], remote_folder: dir.path, valid_exit_codes: [0, 3] },
      testBuildContext(),
    );
    await allowed.provision(ctx(new RecordingUi(), comm));
  });

  it('runs scripts with a custom execute_command, env var file and skip_clean', async () => {
    await using dir = await tempDir();
    await using comm = new LocalCommunicator({ root: dir.path });
    const script = join(dir.path, 'a.sh');
    await writeFile(script, 'echo "script sees $GREETING"\r\n');
    const remote = join(dir.path, 'remote');
    const ui = new RecordingUi();
    const p = await shellProvisioner.prepare(
      {
        scripts: [script],
        environment_vars: ['GREETING=hello'],
        use_env_var_file: true,
        execute_command: 'echo via {{ .Path }}; . {{.EnvVarFile}} && sh {{.Path}}',
        remote_folder: remote,
        remote_file: 'run.sh',
        skip_clean: true,
      },
      testBuildContext(),
    );
    await p.provision(ctx(ui, comm));
    assert.deepEqual(ui.texts('say'), [`Provisioning with shell script: ${script}`]);
    assert.deepEqual(ui.texts('message'), [`via ${remote}/run.sh`, 'script sees hello']);
    const left = await readdir(remote);
    assert.ok(left.includes('run.sh'));
    const varfile = left.find((f) => /^varfile_\d+\.sh$/.test(f));
    assert.ok(varfile);
    // The upload gives the modes Packer's chmod commands give.
    assert.equal((await stat(join(remote, 'run.sh'))).mode & 0o777, 0o755);
    assert.equal((await stat(join(remote, varfile))).mode & 0o777, 0o600);
  });

  it('reports every configuration problem with its attribute path', async () => {
    await assert.rejects(
      shellProvisioner.prepare(
        { inline: ['true'], scripts: ['/nonexistent/a.sh', '/nonexistent/b.sh'], environment_vars: ['NOEQ'] },
        testBuildContext(),
      ),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        const paths = err.diagnostics.map((d) => JSON.stringify(d.path ?? []));
        assert.ok(paths.includes('["inline"]'));
        assert.ok(paths.includes('["scripts",0]'));
        assert.ok(paths.includes('["scripts",1]'));
        assert.ok(paths.includes('["environment_vars",0]'));
        return true;
      },
    );
    await assert.rejects(shellProvisioner.prepare({}, testBuildContext()), {
      message: 'Either a script file or inline script must be specified.',
    });
    await assert.rejects(
      shellProvisioner.prepare({ script: '/nonexistent.sh' }, testBuildContext()),
      (err) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.diagnostics[0]!.path, ['script']);
        return true;
      },
    );
  });

  it('says clearly that it needs a communicator', async () => {
    const p = await shellProvisioner.prepare({ inline: ['true'] }, testBuildContext());
    const noComm = {
      ui: new RecordingUi(),
      signal: new AbortController().signal,
      sessionId: 's',
      generatedData: {},
    } as unknown as ProvisionContext;
    await assert.rejects(p.provision(noComm), /needs a communicator/);
    await assert.rejects(p.provision({ ...noComm, communicator: noCommunicator }), /needs a communicator/);
  });

  it('stops a running script when cancelled', async () => {
    await using dir = await tempDir();
    await using comm = new LocalCommunicator({ root: dir.path });
    const p = await shellProvisioner.prepare(
      { inline: ['sleep 30'], remote_folder: dir.path },
      testBuildContext(),
    );
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 200);
    await assert.rejects(
      p.provision({
        ui: new RecordingUi(),
        communicator: comm,
        signal: ac.signal,
        sessionId: 's',
        generatedData: {},
      }),
    );
    assert.ok(Date.now() - started < 5000);
  });
});
