import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { hasStackTrace, kiln, withTemplate } from './cli-helpers.js';
import { kilnOnTerminal, pressEnterAtEachPause, requireScript } from './terminal.js';

/** -debug and -on-error with the docker builder, through the real kiln binary and Docker Engine. */

const IMAGE = 'kiln-test/busybox:latest';

const template = (provisioner: string) => `
source "docker" "box" {
  image  = "${IMAGE}"
  pull   = false
  commit = false
  discard = true
}
build {
  sources = ["source.docker.box"]
  provisioner "shell" { inline = [${provisioner}] }
}
`;

const running = (id: string) =>
  spawnSync('docker', ['inspect', '-f', '{{.State.Running}}', id], { encoding: 'utf8' }).stdout.trim() ===
  'true';
const containersOfRun = (run: string) =>
  spawnSync('docker', ['ps', '-aq', '--no-trunc', '--filter', `label=io.kiln.run=${run}`], {
    encoding: 'utf8',
  })
    .stdout.split('\n')
    .filter(Boolean);

describe('build policy with the docker builder (kiln binary, Docker Engine)', () => {
  before(() => {
    const ready = spawnSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' }).status === 0;
    assert.ok(ready, `needs Docker and the ${IMAGE} image: run bash test/env/up.sh docker image`);
  });

  it('-on-error=abort leaves the container running, says how to remove it, and kiln cleanup removes it', async () => {
    await withTemplate({ 'd.pkr.hcl': template('"echo inside", "exit 3"') }, async (dir) => {
      const r = await kiln(['build', '-on-error=abort', 'd.pkr.hcl'], dir);
      const out = r.stdout + r.stderr;
      const id = /Leaving the container running: ([0-9a-f]{64})/.exec(out)?.[1];
      const run = /kiln cleanup -run (\S+) -force/.exec(out)?.[1];
      try {
        assert.equal(r.code, 1, out);
        assert.match(out, /Step "provision" failed, aborting\.\.\./);
        assert.match(out, /aborted: skipping cleanup of step "run"/);
        assert.ok(id && run, out);
        assert.ok(!hasStackTrace(out), out);
        // The plugin has exited: its watchdog left the container alone.
        assert.equal(running(id), true, 'the container still runs after kiln exited');
        assert.deepEqual(containersOfRun(run), [id]);
        const listed = await kiln(['cleanup', '-run', run], dir);
        assert.equal(listed.code, 0, listed.stdout + listed.stderr);
        assert.match(listed.stdout, new RegExp(`^docker\\tcontainer\\t${id}\\tlocal\\trun ${run}$`, 'm'));
        assert.match(listed.stdout, /1 resource\(s\) left behind\. Run again with -force to remove them\./);
        assert.equal(running(id), true, 'listing removes nothing');
        const removed = await kiln(['cleanup', '-run', run, '-force'], dir);
        assert.equal(removed.code, 0, removed.stdout + removed.stderr);
        assert.match(removed.stdout, /Removed 1 resource\(s\)\./);
        assert.deepEqual(containersOfRun(run), [], 'kiln cleanup removed the container');
        const shared = /docker run -v (\/\S+):\/packer-files/.exec(out)?.[1] ?? '';
        assert.ok(shared && !existsSync(shared), `the shared directory ${shared} was removed`);
      } finally {
        if (id) spawnSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
      }
    });
  });

  it('after a failed build the error-cleanup-provisioner runs in the container, then the container is removed (HCL, JSON, a failed export)', async () => {
    const cleanupProvisioner =
      'error-cleanup-provisioner "shell" { inline = ["echo tidying in $(hostname)"] }';
    const hcl = template('"echo inside", "exit 3"').replace(/\n}\n$/, `\n  ${cleanupProvisioner}\n}\n`);
    const json = {
      builders: [{ type: 'docker', image: IMAGE, pull: false, commit: false, discard: true }],
      provisioners: [{ type: 'shell', inline: ['echo inside', 'exit 3'] }],
      'error-cleanup-provisioner': { type: 'shell', inline: ['echo tidying in $(hostname)'] },
    };
    // The provisioners succeed; the export after them fails (its directory is a file).
    const failedExport = `
source "docker" "box" {
  image       = "${IMAGE}"
  pull        = false
  export_path = "blocker/out.tar"
}
build {
  sources = ["source.docker.box"]
  provisioner "shell" { inline = ["echo inside"] }
  ${cleanupProvisioner}
}
`;
    const files = { 'd.pkr.hcl': hcl, 'd.json': json, 'e.pkr.hcl': failedExport, blocker: 'a file' };
    await withTemplate(files, async (dir) => {
      for (const [file, name, failure] of [
        ['d.pkr.hcl', 'docker.box', /Script exited with non-zero exit status: 3/],
        ['d.json', 'docker', /Script exited with non-zero exit status: 3/],
        ['e.pkr.hcl', 'docker.box', /mkdir 'blocker'/],
      ] as const) {
        const r = await kiln(['build', file], dir);
        const out = r.stdout;
        assert.equal(r.code, 1, out + r.stderr);
        assert.match(out + r.stderr, failure);
        const id = /Container ID: ([0-9a-f]{12})/.exec(out)?.[1] ?? '?';
        const order = [
          `    ${name}: inside\n`,
          `==> ${name}: Provisioning step had errors: Running the cleanup provisioner, if present...\n`,
          `    ${name}: tidying in ${id}\n`,
          `==> ${name}: Killing the container: ${id}`,
        ].map((line) => out.indexOf(line));
        assert.ok(
          order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0))),
          `${file}: expected the provisioner, the cleanup provisioner, then the container's removal:\n${out}`,
        );
        assert.equal(out.split('tidying in').length - 1, 1, out);
        assert.ok(!hasStackTrace(out + r.stderr), out + r.stderr);
        assert.equal(
          spawnSync('docker', ['inspect', id], { stdio: 'ignore' }).status,
          1,
          'container removed',
        );
      }
    });
  });

  it('-on-error=run-cleanup-provisioner runs the error-cleanup-provisioner in the container and leaves it running', async () => {
    const hcl = template('"exit 3"').replace(
      /\n}\n$/,
      '\n  error-cleanup-provisioner "shell" { inline = ["echo tidying in $(hostname)"] }\n}\n',
    );
    await withTemplate({ 'd.pkr.hcl': hcl }, async (dir) => {
      const r = await kiln(['build', '-on-error=run-cleanup-provisioner', 'd.pkr.hcl'], dir);
      const out = r.stdout + r.stderr;
      const id = /Leaving the container running: ([0-9a-f]{64})/.exec(out)?.[1];
      const run = /kiln cleanup -run (\S+) -force/.exec(out)?.[1];
      try {
        assert.equal(r.code, 1, out);
        assert.ok(id, out);
        assert.match(r.stdout, new RegExp(`^ {4}docker\\.box: tidying in ${id.slice(0, 12)}$`, 'm'));
        assert.ok(!out.includes('Killing the container'), out);
        assert.match(out, /aborted: skipping cleanup of step "run"/);
        assert.equal(running(id), true, 'the container still runs after kiln exited');
        // What was left (the container and its shared directory) goes the way the output says.
        assert.ok(run, out);
        const removed = await kiln(['cleanup', '-run', run, '-force'], dir);
        assert.equal(removed.code, 0, removed.stdout + removed.stderr);
        const shared = /docker run -v (\/\S+):\/packer-files/.exec(out)?.[1] ?? '';
        assert.ok(shared && !existsSync(shared), `the shared directory ${shared} was removed`);
      } finally {
        if (id) spawnSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
      }
    });
  });

  it('-debug pauses after each step and before each cleanup; the container is there to look at', async () => {
    requireScript();
    await withTemplate({ 'd.pkr.hcl': template('"echo inside"') }, async (dir) => {
      const run = kilnOnTerminal(['build', '-debug', 'd.pkr.hcl'], dir);
      const seenRunning: boolean[] = [];
      try {
        const { pauses, code } = await pressEnterAtEachPause(run, (pause) => {
          if (pause === 'after run of connect') {
            const id = /Container ID: ([0-9a-f]{12,})/.exec(run.output())?.[1] ?? '';
            seenRunning.push(running(id));
          }
        });
        assert.equal(code, 0, run.output());
        const steps = ['temp-dir', 'pull', 'run', 'connect', 'provision'];
        assert.deepEqual(pauses, [
          ...steps.map((s) => `after run of ${s}`),
          ...steps.reverse().map((s) => `before cleanup of ${s}`),
        ]);
        assert.deepEqual(seenRunning, [true], 'the container runs while kiln waits');
        assert.match(run.output(), /docker\.box: inside/);
      } finally {
        run.kill();
      }
    });
  });

  it('-on-error=ask on a terminal: [r] retries the step, [c] cleans up (the error-cleanup-provisioner first)', async () => {
    requireScript();
    const hcl = template('"echo attempt", "exit 3"').replace(
      /\n}\n$/,
      '\n  error-cleanup-provisioner "shell" { inline = ["echo tidying up"] }\n}\n',
    );
    await withTemplate({ 'd.pkr.hcl': hcl }, async (dir) => {
      const run = kilnOnTerminal(['build', '-on-error=ask', 'd.pkr.hcl'], dir);
      const prompts = () => run.output().split('[c] Clean up and exit').length - 1;
      try {
        for (const answer of ['r', 'c']) {
          const want = answer === 'r' ? 1 : 2;
          const end = Date.now() + 60_000;
          while (prompts() < want && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
          assert.equal(prompts(), want, run.output());
          run.type(`${answer}\n`);
        }
        assert.equal(await run.done, 1, run.output());
        assert.equal(run.output().split('docker.box: attempt').length - 1, 2, 'the step ran twice');
        assert.match(run.output(), /Step "provision" failed/);
        const out = run.output();
        assert.equal(out.split('docker.box: tidying up').length - 1, 1, 'the cleanup provisioner ran once');
        assert.ok(
          out.lastIndexOf('[c] Clean up and exit') < out.indexOf('docker.box: tidying up') &&
            out.indexOf('docker.box: tidying up') < out.indexOf('Killing the container'),
          `the cleanup provisioner ran after the answer, before the container's removal:\n${out}`,
        );
        const id = /Container ID: ([0-9a-f]{12,})/.exec(run.output())?.[1] ?? '?';
        assert.equal(spawnSync('docker', ['inspect', id], { stdio: 'ignore' }).status, 1, 'cleaned up');
      } finally {
        run.kill();
      }
    });
  });
});
