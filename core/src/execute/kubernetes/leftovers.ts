import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from './cluster.js';
import { MANAGED_BY, RUN_LABEL } from './job-objects.js';

/** A Job, pod, ConfigMap or Secret a run made. */
export interface ClusterLeftover {
  kind: 'Job' | 'Pod' | 'ConfigMap' | 'Secret';
  name: string;
  run: string;
}

/** The label selector of one run's objects, or of every run's. */
export function runSelector(runId?: string): string {
  return `${MANAGED_BY}=kiln${runId ? `,${RUN_LABEL}=${runId}` : `,${RUN_LABEL}`}`;
}

/** Everything Kiln's runs (or one run) left in the namespace. */
export async function listLeftovers(cluster: Cluster, runId?: string): Promise<ClusterLeftover[]> {
  const { namespace } = cluster;
  const labelSelector = runSelector(runId);
  const out: ClusterLeftover[] = [];
  const add = (
    kind: ClusterLeftover['kind'],
    items: { metadata?: { name?: string; labels?: Record<string, string> } }[],
  ) => {
    for (const i of items)
      out.push({ kind, name: i.metadata?.name ?? '', run: i.metadata?.labels?.[RUN_LABEL] ?? '' });
  };
  try {
    add('Job', (await cluster.batch.listNamespacedJob({ namespace, labelSelector })).items);
    add('Pod', (await cluster.core.listNamespacedPod({ namespace, labelSelector })).items);
    add('ConfigMap', (await cluster.core.listNamespacedConfigMap({ namespace, labelSelector })).items);
    add('Secret', (await cluster.core.listNamespacedSecret({ namespace, labelSelector })).items);
  } catch (e) {
    throw cluster.fail(`listing the objects labelled ${labelSelector}`, e);
  }
  return out;
}

/**
 * Deletes a run's (or every run's) Jobs with foreground propagation (their
 * pods get SIGTERM and the grace period to clean up), then its ConfigMaps
 * and Secrets, and waits up to `timeoutMs` until none is left. Returns what
 * is still there then.
 */
export async function removeLeftovers(
  cluster: Cluster,
  runId: string | undefined,
  timeoutMs: number,
): Promise<ClusterLeftover[]> {
  const { namespace } = cluster;
  const labelSelector = runSelector(runId);
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; ; round++) {
    // Again each round: a Job whose creation was under way when the run was cancelled appears late.
    try {
      await cluster.batch.deleteCollectionNamespacedJob({
        namespace,
        labelSelector,
        propagationPolicy: 'Foreground',
      });
      await cluster.core.deleteCollectionNamespacedConfigMap({ namespace, labelSelector });
      await cluster.core.deleteCollectionNamespacedSecret({ namespace, labelSelector });
    } catch (e) {
      if (round === 0) throw cluster.fail(`deleting the objects labelled ${labelSelector}`, e);
    }
    const left = await listLeftovers(cluster, runId);
    if (left.length === 0 || Date.now() > deadline) return left;
    // Pods whose Job went before them: delete them too.
    for (const l of left)
      if (l.kind === 'Pod')
        await cluster.core.deleteNamespacedPod({ name: l.name, namespace }).catch(() => undefined);
    await sleep(500);
  }
}
