import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';

/** A connection to one Kubernetes cluster: the kubeconfig context, its API server and namespace. */
export interface Cluster {
  readonly kubeConfig: KubeConfig;
  readonly context: string;
  readonly server: string;
  readonly namespace: string;
  readonly batch: BatchV1Api;
  readonly core: CoreV1Api;
  /** An error naming the context and what failed, from a client error. */
  fail(what: string, error: unknown): Error;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Connects as kubectl does: KUBECONFIG, else ~/.kube/config, else the pod's
 * service account (in-cluster). `namespace` defaults to the context's, then
 * "default". Nothing is contacted yet.
 */
export function connect(options: { namespace?: string; env?: NodeJS.ProcessEnv } = {}): Cluster {
  const env = options.env ?? process.env;
  const kc = new KubeConfig();
  const fromEnv = env.KUBECONFIG && env.KUBECONFIG.length > 0;
  const home = join(env.HOME ?? homedir(), '.kube', 'config');
  if (!fromEnv && !existsSync(home) && !existsSync(SERVICE_ACCOUNT_TOKEN))
    throw new Error(
      `-executor=kubernetes: no kubeconfig found (KUBECONFIG is not set, ${home} does not exist and this is not a pod with a service account)`,
    );
  try {
    if (fromEnv) {
      const [first, ...rest] = env.KUBECONFIG!.split(delimiter).filter(Boolean);
      kc.loadFromFile(first!);
      for (const file of rest) {
        const more = new KubeConfig();
        more.loadFromFile(file);
        kc.mergeConfig(more);
      }
    } else kc.loadFromDefault();
  } catch (error) {
    const where = fromEnv ? `KUBECONFIG=${env.KUBECONFIG}` : home;
    throw new Error(`-executor=kubernetes: cannot read the kubeconfig ${where}: ${(error as Error).message}`);
  }
  const context = kc.getCurrentContext() || '(none)';
  const cluster = kc.getCurrentCluster();
  if (!cluster)
    throw new Error(
      `-executor=kubernetes: kubeconfig context "${context}" names no cluster (kubectl config get-contexts)`,
    );
  const namespace = options.namespace || kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
  const server = cluster.server;
  return {
    kubeConfig: kc,
    context,
    server,
    namespace,
    batch: kc.makeApiClient(BatchV1Api),
    core: kc.makeApiClient(CoreV1Api),
    fail: (what, error) =>
      new Error(
        `Kubernetes context "${context}" (${server}), namespace ${namespace}: ${what}: ${reason(error)}`,
      ),
  };
}

/** The HTTP status of a client error (ApiException), if it has one. */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

/** Why a request failed, in words: unreachable, unauthorized, forbidden (with the server's message), ... */
export function reason(error: unknown): string {
  const status = statusOf(error);
  const body = (error as { body?: unknown }).body;
  let message = '';
  if (typeof body === 'string') {
    try {
      message = (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      message = body;
    }
  } else if (body && typeof body === 'object')
    message = String((body as { message?: unknown }).message ?? '');
  if (status === 401)
    return `unauthorized: the kubeconfig's credentials were refused${message ? ` (${message})` : ''}`;
  if (status === 403)
    return `forbidden: ${message || 'the account lacks a permission'} (docs/kubernetes.md lists the RBAC rules the executor needs)`;
  if (status === 404) return `not found${message ? `: ${message}` : ''}`;
  if (status !== undefined) return `HTTP ${status}${message ? `: ${message}` : ''}`;
  const text = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if (typeof cause === 'string' && /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET/.test(cause))
    return `the API server is unreachable (${cause})`;
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|fetch failed|socket hang up/.test(text))
    return `the API server is unreachable (${text})`;
  return text;
}
