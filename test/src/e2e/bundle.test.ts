import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { staleBundles } from '../stale-bundles.js';
import { kiln, withTemplate } from './cli-helpers.js';

const repo = new URL('../../../', import.meta.url);
const dockerReady = spawnSync('docker', ['image', 'inspect', 'kiln-test/busybox:latest']).status === 0;

/** A docker source (served by the docker plugin process) and a built-in null builder with shell-local. */
const TEMPLATE = `
source "docker" "busybox" {
  image  = "kiln-test/busybox:latest"
  pull   = false
  commit = true
}
source "null" "local" {
  communicator = "none"
}
build {
  sources = ["source.docker.busybox", "source.null.local"]
  provisioner "shell-local" {
    only   = ["null.local"]
    inline = ["echo from-shell-local"]
  }
}
`;

describe('kiln runs from its bundles and from the compiled files alike', () => {
  it('scripts/bundle.mjs made current bundles of the command line and the plugins (npm test runs it)', () => {
    assert.deepEqual(staleBundles(repo), [], 'run node scripts/bundle.mjs');
  });

  for (const mode of ['bundled', 'compiled'] as const) {
    it(`validates a template with a plugin builder and built-ins (${mode})`, {
      skip: dockerReady ? false : 'needs the test image kiln-test/busybox (test/env/up.sh)',
    }, async () => {
      const env = mode === 'compiled' ? { KILN_NO_BUNDLE: '1' } : {};
      await withTemplate({ 't.pkr.hcl': TEMPLATE }, async (dir) => {
        const r = await kiln(['validate', '.'], dir, env);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.equal(r.stdout, 'The configuration is valid.\n');
        const b = await kiln(['build', '-only=null.local', '.'], dir, env);
        assert.equal(b.code, 0, b.stdout + b.stderr);
        assert.match(b.stdout, /from-shell-local/);
      });
      await withTemplate(
        {
          't.pkr.hcl':
            'source "docker" "x" {\n  image = 1\n  bogus = true\n}\nbuild { sources = ["source.docker.x"] }\n',
        },
        async (dir) => {
          const r = await kiln(['validate', '.'], dir, env);
          assert.equal(r.code, 1);
          assert.match(r.stderr, /t\.pkr\.hcl line 3/);
          assert.match(r.stderr, /bogus/);
        },
      );
    });
  }
});
