import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packer116, requirePacker } from '../reference-packer.js';
import { hasStackTrace, kiln, startKiln, waitFor, withTemplate } from './cli-helpers.js';

/**
 * The test tree's Packer plugin (test/packer-plugin-kilntest, written with
 * packer-plugin-sdk and built by test/env/up.sh packertest) through the
 * bridge, over every RPC path: describe and start, ConfigSpec, Prepare with
 * errors and warnings, Builder.Run with Ui (say, message, error, progress)
 * and Hook, the builder's SSH communicator used by a Packer provisioner and
 * by Kiln's shell provisioner, Kiln's SSH communicator served to a Packer
 * provisioner (exec with stdin/stdout/stderr and exit status, upload,
 * download, directory transfers), a post-processor reading the builder's
 * artifact, Artifact.Destroy, a data source, cancellation and a crash.
 */
const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
const plugin = join(stateDir, 'packer-plugin-kilntest');
const sshKey = join(stateDir, 'sshd', 'id_ed25519');
const unique = `${process.pid}-${Date.now().toString(36)}`;
const remote = `/tmp/kiln-bridge-rpc-${unique}`;

function need(): void {
  assert.ok(existsSync(plugin), `${plugin} is missing: run \`bash test/env/up.sh packertest\``);
  assert.ok(existsSync(sshKey), `${sshKey} is missing: run \`bash test/env/up.sh sshd\``);
}

const ssh = `
  communicator         = "ssh"
  ssh_host             = "127.0.0.1"
  ssh_port             = 2222
  ssh_username         = "root"
  ssh_private_key_file = "${sshKey}"`;

function pluginProcesses(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('packer-plugin-kilntest_');
      } catch {
        return false;
      }
    })
    .map(Number);
}

function hello(dir: string, extra = ''): string {
  return `
  provisioner "kilntest-hello" {
    destination = "${dir}/probe.txt"
    content     = "hello ${unique}"
    command     = "cat ${dir}/probe.txt; echo; echo to-stderr >&2; cat"
    stdin       = "from stdin ${unique}"
    dir_source  = "updir"
    dir_target  = "${dir}/tree"
${extra}
  }`;
}

describe('Packer plugin bridge: every RPC path of a packer-plugin-sdk plugin', { timeout: 300_000 }, () => {
  let pluginPath = '';
  let tmp = '';
  const env = () => ({ KILN_PLUGIN_PATH: pluginPath, TMPDIR: tmp });
  const files = (extra: Record<string, string> = {}) => ({ ...extra });
  const withUpdir = async <T>(t: Record<string, string>, fn: (dir: string) => Promise<T>) =>
    withTemplate(files(t), async (dir) => {
      mkdirSync(join(dir, 'updir'));
      writeFileSync(join(dir, 'updir', 'one.txt'), 'one');
      return fn(dir);
    });

  before(async () => {
    need();
    pluginPath = mkdtempSync(join(tmpdir(), 'kiln-bridge-rpc-plugins-'));
    tmp = mkdtempSync(join(tmpdir(), 'kiln-bridge-rpc-tmp-'));
    const r = await kiln(
      ['plugins', 'install', '-path', plugin, 'github.com/kiln-test/kilntest'],
      tmpdir(),
      env(),
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
  after(() => {
    rmSync(pluginPath, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
    rmSync(remote, { recursive: true, force: true });
  });

  it('lists the four components under their Packer names', async () => {
    const r = await kiln(['plugins', 'installed'], tmpdir(), env());
    assert.match(
      r.stdout,
      /github\.com\/kiln-test\/kilntest 0\.3\.1 \(Packer plugin binary: .*\)\n {2}builder: kilntest\n {2}provisioner: kilntest-hello\n {2}post-processor: kilntest-pp\n {2}data-source: kilntest-ds\n/,
    );
  });

  it('builds with a Packer data source, builder, provisioner and post-processor next to Kiln’s shell provisioner', async () => {
    const template = `
data "kilntest-ds" "d" {
  name  = "kiln"
  count = 3
}
source "kilntest" "a" {${ssh}
  output_file = "out.txt"
  greeting    = data.kilntest-ds.d.greeting
  label {
    name  = "a"
    value = "1"
  }
  label {
    name = "b"
  }
}
build {
  sources = ["source.kilntest.a"]
${hello(`${remote}/a`)}
  provisioner "shell" {
    inline = ["echo shell says \${build.Greeting} with \${build.LabelCount} labels and \${length(data.kilntest-ds.d.numbers)} numbers"]
  }
  post-processor "kilntest-pp" {
    output = "pp.txt"
  }
}
`;
    await withUpdir({ 't.pkr.hcl': template }, async (dir) => {
      const r = await kiln(['build', '-color=false', 't.pkr.hcl'], dir, env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      for (const line of [
        '==> kilntest.a: kilntest builder says "hello kiln"',
        '    kilntest.a: build a of type kilntest, 2 label(s)',
        '    kilntest.a: label a=1',
        '==> kilntest.a: Connected to SSH!',
        '==> kilntest.a: kilntest-hello: greeting from the build is hello kiln',
        `==> kilntest.a: hello ${unique}`,
        '==> kilntest.a: to-stderr',
        `==> kilntest.a: from stdin ${unique}`,
        '    kilntest.a: downloaded what was uploaded',
        '    kilntest.a: directory round trip: 1 entries',
        '    kilntest.a: shell says hello kiln with 2 labels and 3 numbers',
        '==> kilntest.a: kilntest cleanup ran',
        '==> kilntest.a (kilntest-pp): kilntest-pp: builder=kiln.test.kilntest id=a files=[out.txt] answer=42',
        '--> kilntest.a: kilntest wrote [pp.txt]',
      ])
        assert.ok(r.stdout.includes(line), `missing "${line}" in:\n${r.stdout}`);
      assert.equal(
        readFileSync(join(dir, 'pp.txt'), 'utf8'),
        'builder=kiln.test.kilntest id=a files=[out.txt] answer=42\n',
      );
      assert.ok(!existsSync(join(dir, 'out.txt')), 'the input artifact was not destroyed (Artifact.Destroy)');
      assert.equal(readFileSync(`${remote}/a/tree/updir/one.txt`, 'utf8'), 'one');
      assert.deepEqual(pluginProcesses(), [], 'a plugin process is left running');
      assert.deepEqual(readdirSync(tmp), [], 'temp files are left behind');
    });
  });

  it('a Packer builder’s provision step runs the error-cleanup-provisioner in its cleanup (packer_cleanup_provision), before the builder’s cleanup', async () => {
    need();
    const template = `
source "kilntest" "a" {${ssh}
  output_file = "out.txt"
}
build {
  sources = ["source.kilntest.a"]
  provisioner "shell" { inline = ["echo provisioning fails", "exit 4"] }
  error-cleanup-provisioner "shell" { inline = ["echo tidying on $(hostname)"] }
}
`;
    await withUpdir({ 't.pkr.hcl': template }, async (dir) => {
      const r = await kiln(['build', '-color=false', 't.pkr.hcl'], dir, env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const order = [
        '    kilntest.a: provisioning fails\n',
        '==> kilntest.a: Provisioning step had errors: Running the cleanup provisioner, if present...\n',
        '    kilntest.a: tidying on ',
        '==> kilntest.a: kilntest cleanup ran',
      ].map((line) => r.stdout.indexOf(line));
      assert.ok(
        order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0))),
        `expected the failing provisioner, the cleanup provisioner, then the builder's cleanup:\n${r.stdout}`,
      );
      assert.equal(r.stdout.split('tidying on').length - 1, 1, r.stdout);
      assert.deepEqual(pluginProcesses(), [], 'a plugin process is left running');
    });
  });

  it('serves Kiln’s own SSH communicator to a Packer provisioner; a failing command fails the build', async () => {
    const template = (extra: string) => `
source "null" "n" {${ssh}
}
build {
  sources = ["source.null.n"]
${hello(`${remote}/n`, extra)}
}
`;
    await withUpdir({ 'n.pkr.hcl': template('') }, async (dir) => {
      const r = await kiln(['build', '-color=false', 'n.pkr.hcl'], dir, env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.ok(r.stdout.includes(`==> null.n: from stdin ${unique}`), r.stdout);
      assert.ok(r.stdout.includes('    null.n: directory round trip: 1 entries'), r.stdout);
      assert.equal(readFileSync(`${remote}/n/probe.txt`, 'utf8'), `hello ${unique}`);
      assert.equal(readFileSync(`${remote}/n/tree/updir/one.txt`, 'utf8'), 'one');
    });
    await withUpdir({ 'n.pkr.hcl': template('').replace('; cat"', '; exit 3"') }, async (dir) => {
      const r = await kiln(['build', '-color=false', 'n.pkr.hcl'], dir, env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.ok(r.stdout.includes('    null.n: command exited 3'), r.stdout);
      assert.match(r.stdout + r.stderr, /Build 'null\.n' errored after .*: the command exited 3/);
    });
  });

  it('reports Prepare errors at the block and shows warnings', async () => {
    const template = (greeting: string) => `
source "kilntest" "a" {${ssh}
  output_file = "out.txt"
  greeting    = "${greeting}"
}
build {
  sources = ["source.kilntest.a"]
  provisioner "kilntest-hello" {
    content = "x"
  }
}
`;
    await withTemplate({ 't.pkr.hcl': template('hey!') }, async (dir) => {
      // The spec's required attribute is checked from the schema before any Prepare, as hcldec does.
      const r = await kiln(['validate', 't.pkr.hcl'], dir, env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /Error: Missing required argument "destination"\n\n {2}on t\.pkr\.hcl line 13:/);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
    });
    await withTemplate(
      { 't.pkr.hcl': template('hey!').replace('content = "x"', 'destination = "/tmp/x"') },
      async (dir) => {
        const r = await kiln(['validate', 't.pkr.hcl'], dir, env());
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stderr, /Error: greeting must not shout\n\n {2}on t\.pkr\.hcl line 2:/);
        assert.ok(!hasStackTrace(r.stderr), r.stderr);
      },
    );
    await withTemplate(
      { 't.pkr.hcl': template('').replace('content = "x"', 'destination = "/tmp/x"') },
      async (dir) => {
        const r = await kiln(['validate', 't.pkr.hcl'], dir, env());
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stderr, /Warning: greeting is empty: saying nothing/);
      },
    );
  });

  it('a builder error runs its cleanup; a crash is reported with exit code and stderr tail', async () => {
    const template = (failIn: string) => `
source "kilntest" "a" {${ssh}
  output_file = "out.txt"
  greeting    = "hi"
  fail_in     = "${failIn}"
}
build {
  sources = ["source.kilntest.a"]
}
`;
    await withTemplate({ 't.pkr.hcl': template('run') }, async (dir) => {
      const r = await kiln(['build', '-color=false', 't.pkr.hcl'], dir, env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.ok(r.stdout.includes('==> kilntest.a: kilntest cleanup ran'), r.stdout);
      assert.match(
        r.stdout + r.stderr,
        /Build 'kilntest\.a' errored after .*: kilntest was told to fail in run/,
      );
    });
    await withTemplate({ 't.pkr.hcl': template('crash') }, async (dir) => {
      const r = await kiln(['build', '-color=false', 't.pkr.hcl'], dir, env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const out = r.stdout + r.stderr;
      assert.match(
        out,
        /plugin "github\.com\/kiln-test\/kilntest" 0\.3\.1 .* stopped unexpectedly with exit code 7/,
      );
      assert.match(out, /kilntest: crashing on purpose/);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
      assert.deepEqual(pluginProcesses(), []);
    });
  });

  it('uses binaries Packer 1.16 installed in PACKER_PLUGIN_PATH, and ignores one whose _SHA256SUM does not match', async () => {
    const packerDir = mkdtempSync(join(tmpdir(), 'kiln-bridge-rpc-packer-'));
    const emptyKiln = mkdtempSync(join(tmpdir(), 'kiln-bridge-rpc-kiln-'));
    try {
      execFileSync(
        requirePacker(packer116),
        ['plugins', 'install', '--path', plugin, 'github.com/kiln-test/frompacker'],
        {
          env: { ...process.env, PACKER_PLUGIN_PATH: packerDir },
          stdio: 'pipe',
        },
      );
      const penv = { KILN_PLUGIN_PATH: emptyKiln, PACKER_PLUGIN_PATH: packerDir, TMPDIR: tmp };
      const listed = await kiln(['plugins', 'installed'], tmpdir(), penv);
      assert.match(
        listed.stdout,
        /github\.com\/kiln-test\/frompacker 0\.3\.1 \(Packer plugin binary: .*\)\n {2}builder: frompacker\n/,
      );
      await withTemplate(
        {
          't.pkr.hcl': `
source "frompacker" "a" {
  communicator = "none"
  output_file  = "out.txt"
  greeting     = "hi"
}
build {
  sources = ["source.frompacker.a"]
}
`,
        },
        async (dir) => {
          const r = await kiln(['validate', 't.pkr.hcl'], dir, penv);
          assert.equal(r.code, 0, r.stdout + r.stderr);
          const sum = join(
            packerDir,
            'github.com',
            'kiln-test',
            'frompacker',
            'packer-plugin-frompacker_v0.3.1_x5.0_linux_amd64_SHA256SUM',
          );
          writeFileSync(sum, `${'0'.repeat(64)}\n`);
          const bad = await kiln(['validate', 't.pkr.hcl'], dir, penv);
          assert.equal(bad.code, 1, bad.stdout + bad.stderr);
          assert.match(bad.stderr, /Unknown builder type "frompacker"/);
          const why = await kiln(['plugins', 'installed'], tmpdir(), penv);
          assert.match(
            why.stdout,
            /ignored github\.com\/kiln-test\/frompacker: its SHA-256 \([0-9a-f]+\) does not match its _SHA256SUM file/,
          );
        },
      );
    } finally {
      rmSync(packerDir, { recursive: true, force: true });
      rmSync(emptyKiln, { recursive: true, force: true });
    }
  });

  it('Ctrl-C cancels the builder through Builder.Cancel; its cleanup runs and nothing is left', async () => {
    await withTemplate(
      {
        't.pkr.hcl': `
source "kilntest" "a" {${ssh}
  output_file = "out.txt"
  greeting    = "hi"
  fail_in     = "wait"
}
build {
  sources = ["source.kilntest.a"]
}
`,
      },
      async (dir) => {
        const run = startKiln(['build', '-color=false', 't.pkr.hcl'], dir, env());
        await waitFor(() => run.stdout().includes('kilntest waiting to be cancelled'), 60_000, 'the builder');
        // Builder.Run left a scratch directory in the plugin's private $TMPDIR.
        const scratch = /scratch (\S+)/.exec(run.stdout())?.[1] ?? '';
        assert.ok(scratch.startsWith(tmp) && existsSync(scratch), run.stdout());
        run.child.kill('SIGINT');
        const r = await run.done;
        assert.notEqual(r.code, 0);
        assert.ok(r.stdout.includes('==> kilntest.a: kilntest cleanup ran'), r.stdout);
        assert.ok(!hasStackTrace(r.stderr), r.stderr);
        assert.ok(!existsSync(scratch), 'the builder’s scratch directory is left');
        assert.ok(!existsSync(join(dir, 'out.txt')), 'the cancelled build wrote its output');
        assert.deepEqual(pluginProcesses(), []);
        assert.deepEqual(readdirSync(tmp), []);
      },
    );
  });

  it('Ctrl-C during a Packer post-processor cancels it through PostProcessor.Cancel; nothing is left', async () => {
    await withTemplate(
      {
        't.pkr.hcl': `
source "kilntest" "a" {${ssh}
  output_file = "out.txt"
  greeting    = "hi"
}
build {
  sources = ["source.kilntest.a"]
  post-processor "kilntest-pp" {
    output          = "pp.txt"
    wait_for_cancel = true
  }
}
`,
      },
      async (dir) => {
        const run = startKiln(['build', '-color=false', 't.pkr.hcl'], dir, env());
        await waitFor(
          () => run.stdout().includes('kilntest-pp waiting to be cancelled'),
          60_000,
          'the post-processor',
        );
        // The post-processor left a scratch directory in its private $TMPDIR.
        const scratch = /scratch (\S+)/.exec(run.stdout())?.[1] ?? '';
        assert.ok(scratch.startsWith(tmp) && existsSync(scratch), run.stdout());
        run.child.kill('SIGINT');
        const r = await run.done;
        assert.notEqual(r.code, 0);
        assert.ok(r.stdout.includes('kilntest-pp saw the cancellation'), r.stdout);
        assert.match(r.stdout + r.stderr, /cancel|interrupt/i);
        assert.doesNotMatch(r.stdout + r.stderr, /context canceled/);
        assert.ok(!hasStackTrace(r.stderr), r.stderr);
        assert.ok(!existsSync(join(dir, 'pp.txt')), 'the post-processor wrote its output');
        assert.ok(!existsSync(scratch), 'the post-processor’s scratch directory is left');
        assert.deepEqual(pluginProcesses(), [], 'a plugin process is left running');
        assert.deepEqual(readdirSync(tmp), [], 'temp files are left behind');
      },
    );
  });

  it('Ctrl-C while a Packer provisioner runs a command on Kiln’s communicator stops it; nothing is left', async () => {
    const template = `
source "null" "n" {${ssh}
}
build {
  sources = ["source.null.n"]
${hello(`${remote}/c`).replace('; cat"', `; echo; echo started-${unique}; sleep 15"`)}
}
`;
    await withUpdir({ 'n.pkr.hcl': template }, async (dir) => {
      const run = startKiln(['build', '-color=false', 'n.pkr.hcl'], dir, env());
      await waitFor(() => run.stdout().includes(`started-${unique}`), 60_000, 'the remote command');
      run.child.kill('SIGINT');
      const r = await run.done;
      assert.notEqual(r.code, 0);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
      assert.deepEqual(pluginProcesses(), [], 'a plugin process is left running');
      assert.deepEqual(readdirSync(tmp), []);
    });
  });
});
