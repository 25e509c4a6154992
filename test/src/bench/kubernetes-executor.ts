import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageContext } from '../e2e/kiln-image.js';
import type { BenchContext } from './context.js';
import type { BenchSection } from './report.js';

const BUILDS = 20;
const STATE = process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
const KUBECONFIG = join(STATE, 'kube', 'kubeconfig');
const KUBECTL = join(STATE, 'kube-bin', 'kubectl');
const CONTAINERD = join(STATE, 'kube', 'containerd.sock');
const BASE = process.env.KILN_TEST_NODE_BASE ?? 'kiln-test/node-base:20';

/** 20 null builds, each a one-second shell-local provisioner. */
function template(): string {
  const sources = Array.from(
    { length: BUILDS },
    (_, i) => `source "null" "b${i}" {\n  communicator = "none"\n}\n`,
  ).join('');
  const names = Array.from({ length: BUILDS }, (_, i) => `"source.null.b${i}"`).join(', ');
  return `${sources}build {\n  sources = [${names}]\n  provisioner "shell-local" {\n    inline = ["sleep 1"]\n  }\n}\n`;
}

function sh(cmd: string, args: string[], timeout = 600_000, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 << 20,
    env: { ...process.env, ...env },
  });
}

/**
 * The scale figure of `kiln build -executor=kubernetes`: 20 builds of a small
 * template on the test environment's single-node cluster with
 * -parallel-builds 4 and unlimited, against the same builds run locally.
 * One run each (a run is 20 Jobs); the image is built and imported first,
 * outside the figures.
 */
export async function kubernetesExecutorBench(ctx: BenchContext): Promise<BenchSection> {
  if (!existsSync(KUBECTL) || !existsSync(KUBECONFIG))
    throw new Error('needs the single-node cluster (sudo bash test/env/up.sh kube)');
  const unique = `${process.pid}-${Date.now().toString(36)}`;
  const image = `kiln-bench/kiln-k8s:${unique}`;
  const ns = `kiln-bench-${unique}`;
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-k8s-'));
  const stage = mkdtempSync(join(tmpdir(), 'kiln-bench-k8s-context-'));
  try {
    stageContext(stage);
    const built = sh('docker', [
      'build',
      '-q',
      '--build-arg',
      `BASE_IMAGE=${BASE}`,
      '--build-arg',
      'PREBUILT=1',
      '-t',
      image,
      stage,
    ]);
    if (built.status !== 0)
      throw new Error(`docker build of Kiln's image failed: ${built.stderr.slice(-500)}`);
    const imported = sh('bash', [
      '-c',
      'docker save "$1" | ctr --address "$2" -n k8s.io images import -',
      '_',
      image,
      CONTAINERD,
    ]);
    if (imported.status !== 0) throw new Error(`importing the image failed: ${imported.stderr}`);
    sh(KUBECTL, ['--kubeconfig', KUBECONFIG, 'create', 'namespace', ns]);
    writeFileSync(join(dir, 'many.pkr.hcl'), template());
    const [node, ...kiln] = ctx.kiln as [string, ...string[]];
    const env = { KUBECONFIG, KILN_KUBERNETES_HOST_NETWORK: '1' };
    const timed = (extra: string[]): string => {
      const t0 = performance.now();
      const r = spawnSync(node, [...kiln, 'build', '-color=false', ...extra, dir], {
        encoding: 'utf8',
        timeout: 900_000,
        env: { ...process.env, ...env },
      });
      const s = (performance.now() - t0) / 1000;
      return r.status === 0
        ? `${s.toFixed(1)} s`
        : `failed (exit ${r.status}): ${(r.stderr || r.stdout).slice(-200)}`;
    };
    const kube = ['-executor=kubernetes', `-namespace=${ns}`, `-image=${image}`];
    const local4 = timed(['-parallel-builds=4']);
    const localAll = timed([]);
    const kube4 = timed([...kube, '-parallel-builds=4']);
    const kubeAll = timed(kube);
    return {
      title: 'Builds on a cluster',
      rows: [
        {
          benchmark: `${BUILDS} null builds (1 s provisioner each), -executor=kubernetes -parallel-builds=4: wall time`,
          kiln: kube4,
          peer: local4,
          peerName: 'the same builds run locally, -parallel-builds=4',
          target: 'report',
          verdict: 'report',
        },
        {
          benchmark: `${BUILDS} null builds, -executor=kubernetes, no limit: wall time`,
          kiln: kubeAll,
          peer: localAll,
          peerName: 'the same builds run locally, no limit',
          target: 'report',
          verdict: 'report',
        },
      ],
      notes: [
        "One run each on the test environment's single-node cluster (test/env/kube.sh) on this machine: every Job's pod starts a Node.js process running `kiln build -only=<build>`, so on one node the cluster adds pod start-up and that process to each build; the figure says what a run costs to distribute, not what more nodes would gain.",
        "Kiln's image is built from the Dockerfile and imported into the cluster's containerd first, outside the figures.",
      ],
    };
  } finally {
    sh(
      KUBECTL,
      ['--kubeconfig', KUBECONFIG, 'delete', 'namespace', ns, '--wait=true', '--timeout=120s'],
      150_000,
    );
    sh('ctr', ['--address', CONTAINERD, '-n', 'k8s.io', 'images', 'rm', `docker.io/${image}`]);
    sh('docker', ['rmi', image]);
    rmSync(dir, { recursive: true, force: true });
    rmSync(stage, { recursive: true, force: true });
  }
}
