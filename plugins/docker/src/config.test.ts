import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseDuration } from '@kiln/plugin-sdk';
import { dockerBuilder } from './builder.js';
import { DEFAULT_RUN_COMMAND, prepareBuilderConfig } from './config.js';
import { FakeDriver } from './fake-driver.test-helper.js';
import { testBuild } from './test-kit.test-helper.js';

function errors(raw: Record<string, unknown>): { summary: string; path: string }[] {
  const { diagnostics } = prepareBuilderConfig(raw);
  return diagnostics.items
    .filter((d) => d.severity === 'error')
    .map((d) => ({ summary: d.summary, path: (d.path ?? []).join('.') }));
}

describe('docker builder prepare', () => {
  it('fills Packer defaults', () => {
    const { config, diagnostics } = prepareBuilderConfig({ image: 'x', commit: true });
    assert.equal(diagnostics.hasErrors, false);
    assert.equal(config.pull, true);
    assert.deepEqual(config.runCommand, DEFAULT_RUN_COMMAND);
    assert.equal(config.containerDir, '/packer-files');
    assert.equal(config.fixUploadOwner, true);
    assert.equal(config.communicator, 'docker');
  });

  it('needs exactly one of commit, discard, export_path, naming the attribute', () => {
    assert.match(errors({ image: 'x' })[0]!.summary, /One of "commit", "discard" or "export_path"/);
    const both = errors({ image: 'x', commit: true, export_path: '/tmp/x.tar', discard: true });
    assert.deepEqual(
      both.map((e) => e.path),
      ['discard', 'export_path'],
    );
  });

  it('reports every bad changes line at its index', () => {
    const found = errors({
      image: 'x',
      commit: true,
      changes: ['ENV A=1', 'FROM scratch', 'EXPOSE eighty', 'CMD ["a",', 'ONBUILD FROM x', ''],
    });
    assert.deepEqual(
      found.map((e) => e.path),
      ['changes.1', 'changes.2', 'changes.3', 'changes.4', 'changes.5'],
    );
    assert.match(found[0]!.summary, /unsupported instruction "FROM"/);
  });

  it('accepts every instruction Packer accepts', () => {
    const ok = [
      'CMD ["nginx"]',
      'ENTRYPOINT /bin/app',
      'ENV A=1 B=2',
      'EXPOSE 80 53/udp',
      'LABEL a=b',
      'ONBUILD RUN x',
      'USER app',
      'VOLUME /data',
      'WORKDIR /srv',
    ];
    assert.deepEqual(errors({ image: 'x', commit: true, changes: ok }), []);
  });

  it('reports missing image, unknown attributes and bad login together', () => {
    const found = errors({ commit: true, imagee: 'x', login: true, communicator: 'ssh' });
    const paths = found.map((e) => e.path);
    assert.ok(paths.includes('imagee'));
    assert.ok(paths.includes(''));
    assert.ok(paths.includes('login_username'));
    assert.ok(paths.includes('login_password'));
    assert.ok(paths.includes('communicator'));
    assert.ok(found.some((e) => /Missing required argument "image"/.test(e.summary)));
  });

  it('prepare throws a ConfigError carrying run_command problems', async () => {
    const builder = dockerBuilder({ driver: () => new FakeDriver() });
    await assert.rejects(
      builder.prepare(
        { image: 'x', commit: true, run_command: ['-d', '--bogus', '{{.Image}}'] },
        testBuild(),
      ),
      (e: unknown) =>
        e instanceof ConfigError && e.diagnostics.some((d) => d.path?.join('.') === 'run_command.1'),
    );
  });

  it('accepts Packer-only attributes, refuses what it cannot do, parses durations', () => {
    const found = errors({
      image: 'x',
      commit: true,
      windows_container: true,
      ecr_login: true,
      pause_before_connecting: 'soon',
    });
    assert.deepEqual(
      found.map((e) => e.path),
      ['pause_before_connecting', 'windows_container', 'ecr_login'],
    );
    assert.equal(
      prepareBuilderConfig({ image: 'x', commit: true, pause_before_connecting: '1m30s' }).config
        .pauseBeforeConnectingMs,
      90_000,
    );
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('5x'), undefined);
    assert.deepEqual(
      errors({ image: 'x', export_path: '/tmp' }).map((e) => e.path),
      ['export_path'],
    );
  });

  it('warns that changes without commit are ignored', () => {
    const { diagnostics } = prepareBuilderConfig({ image: 'x', discard: true, changes: ['ENV A=1'] });
    assert.equal(diagnostics.hasErrors, false);
    assert.equal(diagnostics.warnings[0]?.path?.[0], 'changes');
  });
});
