import { mapLimit } from '../../build/limit.js';
import type { RunOutcome } from '../../build/run-builds.js';
import type { Placement } from '../../config/model.js';
import { buildNameMatcher } from '../../template/load/filter-builds.js';
import type { ExecutionRequest, Executor } from '../executor.js';
import { type Cluster, connect, reason } from './cluster.js';
import { GRACE_SECONDS, type JobSpec, objectName } from './job-objects.js';
import { removeLeftovers } from './leftovers.js';
import { FileReturn } from './returned-files.js';
import { runJob } from './run-job.js';
import { runPayload } from './run-payload.js';

/** Options of {@link kubernetesExecutor}. */
export interface KubernetesOptions {
  /** -namespace; default the kubeconfig context's, then "default". */
  namespace?: string;
  /** -image: Kiln's container image, as the nodes pull it. */
  image?: string;
  /** Pods share the node's network (clusters without a pod network). */
  hostNetwork?: boolean;
  /** Where builds run: node selectors and resources by build name pattern. */
  placements?: Placement[];
  /** The most the files a build writes in its pod may pack to (gzipped) to come back; 0: none come back. */
  filesMaxBytes?: number;
  env?: NodeJS.ProcessEnv;
}

/** How much of the files a build writes in its pod comes back by default (gzipped). */
export const DEFAULT_FILES_MAX_BYTES = 16 * 1024 * 1024;

/** The image a run uses when -image is not given (docs/container.md builds it). */
export const DEFAULT_IMAGE = 'kiln:latest';

/**
 * Runs each build as one Kubernetes Job of Kiln's image doing `kiln build
 * -only=<build>` on the same template, variables and lock; output and
 * results come back through the pods' logs (`-output=json` events). At
 * most -parallel-builds Jobs exist at a time. Ctrl-C deletes the run's Jobs
 * (their pods clean up first) and waits until nothing of the run is left.
 */
export function kubernetesExecutor(options: KubernetesOptions = {}): Executor {
  return {
    name: 'kubernetes',
    async execute(request: ExecutionRequest): Promise<RunOutcome> {
      const cluster = connect({
        ...(options.namespace ? { namespace: options.namespace } : {}),
        ...(options.env ? { env: options.env } : {}),
      });
      await reachable(cluster);
      return runOn(cluster, options, request);
    },
  };
}

/** The node selector and resources of a build: every placement whose pattern names it, later ones winning. */
export function placementOf(
  build: string,
  placements: Placement[],
): Pick<JobSpec, 'nodeSelector' | 'resources'> {
  let nodeSelector: Record<string, string> | undefined;
  let requests: Record<string, string> | undefined;
  let limits: Record<string, string> | undefined;
  for (const p of placements) {
    if (!buildNameMatcher(p.pattern)(build)) continue;
    if (p.nodeSelector) nodeSelector = { ...nodeSelector, ...p.nodeSelector };
    if (p.requests) requests = { ...requests, ...p.requests };
    if (p.limits) limits = { ...limits, ...p.limits };
  }
  return {
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(requests || limits
      ? { resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } }
      : {}),
  };
}

/** Fails early, naming the context, when the API server cannot be reached or the namespace is not there. */
async function reachable(cluster: Cluster): Promise<void> {
  try {
    await cluster.core.readNamespace({ name: cluster.namespace });
  } catch (e) {
    // Reading namespaces may be forbidden to an account that may still create Jobs in one.
    if ((e as { code?: number }).code === 403) return;
    throw cluster.fail(`checking namespace ${cluster.namespace}`, e);
  }
}

async function runOn(cluster: Cluster, options: KubernetesOptions, r: ExecutionRequest): Promise<RunOutcome> {
  const { sink, signal } = r;
  const now = () => performance.now();
  const started = now();
  const image = options.image || DEFAULT_IMAGE;
  // Packed once per build flag set: every Job of the run carries the same template and variables.
  const payloads = new Map<string, Awaited<ReturnType<typeof runPayload>>>();
  for (const b of r.builds) {
    // -executor=local: the pod runs the build itself, whatever a kiln {} block or the environment says.
    const args = ['build', '-executor=local', '-output=json', `-only=${b.plan.name}`, ...r.source.buildArgs];
    payloads.set(b.plan.name, await runPayload(r.source, args));
  }
  sink.emit({ type: 'start', builds: r.builds.map((b) => b.plan.name) });
  const filesMaxBytes = options.filesMaxBytes ?? DEFAULT_FILES_MAX_BYTES;
  const files = new FileReturn(r.source.templateDir, r.source.buildArgs.includes('-force'));
  let cleaned: Promise<void> | undefined;
  const onAbort = () => {
    cleaned ??= removeLeftovers(cluster, r.runId, (GRACE_SECONDS + 30) * 1000).then(
      (left) => {
        if (left.length)
          sink.emit({
            type: 'notice',
            level: 'error',
            text: `Kubernetes: still there after the Jobs were deleted: ${left.map((l) => `${l.kind} ${l.name}`).join(', ')} (kiln cleanup -executor=kubernetes -run ${r.runId} -force)`,
          });
      },
      (e: Error) => sink.emit({ type: 'notice', level: 'error', text: e.message }),
    );
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const results = await mapLimit(r.builds, r.debug ? 1 : r.parallel, (b) =>
      runJob({
        cluster,
        spec: {
          runId: r.runId,
          build: b.plan.name,
          name: objectName(r.runId, r.builds.indexOf(b), b.plan.name),
          image,
          // The node's engine, unless DOCKER_HOST names one the pod reaches over the network.
          dockerSocket:
            b.plan.sourceType === 'docker' && r.source.environment.values.DOCKER_HOST === undefined,
          hostNetwork: options.hostNetwork ?? false,
          filesMaxBytes,
          ...placementOf(b.plan.name, options.placements ?? []),
        },
        payload: payloads.get(b.plan.name)!,
        sink,
        signal,
        now,
        files,
      }),
    );
    const interrupted = signal.aborted;
    if (interrupted) {
      onAbort();
      await cleaned;
    } else {
      // The builds are over and their results are here: nothing of the run needs to stay.
      await removeLeftovers(cluster, r.runId, 30_000).catch((e: Error) =>
        sink.emit({
          type: 'notice',
          level: 'error',
          text: `Kubernetes: removing the run's Jobs: ${reason(e)}`,
        }),
      );
    }
    sink.emit({ type: 'summary', durationMs: now() - started, builds: results, interrupted });
    if (interrupted)
      sink.emit({ type: 'notice', level: 'say', text: 'Cleanly cancelled builds after being interrupted.' });
    const failed = interrupted || results.some((b) => b.error !== undefined);
    return { builds: results, interrupted, exitCode: failed ? 1 : 0 };
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
