import type { Placement } from '../config/model.js';
import type { Executor } from './executor.js';
import { localExecutor } from './local-executor.js';

/** The executors -executor (or KILN_EXECUTOR) names. */
export const EXECUTOR_NAMES = ['local', 'kubernetes'] as const;
export type ExecutorName = (typeof EXECUTOR_NAMES)[number];

/** Options of the executors that run builds elsewhere. */
export interface ExecutorOptions {
  /** Kubernetes: -namespace. */
  namespace?: string;
  /** Kubernetes: -image (Kiln's container image). */
  image?: string;
  /** Kubernetes: kiln { placement "<builds>" {} } blocks. */
  placements?: Placement[];
  env?: NodeJS.ProcessEnv;
}

/**
 * The executor of a name. A remote engine's client library loads only when
 * its executor is asked for.
 */
export async function createExecutor(name: ExecutorName, options: ExecutorOptions = {}): Promise<Executor> {
  if (name === 'local') return localExecutor;
  const { kubernetesExecutor } = await import('./kubernetes/kubernetes-executor.js');
  const env = options.env ?? process.env;
  return kubernetesExecutor({
    ...options,
    hostNetwork: env.KILN_KUBERNETES_HOST_NETWORK === '1' || env.KILN_KUBERNETES_HOST_NETWORK === 'true',
  });
}
