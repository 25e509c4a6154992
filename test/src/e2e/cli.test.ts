import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hasStackTrace, kiln, startKiln, waitFor, withTemplate } from './cli-helpers.js';
import { kilnOnTerminal, pressEnterAtEachPause, requireScript } from './terminal.js';

/** Alive and not a zombie (an orphan killed by kiln may wait for PID 1 to reap it). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const twoBuilds = {
  variables: { greeting: 'hi' },
  builders: [
    { type: 'null', communicator: 'none' },
    { type: 'null', name: 'two', communicator: 'none' },
  ],
  provisioners: [{ type: 'shell-local', inline: ['echo {{user `greeting`}}, there'] }],
};

describe('kiln command line', () => {
  it('version prints the version', async () => {
    const r = await kiln(['version'], '.');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Kiln v\d+\.\d+\.\d+/);
  });

  it('a legacy provisioner override is rendered for its build, as Packer', async () => {
    const template = JSON.stringify({
      builders: [
        { type: 'null', name: 'one', communicator: 'none' },
        { type: 'null', name: 'two', communicator: 'none' },
      ],
      provisioners: [
        {
          type: 'shell-local',
          inline: ['echo base {{build_name}}'],
          override: { two: { inline: ['echo override {{build_name}}'] } },
        },
      ],
    });
    await withTemplate({ 't.json': template }, async (dir) => {
      const r = await kiln(['build', '-color=false', 't.json'], dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^ {4}one: base one$/m);
      assert.match(r.stdout, /^ {4}two: override two$/m);
    });
  });

  it('build prints Packer-shaped output and the artifact list', async () => {
    await withTemplate({ 't.json': twoBuilds }, async (dir) => {
      const r = await kiln(['build', '-color=false', 't.json'], dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.ok(
        !r.stdout.includes('output will be in this color'),
        'Packer announces colours only with colour on',
      );
      assert.match(r.stdout, /^==> null: Running local shell script: /m);
      assert.match(r.stdout, /^ {4}two: hi, there$/m);
      assert.match(r.stdout, /^Build 'null' finished after \d+ [a-z]+/m);
      assert.match(
        r.stdout,
        /\n==> Wait completed after .+\n\n==> Builds finished\. The artifacts of successful builds are:\n/,
      );
      assert.match(r.stdout, /^--> two: Did not export anything\. This is the null builder$/m);
      assert.ok(!r.stdout.includes('\x1b['), 'no colour with -color=false');
    });
  });

  it('--var and -var both set variables; -only picks builds', async () => {
    await withTemplate({ 't.json': twoBuilds }, async (dir) => {
      const r1 = await kiln(['build', '-var', 'greeting=hello', '-only=two', 't.json'], dir);
      assert.equal(r1.code, 0, r1.stderr);
      assert.match(r1.stdout, /two: hello, there/);
      assert.ok(!r1.stdout.includes('null: output will be'));
      const r2 = await kiln(['build', '--var', 'greeting=howdy', '--except', 'two', 't.json'], dir);
      assert.equal(r2.code, 0, r2.stderr);
      assert.match(r2.stdout, /null: howdy, there/);
      assert.ok(!r2.stdout.includes('two: output will be'));
    });
  });

  it('a failing build exits 1 with the error summary', async () => {
    const t = {
      builders: [{ type: 'null', communicator: 'none' }],
      provisioners: [{ type: 'shell-local', inline: ['exit 3'] }],
    };
    await withTemplate({ 't.json': t }, async (dir) => {
      const r = await kiln(['build', 't.json'], dir);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^Build 'null' errored after .+: .*3/m);
      assert.match(r.stdout, /==> Some builds didn't complete successfully and had errors:\n--> null: /);
      assert.match(r.stdout, /==> Builds finished but no artifacts were created\./);
    });
  });

  it('a failing provisioner runs the error-cleanup-provisioner, unless -on-error=abort', async () => {
    const hcl = `
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["exit 2"] }
  error-cleanup-provisioner "shell-local" { inline = ["echo tidying up"] }
}
`;
    await withTemplate({ 't.pkr.hcl': hcl }, async (dir) => {
      const r = await kiln(['build', 't.pkr.hcl'], dir);
      assert.equal(r.code, 1);
      assert.match(
        r.stdout,
        /==> null\.a: Provisioning step had errors: Running the cleanup provisioner, if present\.\.\.\n/,
      );
      assert.match(r.stdout, /^ {4}null\.a: tidying up$/m);
      const abort = await kiln(['build', '-on-error=abort', 't.pkr.hcl'], dir);
      assert.equal(abort.code, 1);
      assert.ok(!abort.stdout.includes('tidying up'), abort.stdout);
    });
  });

  it('-machine-readable prints timestamp,target,type,data lines', async () => {
    await withTemplate({ 't.json': twoBuilds }, async (dir) => {
      const r = await kiln(['build', '-machine-readable', 't.json'], dir);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      for (const l of lines) assert.match(l, /^\d+,[^,]*,[a-z-]+(,|$)/, l);
      assert.ok(lines.some((l) => /^\d+,,ui,message, {4}null: hi%!\(PACKER_COMMA\) there$/.test(l)));
      assert.ok(lines.some((l) => /^\d+,two,artifact-count,1$/.test(l)));
      assert.ok(lines.some((l) => /^\d+,null,artifact,0,end$/.test(l)));
    });
  });

  it('-output=json prints one JSON event per line', async () => {
    await withTemplate({ 't.json': twoBuilds }, async (dir) => {
      const r = await kiln(['build', '-output=json', 't.json'], dir);
      assert.equal(r.code, 0, r.stderr);
      const events = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.equal(events[0].type, 'start');
      assert.deepEqual(events[0].builds, ['null', 'two']);
      assert.equal(events.at(-1).type, 'summary');
      assert.equal(events.at(-1).builds.length, 2);
    });
  });

  it('the first SIGINT cancels the build, runs its cleanups and exits non-zero', async () => {
    await withTemplate({}, async (dir) => {
      const pidFile = join(dir, 'sleep.pid');
      const t = {
        builders: [{ type: 'null', communicator: 'none' }],
        provisioners: [
          { type: 'shell-local', inline: [`echo $$ > ${pidFile}`, 'echo started', 'exec sleep 60'] },
        ],
        'post-processors': [{ type: 'shell-local', inline: [`touch ${join(dir, 'post-processed')}`] }],
      };
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(dir, 't.json'), JSON.stringify(t));
      const run = startKiln(['build', 't.json'], dir);
      await waitFor(() => run.stdout().includes('null: started'), 30_000, 'the provisioner to start');
      run.child.kill('SIGINT');
      const r = await run.done;
      assert.notEqual(r.code, 0);
      assert.match(r.stdout + r.stderr, /Cancelling build after receiving interrupt/);
      assert.match(r.stdout, /Build 'null' errored after .+: Build was cancelled\./);
      assert.match(r.stdout, /Cleanly cancelled builds after being interrupted\./);
      assert.ok(!existsSync(join(dir, 'post-processed')), 'post-processors do not run after cancel');
      const pid = Number(readFileSync(pidFile, 'utf8'));
      assert.equal(isRunning(pid), false, 'the provisioner process was stopped');
    });
  });

  it('-debug pauses before each provisioner and after each step until Enter is pressed (on a terminal)', async () => {
    requireScript();
    await withTemplate({ 't.json': twoBuilds }, async (dir) => {
      const run = kilnOnTerminal(['build', '-debug', '-only=two', 't.json'], dir);
      try {
        let provisionerPaused = false;
        const { pauses, code } = await pressEnterAtEachPause(run, (pause) => {
          if (pause) return;
          provisionerPaused = true;
          assert.match(run.output(), /Pausing before the next provisioner/);
          assert.ok(!run.output().includes('two: hi'), 'the provisioner waits for Enter');
        });
        assert.ok(provisionerPaused, run.output());
        assert.equal(code, 0, run.output());
        assert.deepEqual(pauses, [
          'after run of connect',
          'after run of provision',
          'before cleanup of provision',
          'before cleanup of connect',
        ]);
        assert.match(run.output(), /Debug mode enabled\. Builds will not be parallelized\./);
        assert.match(run.output(), /two: hi, there/);
      } finally {
        run.kill();
      }
    });
  });

  it('-debug and -on-error=ask are refused without a terminal, before anything runs', async () => {
    await withTemplate({ 't.json': twoBuilds }, async (dir) => {
      for (const flag of ['-debug', '-on-error=ask']) {
        const r = await kiln(['build', flag, 't.json'], dir);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stderr, /needs a terminal to answer on, and stdin is not a terminal/);
        assert.ok(!r.stdout.includes('hi, there'), 'nothing ran');
        assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stderr);
      }
    });
  });

  it('an unknown component type is reported at its place, without a stack trace', async () => {
    const t = {
      builders: [{ type: 'null', communicator: 'none' }],
      provisioners: [{ type: 'no-such-thing' }],
    };
    await withTemplate({ 't.json': t }, async (dir) => {
      for (const cmd of ['build', 'validate']) {
        const r = await kiln([cmd, 't.json'], dir);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /Unknown provisioner type "no-such-thing"/);
        assert.match(r.stderr, /t\.json/);
        assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stderr);
      }
    });
  });

  it('an unknown type that required_plugins would provide says to run kiln init', async () => {
    const hcl = `
packer {
  required_plugins {
    vagrant = {
      source  = "github.com/hashicorp/vagrant"
      version = ">= 1.0"
    }
  }
}
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  post-processor "vagrant" { output = "x.box" }
}
`;
    await withTemplate({ 't.pkr.hcl': hcl }, async (dir) => {
      const r = await kiln(['validate', 't.pkr.hcl'], dir);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Unknown post-processor type "vagrant"/);
      assert.match(r.stderr, /on t\.pkr\.hcl line 13/);
      assert.match(r.stderr, /run `kiln init`/);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
    });
  });

  it('a bad flag is a clear error without a stack trace', async () => {
    const r = await kiln(['build', '-bogus', 'x.json'], '.');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Error: Nonexistent flag: -bogus/m);
    assert.ok(!hasStackTrace(r.stderr), r.stderr);
    const r2 = await kiln(['build', '-on-error=never', 'x.json'], '.');
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /cleanup, abort, ask, run-cleanup-provisioner/);
  });

  it("a kiln {} block's executor is the default; the flag and KILN_EXECUTOR win over it", async () => {
    const tpl =
      'kiln {\n  executor  = "kubernetes"\n  namespace = "builds"\n}\nsource "null" "a" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n  provisioner "shell-local" {\n    inline = ["echo ran-locally"]\n  }\n}\n';
    await withTemplate({ 't.pkr.hcl': tpl }, async (dir) => {
      // The block's executor applies: a remote run cannot keep a local step cache.
      const remote = await kiln(['build', '-cache', '.'], dir);
      assert.equal(remote.code, 1);
      assert.match(
        remote.stderr,
        /-cache keeps its entries on this machine: it works with -executor=local only/,
      );
      assert.ok(!hasStackTrace(remote.stderr), remote.stderr);
      for (const [args, env] of [
        [['build', '-executor=local', '.'], {}],
        [['build', '.'], { KILN_EXECUTOR: 'local' }],
      ] as const) {
        const local = await kiln([...args], dir, env);
        assert.equal(local.code, 0, local.stderr);
        assert.match(local.stdout, /ran-locally/);
      }
    });
  });

  it('a missing template names the file', async () => {
    await withTemplate({}, async (dir) => {
      const r = await kiln(['build', 'missing.json'], dir);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /missing\.json/);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
    });
  });

  it('validate says the configuration is valid, or why not', async () => {
    await withTemplate(
      { 't.json': twoBuilds, 'bad.json': { builders: [{ type: 'null', bogus_setting: 1 }] } },
      async (dir) => {
        const ok = await kiln(['validate', 't.json'], dir);
        assert.equal(ok.code, 0, ok.stderr);
        assert.equal(ok.stdout, 'The configuration is valid.\n');
        const syntax = await kiln(['validate', '-syntax-only', 't.json'], dir);
        assert.equal(syntax.code, 0);
        assert.equal(syntax.stdout, 'Syntax-only check passed. Everything looks okay.\n');
        const bad = await kiln(['validate', 'bad.json'], dir);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /bogus_setting/);
        assert.match(bad.stderr, /bad\.json/);
      },
    );
  });

  it('inspect prints the template like packer inspect', async () => {
    await withTemplate({ 't.json': twoBuilds }, async (dir) => {
      const r = await kiln(['inspect', 't.json'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        /^Packer Inspect: JSON mode\nOptional variables and their defaults:\n\n {2}greeting = hi\n/,
      );
      assert.match(r.stdout, /Builders:\n\n {2}null\n {2}two {2}\(null\)\n/);
      assert.match(r.stdout, /Provisioners:\n\n {2}shell-local\n/);
    });
  });

  it('builds an HCL2 template, masking sensitive values in every format', async () => {
    const hcl = `
variable "pw" {
  default   = "hunter2-secret"
  sensitive = true
}
locals {
  greeting = "hello-\${upper("x")}"
}
source "null" "a" { communicator = "none" }
build {
  name    = "demo"
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo the password is \${var.pw}"] }
}
`;
    await withTemplate({ 't.pkr.hcl': hcl }, async (dir) => {
      for (const format of [[], ['-machine-readable'], ['-output=json'], ['-timestamp-ui']]) {
        const r = await kiln(['build', ...format, 't.pkr.hcl'], dir);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /the password is <sensitive>/);
        assert.ok(!r.stdout.includes('hunter2-secret'), r.stdout);
      }
      const ts = await kiln(['build', '-timestamp-ui', 't.pkr.hcl'], dir);
      assert.match(
        ts.stdout,
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: {5}demo\.null\.a: the password is <sensitive>$/m,
      );
      const inspect = await kiln(['inspect', 't.pkr.hcl'], dir);
      assert.equal(inspect.code, 0, inspect.stderr);
      assert.match(inspect.stdout, /^Packer Inspect: HCL2 mode\n/);
      assert.match(inspect.stdout, /> local-variables:\n\nlocal\.greeting: "hello-X"\n/);
      assert.match(inspect.stdout, /> demo:\n\n {4}sources:\n\n {6}null\.a\n/);
      assert.ok(!inspect.stdout.includes('hunter2-secret'));
    });
  });

  it('plugins installed lists the workspace plugins', async () => {
    const r = await kiln(['plugins', 'installed'], '.');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /@kiln\/plugin-docker \S+ \(workspace: /);
    assert.match(r.stdout, /builder: docker/);
  });
});
