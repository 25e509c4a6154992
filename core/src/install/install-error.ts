/** A plugin install problem the user can act on; its message says what to do. */
export class PluginInstallError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PluginInstallError';
  }
}

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'FETCH_ERROR',
  'ERR_SOCKET_TIMEOUT',
]);

/** Turns an npm-registry-fetch / pacote error into a PluginInstallError naming the package and registry. */
export function registryError(
  error: unknown,
  name: string,
  registry: string,
  files: string[],
): PluginInstallError {
  const e = error as { code?: string; errno?: string; statusCode?: number; message?: string };
  const where = files.length ? ` (npm configuration read from ${files.join(', ')})` : '';
  const code = e.code ?? e.errno ?? '';
  const reg = /^https?:/.test(registry) ? `the npm registry ${registry}` : registry;
  let msg: string;
  if (code === 'E404' || e.statusCode === 404)
    msg = `${name} was not found in ${reg}${where}. Check the plugin source, or the registry configured for its scope in .npmrc.`;
  else if (code === 'E401' || code === 'E403' || e.statusCode === 401 || e.statusCode === 403)
    msg = `${reg} refused access to ${name} (${code || e.statusCode})${where}. Check the auth token for that registry in .npmrc.`;
  else if (code === 'EINTEGRITY')
    msg = `the tarball of ${name} from ${registry} does not match its integrity hash; it was not installed.`;
  else if (NETWORK.has(code) || /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|timeout/i.test(e.message ?? ''))
    msg = `cannot reach ${reg} for ${name}: ${code || 'network error'}${where}. Check that the registry is up and reachable (proxy, https-proxy), or install from a mirror with \`kiln init -from-mirror DIR\`.`;
  else msg = `fetching ${name} from ${registry} failed: ${e.message ?? String(error)}`;
  return new PluginInstallError(msg, { cause: error });
}
