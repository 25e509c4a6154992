import { parseSize } from '../cache/prune.js';
import type { Placement } from '../config/model.js';
import type { Executor } from './executor.js';
import { podFilesSetting, returningFiles } from './kubernetes/pod-files.js';
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
  /** Kubernetes: kiln { files_max_size }, checked as a size when the template loaded. */
  filesMaxSize?: string;
  env?: NodeJS.ProcessEnv;
}

/** The environment variable of the most the files a build writes in its pod may pack to, to come back. */
export const FILES_MAX_SIZE_ENV = 'KILN_KUBERNETES_FILES_MAX_SIZE';

/**
 * The executor of a name. A remote engine's client library loads only when
 * its executor is asked for.
 */
export async function createExecutor(name: ExecutorName, options: ExecutorOptions = {}): Promise<Executor> {
  const env = options.env ?? process.env;
  if (name === 'local') {
    // In a build's pod: the files the build writes go back to the machine that started it.
    const setting = podFilesSetting(env);
    return setting ? returningFiles(localExecutor, setting) : localExecutor;
  }
  const { kubernetesExecutor } = await import('./kubernetes/kubernetes-executor.js');
  const { filesMaxSize, ...rest } = options;
  const maxFromEnv = env[FILES_MAX_SIZE_ENV];
  const max = maxFromEnv !== undefined && maxFromEnv !== '' ? maxFromEnv : filesMaxSize;
  const filesMaxBytes = max !== undefined ? parseSize(max) : undefined;
  if (max !== undefined && filesMaxBytes === undefined)
    throw new Error(
      `${FILES_MAX_SIZE_ENV}="${max}" is not a size: give one such as 16MiB, 500KB, or 0 for no files coming back from the pods`,
    );
  return kubernetesExecutor({
    ...rest,
    ...(filesMaxBytes !== undefined ? { filesMaxBytes } : {}),
    hostNetwork: env.KILN_KUBERNETES_HOST_NETWORK === '1' || env.KILN_KUBERNETES_HOST_NETWORK === 'true',
  });
}
