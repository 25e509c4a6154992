// `kiln build -executor=kubernetes` against the test environment's real
// single-node cluster (test/env/kube.sh): Kiln's image is built from the
// Dockerfile and imported into the cluster's containerd; builds run as Jobs
// in a namespace of this suite's own, removed at the end.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { kiln, startKiln, waitFor, withTemplate } from './cli-helpers.js';
import { buildKilnImage, removeImages, stageContext } from './kiln-image.js';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const STATE = process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
const KUBECONFIG = join(STATE, 'kube', 'kubeconfig');
const KUBECTL = join(STATE, 'kube-bin', 'kubectl');
const CONTAINERD = join(STATE, 'kube', 'containerd.sock');
const BASE = process.env.KILN_TEST_NODE_BASE ?? 'kiln-test/node-base:20';
const unique = `${process.pid}-${Date.now().toString(36)}`;
const IMAGE = `kiln-test/kiln-k8s:${unique}`;
const NS = `kiln-e2e-${unique}`;
const SECRET = `s3cr3t-${unique}`;

function sh(cmd: string, args: string[], timeout = 60_000) {
  return spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout, maxBuffer: 256 << 20 });
}

function kubectl(...args: string[]): string {
  const r = sh(KUBECTL, ['--kubeconfig', KUBECONFIG, ...args]);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.error?.message ?? ''}${r.stderr}`);
  return r.stdout;
}

/** Why the cluster cannot be used, or false. */
function missing(): string | false {
  if (!existsSync(KUBECTL) || !existsSync(KUBECONFIG))
    return `the single-node cluster is not set up (${KUBECONFIG}); run: sudo bash test/env/up.sh kube`;
  const ready = sh(KUBECTL, [
    '--kubeconfig',
    KUBECONFIG,
    'get',
    'node',
    'localhost',
    '-o',
    'jsonpath={.status.conditions[?(@.type=="Ready")].status}',
  ]);
  if (ready.stdout.trim() !== 'True')
    return `the cluster's node is not Ready (${ready.stderr.trim()}); run: sudo bash test/env/up.sh kube`;
  if (sh('docker', ['image', 'inspect', BASE]).status !== 0)
    return `needs the Docker Engine and ${BASE}: run bash test/env/up.sh docker nodebase`;
  if (!existsSync(join(ROOT, 'cli/dist/main.js'))) return 'needs the built workspace (npm run setup)';
  return false;
}

const env = { KUBECONFIG, KILN_KUBERNETES_HOST_NETWORK: '1' };
const kube = ['-executor=kubernetes', `-namespace=${NS}`, `-image=${IMAGE}`];

/**
 * Output without what differs between any two runs: durations, temporary
 * script names, and a docker build's container id, address and shared
 * directory.
 */
function normalize(text: string): string {
  return text
    .replace(/after \d[\w ]*?(seconds?|milliseconds?|microseconds?|minutes?)( \d+ \w+)*/g, 'after <time>')
    .replace(/\/tmp\/kiln-shell-\S+/g, '<script>')
    .replace(/\S*kiln-docker-[\w-]+/g, '<shared>')
    .replace(/\b[0-9a-f]{64}\b/g, '<id>')
    .replace(/\b\d+\.\d+\.\d+\.\d+\b/g, '<ip>');
}

/** The names of this suite's namespace's objects a run makes. */
function runObjects(): string[] {
  return kubectl(
    '-n',
    NS,
    'get',
    'jobs,pods,configmaps,secrets',
    '-l',
    'app.kubernetes.io/managed-by=kiln',
    '-o',
    'name',
  )
    .split('\n')
    .filter(Boolean);
}

const NULL_TEMPLATE = `
variable "word" {
  type    = string
  default = "hello"
}
variable "token" {
  type      = string
  default   = "none"
  sensitive = true
}
source "null" "one" {
  communicator = "none"
}
source "null" "two" {
  communicator = "none"
}
source "null" "bad" {
  communicator = "none"
}
source "docker" "box" {
  image   = "kiln-test/busybox:latest"
  pull    = false
  discard = true
}
build {
  sources = ["source.null.one", "source.null.two", "source.null.bad", "source.docker.box"]
  provisioner "shell-local" {
    inline = ["echo \${var.word} from \${source.name} token \${var.token}"]
  }
  provisioner "shell-local" {
    only   = ["null.bad"]
    inline = ["echo failing", "exit 3"]
  }
}
`;

const FILES_TEMPLATE = `
source "null" "one" {
  communicator = "none"
}
source "null" "two" {
  communicator = "none"
}
source "null" "big" {
  communicator = "none"
}
build {
  sources = ["source.null.one", "source.null.two", "source.null.big"]
  provisioner "shell-local" {
    except = ["null.big"]
    inline = ["mkdir -p out", "echo from \${source.name} > out/\${source.name}.txt", "chmod 750 out/\${source.name}.txt", "echo \${source.name} > shared.txt"]
  }
  provisioner "shell-local" {
    only   = ["null.big"]
    inline = ["head -c 262144 /dev/urandom > big.bin"]
  }
  post-processor "manifest" {
    only   = ["null.one", "null.two"]
    output = "manifest.json"
  }
}
`;

interface Manifest {
  builds: ({ name: string } & Record<string, unknown>)[];
  last_run_uuid: string;
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tree(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

describe('kiln build -executor=kubernetes (a real single-node cluster)', { timeout: 900_000 }, () => {
  let stage = '';

  before(() => {
    const why = missing();
    if (why) throw new Error(`kubernetes executor suite: ${why}`);
    stage = mkdtempSync(join(tmpdir(), 'kiln-k8s-context-'));
    stageContext(stage);
    const t0 = Date.now();
    const built = buildKilnImage(stage, IMAGE, BASE, { timeout: 600_000 });
    if (built.status !== 0)
      throw new Error(`docker build of Kiln's image failed: ${built.stderr.slice(-2000)}`);
    const t1 = Date.now();
    const imported = spawnSync(
      'bash',
      ['-c', `docker save "$1" | ctr --address "$2" -n k8s.io images import -`, 'import', IMAGE, CONTAINERD],
      { encoding: 'utf8', timeout: 300_000 },
    );
    if (imported.status !== 0)
      throw new Error(`importing ${IMAGE} into the cluster failed: ${imported.stderr}`);
    console.log(
      `# built ${IMAGE} in ${Math.round((t1 - t0) / 1000)} s, imported it into the cluster in ${Math.round((Date.now() - t1) / 1000)} s`,
    );
    kubectl('create', 'namespace', NS);
  });

  after(() => {
    spawnSync(
      KUBECTL,
      ['--kubeconfig', KUBECONFIG, 'delete', 'namespace', NS, '--wait=true', '--timeout=120s'],
      {
        stdio: 'ignore',
        timeout: 150_000,
      },
    );
    spawnSync('ctr', ['--address', CONTAINERD, '-n', 'k8s.io', 'images', 'rm', `docker.io/${IMAGE}`], {
      stdio: 'ignore',
    });
    removeImages(IMAGE);
    if (stage) rmSync(stage, { recursive: true, force: true });
  });

  it('runs a template of four sources (null and docker) as Jobs: the same output and exit code as a local run, a failing build included', async () => {
    await withTemplate({ 'box.pkr.hcl': NULL_TEMPLATE }, async (dir) => {
      const args = ['build', '-color=false', '-parallel-builds=1', '-var', 'word=hi', '.'];
      const local = await kiln(args, dir, env);
      const remote = await kiln([...args.slice(0, -1), ...kube, '.'], dir, env);
      assert.equal(local.code, 1, `local run: ${local.stdout}${local.stderr}`);
      assert.equal(remote.code, 1, `kubernetes run: ${remote.stdout}${remote.stderr}`);
      assert.equal(normalize(remote.stdout), normalize(local.stdout));
      assert.match(remote.stdout, /null\.one: hi from one token <sensitive>/);
      assert.match(remote.stdout, /--> null\.bad: Script exited with non-zero exit status: 3/);
      assert.match(remote.stdout, /docker\.box: hi from box token <sensitive>/);
      assert.match(remote.stdout, /docker\.box: Killing the container/);
      assert.deepEqual(runObjects(), [], 'a finished run leaves no Job, pod, ConfigMap or Secret');

      const ok = await kiln(['build', '-color=false', '-only=null.one,null.two', ...kube, '.'], dir, env);
      assert.equal(ok.code, 0, `${ok.stdout}${ok.stderr}`);
      assert.match(ok.stdout, /--> null\.two: Did not export anything/);
      const machine = ['build', '-machine-readable', '-parallel-builds=1', '-only=null.one,null.bad', '.'];
      const localMachine = await kiln(machine, dir, env);
      const remoteMachine = await kiln([...machine.slice(0, -1), ...kube, '.'], dir, env);
      assert.equal(remoteMachine.code, localMachine.code);
      const stamps = (t: string) =>
        normalize(t)
          .replace(/^\d+,/gm, '<ts>,')
          .replace(/,\d+(\.\d+)?(,|$)/gm, ',<n>$2');
      assert.equal(stamps(remoteMachine.stdout), stamps(localMachine.stdout));
      const json = await kiln(['build', '-output=json', '-only=null.one', ...kube, '.'], dir, env);
      assert.equal(json.code, 0, `${json.stdout}${json.stderr}`);
      const types = json.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { type: string }).type);
      assert.equal(types[0], 'start');
      assert.equal(types.at(-1), 'summary');
      assert.ok(types.includes('build-finished'));
    });
  });

  it('files the builds write in their pods come back: manifests merge as in a local run, over the limit nothing', async () => {
    const args = ['build', '-color=false', '.'];
    const local = await withTemplate({ 'files.pkr.hcl': FILES_TEMPLATE }, async (dir) => {
      const r = await kiln(args, dir, env);
      assert.equal(r.code, 0, `local run: ${r.stdout}${r.stderr}`);
      return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    });
    await withTemplate({ 'files.pkr.hcl': FILES_TEMPLATE }, async (dir) => {
      const r = await kiln([...args.slice(0, -1), ...kube, '.'], dir, {
        ...env,
        KILN_KUBERNETES_FILES_MAX_SIZE: '64KiB',
      });
      assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
      for (const b of ['one', 'two'])
        assert.match(
          r.stdout,
          new RegExp(
            `==> null\\.${b}: 3 files came back from the pod \\(manifest\\.json, out/${b}\\.txt, shared\\.txt\\)`,
          ),
        );
      // Both builds wrote shared.txt: the last one's stays, with a warning naming both.
      assert.match(r.stdout, /shared\.txt came back from both null\.(one|two) and null\.(one|two)/);
      assert.match(
        r.stdout,
        /==> null\.big: The files the build wrote in its pod did not come back: compressed, they come to more than 64\.0 KiB, the limit .*Nothing of them was written here: big\.bin \(256\.0 KiB\)\. Push large outputs somewhere from the template instead \(docs\/kubernetes\.md/,
      );
      // What a local run leaves, but big.bin; no temporary file.
      assert.deepEqual(tree(dir), [
        'files.pkr.hcl',
        'manifest.json',
        'out/one.txt',
        'out/two.txt',
        'shared.txt',
      ]);
      assert.equal(readFileSync(join(dir, 'out/one.txt'), 'utf8'), 'from one\n');
      assert.equal(statSync(join(dir, 'out/two.txt')).mode & 0o777, 0o750);
      assert.match(readFileSync(join(dir, 'shared.txt'), 'utf8'), /^(one|two)\n$/);
      // The manifest holds both builds, of one run, as a local run's does.
      const remote = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
      const shape = (m: Manifest) => ({
        keys: Object.keys(m),
        builds: m.builds
          .map((b) => ({
            ...b,
            build_time: typeof b.build_time,
            packer_run_uuid: b.packer_run_uuid === m.last_run_uuid,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      });
      assert.deepEqual(shape(remote), shape(local));
      assert.equal(remote.builds.length, 2);
    });
  });

  it('builds seed 002 (docker) through the node engine and tags the image', async () => {
    const repo = `kiln-k8s-e2e/seed002-${unique}`;
    const tmpBefore = new Set(readdirSync(tmpdir()));
    try {
      const r = await kiln(
        [
          'build',
          '-color=false',
          ...kube,
          '-var',
          `repository=${repo}`,
          join(ROOT, 'test/fixtures/templates/seed-002-docker-vars-local.json'),
        ],
        ROOT,
        env,
      );
      assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /--> docker: Imported Docker image: sha256:[0-9a-f]+/);
      const tagged = sh('docker', ['image', 'inspect', '-f', '{{.Id}}', `${repo}:0.1.0`]);
      assert.equal(tagged.status, 0, `the image ${repo}:0.1.0 exists on the node's engine`);
      const proof = sh('docker', ['run', '--rm', `${repo}:0.1.0`, 'cat', '/var/code/proof']);
      assert.equal(proof.stdout.trim(), 'built');
      // The shared directory was made where the node's engine sees it (same
      // path in the pod and on the node), and removed with the build.
      const shared = existsSync('/tmp/kiln')
        ? readdirSync('/tmp/kiln').filter((n) => n.startsWith('kiln-docker-'))
        : [];
      assert.deepEqual(shared, [], 'no shared directory of the build is left on the node');
      // Had the path been the pod's own, the engine would have made an empty
      // one on the node (mode 0755; Kiln makes its own 0700) and left it.
      const engineMade = readdirSync(tmpdir()).filter(
        (n) =>
          n.startsWith('kiln-docker-') &&
          !tmpBefore.has(n) &&
          (statSync(join(tmpdir(), n), { throwIfNoEntry: false })?.mode ?? 0) % 0o1000 === 0o755,
      );
      assert.deepEqual(engineMade, [], 'the engine made no directory on the node for the build');
    } finally {
      sh('docker', ['rmi', '-f', `${repo}:0.1.0`]);
    }
  });

  it('Ctrl-C deletes the Jobs, pods, ConfigMaps and Secrets; a sensitive value is in no object; kiln { placement } shapes the Job', async () => {
    const template = `
kiln {
  placement "null.*" {
    node_selector = { "kubernetes.io/hostname" = "localhost" }
    requests      = { cpu = "10m" }
  }
  placement "null.slow" {
    limits = { memory = "1Gi" }
  }
}
variable "token" {
  type      = string
  sensitive = true
}
source "null" "slow" {
  communicator = "none"
}
build {
  sources = ["source.null.slow"]
  provisioner "shell-local" {
    inline = ["echo started with \${var.token}", "sleep 300"]
  }
}
`;
    await withTemplate({ 'slow.pkr.hcl': template }, async (dir) => {
      const run = startKiln(['build', '-color=false', ...kube, '-var', `token=${SECRET}`, '.'], dir, env);
      await waitFor(() => /started with/.test(run.stdout()), 90_000, 'the build to start in its pod');
      const objects = runObjects();
      assert.ok(
        objects.some((o) => o.startsWith('job')),
        `a Job runs: ${objects.join(' ')}`,
      );
      assert.ok(
        objects.some((o) => o.startsWith('secret')),
        `a Secret holds the variables: ${objects.join(' ')}`,
      );
      const yaml = kubectl('-n', NS, 'get', 'jobs,pods,configmaps,secrets', '-o', 'yaml');
      assert.ok(!yaml.includes(SECRET), 'the sensitive value is in no object (kubectl get -o yaml)');
      const jobs = kubectl('-n', NS, 'get', 'jobs', '-o', 'json');
      assert.ok(!jobs.includes(SECRET) && !jobs.includes(Buffer.from(SECRET).toString('base64')));
      const pod = (
        JSON.parse(jobs) as {
          items: {
            spec: {
              template: {
                spec: {
                  nodeSelector?: Record<string, string>;
                  containers: { resources?: Record<string, Record<string, string>> }[];
                };
              };
            };
          }[];
        }
      ).items[0]!.spec.template.spec;
      assert.deepEqual(pod.nodeSelector, { 'kubernetes.io/hostname': 'localhost' });
      assert.deepEqual(pod.containers[0]!.resources, { requests: { cpu: '10m' }, limits: { memory: '1Gi' } });
      run.child.kill('SIGINT');
      const done = await run.done;
      assert.equal(done.code, 1, `${done.stdout}${done.stderr}`);
      assert.match(done.stdout, /Cleanly cancelled builds after being interrupted/);
      assert.ok(
        !`${done.stdout}${done.stderr}`.includes(SECRET),
        'the sensitive value is masked in the output',
      );
      assert.deepEqual(runObjects(), [], 'nothing of the interrupted run remains');
    });
  });

  it('kiln cleanup -executor=kubernetes lists and removes what a killed run left', async () => {
    await withTemplate(
      {
        'slow.pkr.hcl':
          'source "null" "slow" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.slow"]\n  provisioner "shell-local" {\n    inline = ["echo started", "sleep 300"]\n  }\n}\n',
      },
      async (dir) => {
        const run = startKiln(['build', '-color=false', ...kube, '.'], dir, env);
        await waitFor(() => /started/.test(run.stdout()), 90_000, 'the build to start in its pod');
        run.child.kill('SIGKILL');
        await run.done;
        assert.ok(runObjects().length >= 4, `a killed run leaves its objects: ${runObjects().join(' ')}`);
        const listed = await kiln(['cleanup', '-executor=kubernetes', `-namespace=${NS}`], dir, env);
        assert.equal(listed.code, 0, `${listed.stdout}${listed.stderr}`);
        assert.match(listed.stdout, /kubernetes\tJob\tkiln-/);
        assert.match(listed.stdout, /resource\(s\) left behind\. Run again with -force/);
        const removed = await kiln(
          ['cleanup', '-executor=kubernetes', `-namespace=${NS}`, '-force'],
          dir,
          env,
        );
        assert.equal(removed.code, 0, `${removed.stdout}${removed.stderr}`);
        assert.deepEqual(runObjects(), []);
      },
    );
  });

  it('errors name the context and what failed', async () => {
    await withTemplate({ 'box.pkr.hcl': NULL_TEMPLATE }, async (dir) => {
      const r = await kiln(['build', '-executor=kubernetes', '-namespace=no-such-namespace', '.'], dir, env);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /Kubernetes context "kiln-test" \(https:\/\/127\.0\.0\.1:\d+\), namespace no-such-namespace: checking namespace no-such-namespace: not found/,
      );
      assert.doesNotMatch(r.stderr, /\n\s+at /);

      const image = `kiln-test/no-such-image:${unique}`;
      const pull = await kiln(
        [
          'build',
          '-color=false',
          '-only=null.one',
          '-executor=kubernetes',
          `-namespace=${NS}`,
          `-image=${image}`,
          '.',
        ],
        dir,
        env,
      );
      assert.equal(pull.code, 1, `${pull.stdout}${pull.stderr}`);
      assert.match(
        pull.stdout,
        new RegExp(
          `--> null\\.one: the pod kiln-\\S+ of Job kiln-\\S+ cannot start: (ErrImagePull|ImagePullBackOff): .*\\(image ${image};`,
        ),
      );
      assert.deepEqual(runObjects(), [], 'a build whose pod could not start leaves nothing');
    });
  });
});
