import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Artifact, ConfigError } from '@kiln/plugin-sdk';
import { RecordingUi, testBuildContext } from '@kiln/plugin-sdk/testing';
import { shellLocalPostProcessor } from '../post-processor/shell-local.js';
import { shellLocalProvisioner } from '../provisioner/shell-local.js';
import { tempDir } from '../testing/temp-dir.test-helper.js';
import { hostOs } from './run.js';

const signal = new AbortController().signal;

async function provision(cfg: Record<string, unknown>, ui = new RecordingUi(), generatedData = {}) {
  const p = await shellLocalProvisioner.prepare(cfg, testBuildContext());
  await p.provision({ ui, signal, sessionId: 's', generatedData } as never);
  return ui;
}

describe('shell-local', () => {
  it('runs inline commands on this host with {{.Vars}} in the environment', async () => {
    const ui = await provision(
      { inline: ['echo "$PACKER_BUILD_NAME $PACKER_HTTP_ADDR $X"', 'echo err >&2'], env: { X: "a'b" } },
      new RecordingUi(),
      { PackerHTTPAddr: '127.0.0.1:8080' },
    );
    assert.match(ui.texts('say')[0]!, /^Running local shell script: .*kiln-shell-/);
    assert.deepEqual(ui.texts('message'), ["test.null.example 127.0.0.1:8080 a'b"]);
    assert.deepEqual(ui.texts('error'), ['err']);
  });

  it('runs scripts and a command through execute_command', async () => {
    await using dir = await tempDir();
    const script = join(dir.path, 's.sh');
    await writeFile(script, 'echo "arg=$1"\n');
    const ui = await provision({
      script,
      execute_command: ['/bin/sh', '{{.Script}}', 'one'],
    });
    assert.deepEqual(ui.texts('message'), ['arg=one']);
    const out = join(dir.path, 'out.txt');
    await provision({ command: `echo done > ${out}` });
    assert.equal(await readFile(out, 'utf8'), 'done\n');
  });

  it('checks exit codes and skips other operating systems', async () => {
    await assert.rejects(provision({ inline: ['exit 4'] }), {
      message: 'Script exited with non-zero exit status: 4. Allowed exit codes are: [0]',
    });
    await provision({ inline: ['exit 4'], valid_exit_codes: [4] });
    const other = hostOs() === 'windows' ? 'linux' : 'windows';
    const ui = await provision({ inline: ['exit 1'], only_on: [other] });
    assert.deepEqual(ui.texts('say'), ['Skipping shell-local due to runtime OS']);
  });

  it('rejects conflicting and missing options', async () => {
    await assert.rejects(shellLocalProvisioner.prepare({}, testBuildContext()), /cannot all be empty/);
    await assert.rejects(
      shellLocalProvisioner.prepare(
        { command: 'true', inline: ['true'], only_on: ['plan9'], script: '/nonexistent' },
        testBuildContext(),
      ),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        const paths = err.diagnostics.map((d) => JSON.stringify(d.path ?? []));
        assert.ok(paths.includes('["only_on",0]'));
        assert.ok(paths.includes('["script"]'));
        assert.ok(err.diagnostics.some((d) => d.summary.startsWith('You may only specify one of')));
        return true;
      },
    );
  });

  it('post-processor runs with the artifact generated data and keeps its input', async () => {
    const pp = await shellLocalPostProcessor.configure(
      { inline: ['echo "$PACKER_BUILDER_TYPE $PACKER_HTTP_IP"'] },
      testBuildContext({ builderType: 'docker' }),
    );
    const artifact: Artifact = {
      builderId: 'x',
      id: 'id',
      files: [],
      description: 'd',
      state: { generated_data: { PackerHTTPIP: '10.0.2.2' } },
    };
    const ui = new RecordingUi();
    const result = await pp.postProcess({ ui, signal, sessionId: 's' }, artifact);
    assert.equal(result.artifact, artifact);
    assert.equal(result.keep, true);
    assert.equal(result.forceOverride, true);
    assert.deepEqual(ui.texts('message'), ['docker 10.0.2.2']);
  });
});
