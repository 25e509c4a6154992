import type { ExecutorOptions } from './create-executor.js';

/** An object a remote run left (a Job, pod, ConfigMap or Secret). */
export interface RemoteLeftover {
  kind: string;
  name: string;
  run: string;
}

/** What interrupted remote runs left on an engine, for `kiln cleanup`. */
export interface RemoteLeftovers {
  /** Where it looks, for messages: the context, API server and namespace. */
  readonly where: string;
  list(runId?: string): Promise<RemoteLeftover[]>;
  /** Removes them and waits; returns what is still there after `timeoutMs`. */
  remove(runId: string | undefined, timeoutMs: number): Promise<RemoteLeftover[]>;
}

/** The leftovers of Kiln's runs in a Kubernetes namespace (labelled app.kubernetes.io/managed-by=kiln). */
export async function kubernetesLeftovers(options: ExecutorOptions = {}): Promise<RemoteLeftovers> {
  const { connect } = await import('./kubernetes/cluster.js');
  const { listLeftovers, removeLeftovers } = await import('./kubernetes/leftovers.js');
  const cluster = connect({
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  return {
    where: `Kubernetes context "${cluster.context}" (${cluster.server}), namespace ${cluster.namespace}`,
    list: (runId) => listLeftovers(cluster, runId),
    remove: (runId, timeoutMs) => removeLeftovers(cluster, runId, timeoutMs),
  };
}
