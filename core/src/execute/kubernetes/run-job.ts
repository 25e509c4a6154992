import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CoreV1EventList,
  Log,
  PatchStrategy,
  setHeaderOptions,
  type V1Job,
  type V1Pod,
} from '@kubernetes/client-node';
import type { BuildSummary, OutputSink } from '../../ui/events.js';
import { formatBytes } from '../../ui/progress.js';
import { type Cluster, reason, statusOf } from './cluster.js';
import { CONTAINER, configMapFor, type JobSpec, jobFor, secretFor } from './job-objects.js';
import { type PodFiles, RemoteLog } from './remote-events.js';
import type { FileReturn } from './returned-files.js';
import type { RunPayload } from './run-payload.js';

/** Waiting reasons after which a pod never starts by itself. */
const STUCK = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);
const POLL_MS = 500;

/** One build as a Job. */
export interface JobRun {
  cluster: Cluster;
  spec: JobSpec;
  payload: RunPayload;
  sink: OutputSink;
  /** Aborted by Ctrl-C: the executor deletes the run's Jobs; this keeps showing the pod's output until it is gone. */
  signal: AbortSignal;
  now: () => number;
  /** Where the files the build writes in its pod are written here (the run's, shared by its builds). */
  files?: FileReturn;
}

/**
 * Runs one build as a Job of Kiln's image: creates the Job (suspended),
 * its ConfigMap and Secret (owned by the Job), resumes it, streams the pod's
 * log into the output and returns the build's result as the pod's `kiln
 * build` reported it. Never throws: failures are the summary's error.
 */
export async function runJob(r: JobRun): Promise<BuildSummary> {
  const { spec, sink } = r;
  const name = spec.build;
  const started = r.now();
  const log = new RemoteLog(name, (e) => sink.emit(e), spec.filesMaxBytes);
  let error: string | undefined;
  try {
    if (r.signal.aborted) throw new Error('Build was cancelled.');
    await createObjects(r);
    const pod = await waitForStart(r);
    const unread = pod ? await follow(r, pod, log) : undefined;
    error = await outcome(r, log);
    if (error !== undefined && log.result === undefined && unread)
      error += `; Kubernetes context "${r.cluster.context}": ${unread}`;
    if (log.files && r.files && !r.signal.aborted) await bringBack(r, r.files, log.files);
  } catch (e) {
    error = r.signal.aborted ? 'Build was cancelled.' : (e as Error).message;
  }
  const result: BuildSummary = log.result ?? { name, artifacts: [] };
  if (error !== undefined && result.error === undefined) result.error = error;
  if (!log.ended) {
    const durationMs = r.now() - started;
    sink.emit(
      result.error !== undefined
        ? { type: 'build-errored', build: name, durationMs, error: result.error }
        : { type: 'build-finished', build: name, durationMs },
    );
  }
  return { ...result, name };
}

async function createObjects(r: JobRun): Promise<void> {
  const { cluster, spec, payload } = r;
  const namespace = cluster.namespace;
  let job: V1Job;
  try {
    job = await cluster.batch.createNamespacedJob({ namespace, body: jobFor(spec) });
  } catch (e) {
    throw cluster.fail(`creating Job ${spec.name}`, e);
  }
  try {
    await cluster.core.createNamespacedConfigMap({ namespace, body: configMapFor(spec, payload, job) });
  } catch (e) {
    throw cluster.fail(`creating ConfigMap ${spec.name}`, e);
  }
  try {
    await cluster.core.createNamespacedSecret({ namespace, body: secretFor(spec, payload, job) });
  } catch (e) {
    throw cluster.fail(`creating Secret ${spec.name}`, e);
  }
  if (r.signal.aborted) throw new Error('Build was cancelled.');
  try {
    await cluster.batch.patchNamespacedJob(
      { name: spec.name, namespace, body: { spec: { suspend: false } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  } catch (e) {
    throw cluster.fail(`starting Job ${spec.name}`, e);
  }
}

async function podOf(r: JobRun): Promise<V1Pod | undefined> {
  try {
    const list = await r.cluster.core.listNamespacedPod({
      namespace: r.cluster.namespace,
      labelSelector: `job-name=${r.spec.name}`,
    });
    return list.items[0];
  } catch (e) {
    throw r.cluster.fail(`listing the pods of Job ${r.spec.name}`, e);
  }
}

/**
 * Waits until the Job's pod runs or ended; undefined when it went away
 * first (cancelled). Throws when it cannot start (image not found, bad
 * configuration); says once why it is still pending (unschedulable).
 */
async function waitForStart(r: JobRun): Promise<string | undefined> {
  let told = '';
  let polls = 0;
  const warned = new Set<string>();
  let cancelledAt: number | undefined;
  for (;;) {
    const pod = await podOf(r);
    if (r.signal.aborted) {
      cancelledAt ??= r.now();
      if (!pod || r.now() - cancelledAt > 5_000) return pod?.metadata?.name;
    }
    const status = pod?.status;
    const waiting = status?.containerStatuses?.find((c) => c.name === CONTAINER)?.state?.waiting;
    if (waiting?.reason && STUCK.has(waiting.reason))
      throw new Error(
        `the pod ${pod?.metadata?.name} of Job ${r.spec.name} cannot start: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''} (image ${r.spec.image}; -image names Kiln's image, which the cluster's nodes must be able to pull)`,
      );
    if (pod && status && ['Running', 'Succeeded', 'Failed'].includes(status.phase ?? ''))
      return pod.metadata!.name;
    const unscheduled = status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    if (unscheduled?.message && unscheduled.message !== told) {
      told = unscheduled.message;
      r.sink.emit({
        type: 'ui',
        build: r.spec.build,
        level: 'message',
        text: `Waiting for the pod to be scheduled: ${unscheduled.message}`,
      });
    }
    if (pod?.metadata?.name && ++polls % 4 === 0) await tellWarnings(r, pod.metadata.name, warned);
    await sleep(POLL_MS);
  }
}

/** Shows, once each, the warnings Kubernetes recorded for a pod that does not start (sandbox, volume, pull). */
async function tellWarnings(r: JobRun, pod: string, warned: Set<string>): Promise<void> {
  let events: CoreV1EventList;
  try {
    events = await r.cluster.core.listNamespacedEvent({
      namespace: r.cluster.namespace,
      fieldSelector: `involvedObject.name=${pod},type=Warning`,
    });
  } catch {
    return; // Reading events is optional (RBAC).
  }
  for (const e of events.items) {
    const text = `${e.reason ?? 'Warning'}: ${e.message ?? ''}`;
    if (warned.has(text) || e.reason === 'MissingClusterDNS') continue;
    warned.add(text);
    r.sink.emit({ type: 'ui', build: r.spec.build, level: 'error', text: `Kubernetes: pod ${pod}: ${text}` });
  }
}

/**
 * Streams the pod's log until its container ended (or the pod is gone),
 * reopening a stream that closes early; returns why the log could not be
 * read, if it could not.
 */
async function follow(r: JobRun, pod: string, log: RemoteLog): Promise<string | undefined> {
  const reader = new Log(r.cluster.kubeConfig);
  let failure: string | undefined;
  for (;;) {
    const stream = log.stream();
    const ended = new Promise<void>((resolve) => {
      stream.on('finish', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    try {
      await reader.log(r.cluster.namespace, pod, CONTAINER, stream, {
        follow: true,
        timestamps: true,
        ...(log.lastTime ? { sinceTime: log.lastTime } : {}),
      });
      await ended;
      failure = undefined;
    } catch (e) {
      if (statusOf(e) === 404) return failure;
      failure = `reading the log of pod ${pod}: ${reason(e)}`;
      await sleep(POLL_MS);
    }
    const state = await containerState(r, pod);
    if (!state || state.terminated) return failure;
  }
}

async function containerState(r: JobRun, pod: string) {
  try {
    const p = await r.cluster.core.readNamespacedPod({ name: pod, namespace: r.cluster.namespace });
    return p.status?.containerStatuses?.find((c) => c.name === CONTAINER)?.state ?? {};
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw r.cluster.fail(`reading pod ${pod}`, e);
  }
}

/** The build's error, from the remote summary or else the pod's exit; undefined when it succeeded. */
async function outcome(r: JobRun, log: RemoteLog): Promise<string | undefined> {
  if (log.result) return log.result.error;
  if (r.signal.aborted) return 'Build was cancelled.';
  const pod = await podOf(r);
  const terminated = pod?.status?.containerStatuses?.find((c) => c.name === CONTAINER)?.state?.terminated;
  if (!terminated) return `the pod of Job ${r.spec.name} ended without a result`;
  return `the pod ${pod?.metadata?.name} of Job ${r.spec.name} exited with code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ''} without a build result`;
}

const FILES_DOC = 'docs/kubernetes.md, "How artifacts and files come back"';

/** Writes here the files the build's pod sent back, or says why they did not come. */
async function bringBack(r: JobRun, files: FileReturn, sent: PodFiles): Promise<void> {
  const build = r.spec.build;
  const warn = (text: string) => r.sink.emit({ type: 'ui', build, level: 'error', text });
  const list = (s: { files: { path: string; size: number }[]; more: number }) =>
    s.files.map((f) => `${f.path} (${formatBytes(f.size)})`).join(', ') +
    (s.more > 0 ? ` and ${s.more} more` : '');
  if (sent.kind === 'over') {
    warn(
      `The files the build wrote in its pod did not come back: compressed, they come to more than ${formatBytes(sent.maxBytes)}, the limit (KILN_KUBERNETES_FILES_MAX_SIZE, kiln { files_max_size }). Nothing of them was written here: ${list(sent)}. Push large outputs somewhere from the template instead (${FILES_DOC}).`,
    );
    return;
  }
  if (sent.kind === 'broken') {
    warn(
      `The files the build wrote in its pod did not come back (${sent.why}); nothing of them was written here: ${list(sent)}.`,
    );
    return;
  }
  try {
    const back = await files.bringBack(build, sent.archive);
    for (const w of back.warnings) warn(w);
    if (back.written.length > 0) r.sink.emit({ type: 'files-returned', build, files: back.written });
  } catch (e) {
    warn(`The files the build wrote in its pod could not be written here: ${(e as Error).message}`);
  }
}
