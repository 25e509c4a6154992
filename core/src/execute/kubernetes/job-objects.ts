import type {
  V1ConfigMap,
  V1Job,
  V1ObjectMeta,
  V1Secret,
  V1Volume,
  V1VolumeMount,
} from '@kubernetes/client-node';
import { POD_FILES_ENV, type PodFilesSetting } from './pod-files.js';
import { RUN_FILE, type RunPayload, SECRET_MOUNT, TEMPLATE_ARCHIVE, TEMPLATE_MOUNT } from './run-payload.js';

/** The labels of everything a run creates: `kiln cleanup` and Ctrl-C find it by them. */
export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const RUN_LABEL = 'kiln/run';
export const BUILD_LABEL = 'kiln/build';

/** A finished Job (and so its pod, ConfigMap and Secret) is removed after this long, even if Kiln is gone. */
export const JOB_TTL_SECONDS = 3600;
/** How long a cancelled pod has to clean up (its build's containers, VMs) before it is killed. */
export const GRACE_SECONDS = 120;
/** Where a docker build's shared directories are made: the same path in the pod and on the node. */
export const NODE_TMPDIR = '/tmp/kiln';
/** Where the pod unpacks the template and runs the build. */
export const BUILD_DIR = '/build';
/** The run's id, which the pod's build uses as its own (a manifest's packer_run_uuid). */
export const RUN_ID_ENV = 'KILN_RUN_ID';
/** The container's name in every pod. */
export const CONTAINER = 'kiln';

/** One build as a Job: its names, what it runs on and what it mounts. */
export interface JobSpec {
  runId: string;
  /** The build's name (-only). */
  build: string;
  /** Unique within the run: the Job's, ConfigMap's and Secret's name. */
  name: string;
  image: string;
  /** Mount the node's Docker Engine socket (docker builds). */
  dockerSocket: boolean;
  hostNetwork: boolean;
  /** The most the files the build writes in its pod may pack to (gzipped) to come back; 0: none come back. */
  filesMaxBytes: number;
  /** kiln { placement } settings for this build. */
  nodeSelector?: Record<string, string>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** A label value (63 characters: letters, digits, - _ .) for a build's name. */
export function labelValue(text: string): string {
  return (
    text
      .replace(/[^-_.a-zA-Z0-9]/g, '-')
      .slice(0, 63)
      .replace(/^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$/g, '') || 'build'
  );
}

/** The object name of the run's `index`-th build: "kiln-<run>-<index>-<build>", at most 52 characters. */
export function objectName(runId: string, index: number, build: string): string {
  const base = `kiln-${runId}-${index}`.toLowerCase().replace(/[^-a-z0-9]/g, '-');
  const tail = build
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base}${tail ? `-${tail}` : ''}`.slice(0, 52).replace(/-+$/, '');
}

export function runLabels(runId: string, build?: string): Record<string, string> {
  return {
    [MANAGED_BY]: 'kiln',
    [RUN_LABEL]: labelValue(runId),
    ...(build !== undefined ? { [BUILD_LABEL]: labelValue(build) } : {}),
  };
}

function meta(spec: JobSpec, owner?: V1Job): V1ObjectMeta {
  return {
    name: spec.name,
    labels: runLabels(spec.runId, spec.build),
    annotations: { 'kiln/build-name': spec.build },
    ...(owner?.metadata?.uid
      ? {
          ownerReferences: [
            { apiVersion: 'batch/v1', kind: 'Job', name: owner.metadata.name!, uid: owner.metadata.uid },
          ],
        }
      : {}),
  };
}

/** The template archive, owned by the Job so that it goes when the Job goes. */
export function configMapFor(spec: JobSpec, payload: RunPayload, owner: V1Job): V1ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(spec, owner),
    binaryData: { [TEMPLATE_ARCHIVE]: payload.archive.toString('base64') },
  };
}

/** Variables, variable files and run.json: everything that may be sensitive. */
export function secretFor(spec: JobSpec, payload: RunPayload, owner: V1Job): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(spec, owner),
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(payload.secret).map(([k, v]) => [k, v.toString('base64')])),
  };
}

/**
 * What the pod runs (Node.js is in Kiln's image): unpack the template into
 * /build, put the template's variable files back, then `kiln` with run.json's
 * arguments and environment; SIGTERM (the Job deleted) reaches kiln, which
 * cancels its build and cleans up.
 */
const LAUNCHER = `
const cp = require('node:child_process'), fs = require('node:fs'), path = require('node:path');
cp.execFileSync('tar', ['-xzf', '${TEMPLATE_MOUNT}/${TEMPLATE_ARCHIVE}', '-C', '${BUILD_DIR}', '--no-same-owner']);
const run = JSON.parse(fs.readFileSync('${SECRET_MOUNT}/${RUN_FILE}', 'utf8'));
for (const p of run.place) {
  const i = p.indexOf('='), dest = p.slice(i + 1), to = path.isAbsolute(dest) ? dest : path.join('${BUILD_DIR}', dest);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(path.join('${SECRET_MOUNT}', p.slice(0, i)), to);
}
const kiln = cp.spawn('kiln', run.args, { stdio: 'inherit', env: { ...process.env, ...run.env } });
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => kiln.kill(s));
kiln.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
`.trim();

/** The Job of one build; created suspended, resumed once its ConfigMap and Secret exist. */
export function jobFor(spec: JobSpec): V1Job {
  const mounts: V1VolumeMount[] = [
    { name: 'template', mountPath: TEMPLATE_MOUNT, readOnly: true },
    { name: 'secret', mountPath: SECRET_MOUNT, readOnly: true },
    { name: 'build', mountPath: BUILD_DIR },
  ];
  const volumes: V1Volume[] = [
    { name: 'template', configMap: { name: spec.name } },
    { name: 'secret', secret: { secretName: spec.name } },
    { name: 'build', emptyDir: {} },
  ];
  if (spec.dockerSocket) {
    mounts.push({ name: 'docker', mountPath: '/var/run/docker.sock' });
    volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } });
    // The node's engine bind-mounts the build's shared directory from the
    // node: it must be the same path in the pod and on the node (as in
    // docs/container.md), or the engine makes an empty one on the node.
    mounts.push({ name: 'docker-tmp', mountPath: NODE_TMPDIR });
    volumes.push({ name: 'docker-tmp', hostPath: { path: NODE_TMPDIR, type: 'DirectoryOrCreate' } });
  }
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(spec),
    spec: {
      suspend: true,
      backoffLimit: 0,
      ttlSecondsAfterFinished: JOB_TTL_SECONDS,
      template: {
        metadata: { labels: runLabels(spec.runId, spec.build) },
        spec: {
          restartPolicy: 'Never',
          terminationGracePeriodSeconds: GRACE_SECONDS,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          ...(spec.hostNetwork ? { hostNetwork: true } : {}),
          ...(spec.nodeSelector ? { nodeSelector: spec.nodeSelector } : {}),
          containers: [
            {
              name: CONTAINER,
              image: spec.image,
              imagePullPolicy: 'IfNotPresent',
              command: ['node', '-e', LAUNCHER],
              workingDir: BUILD_DIR,
              volumeMounts: mounts,
              env: [
                { name: RUN_ID_ENV, value: spec.runId },
                ...(spec.filesMaxBytes > 0
                  ? [
                      {
                        name: POD_FILES_ENV,
                        value: JSON.stringify({
                          dir: BUILD_DIR,
                          maxBytes: spec.filesMaxBytes,
                        } satisfies PodFilesSetting),
                      },
                    ]
                  : []),
                ...(spec.dockerSocket ? [{ name: 'KILN_TMPDIR', value: NODE_TMPDIR }] : []),
              ],
              ...(spec.resources ? { resources: spec.resources } : {}),
            },
          ],
          volumes,
        },
      },
    },
  };
}
