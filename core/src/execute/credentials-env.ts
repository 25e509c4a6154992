/**
 * The environment a build run elsewhere needs from this one: Packer's
 * variables (PKR_VAR_*), the clouds' credentials and settings, and how to
 * reach a Docker Engine. Values travel as they are; variables that name a
 * file (a service-account key, a credentials file, TLS certificates) travel
 * as the file's content.
 */

/** Variables passed on by value. */
const BY_VALUE = [
  /^PKR_VAR_/,
  /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|REGION|DEFAULT_REGION|PROFILE|ENDPOINT_URL(_.+)?)$/,
  /^GOOGLE_(OAUTH_ACCESS_TOKEN|CLOUD_PROJECT|IMPERSONATE_SERVICE_ACCOUNT)$/,
  /^CLOUDSDK_CORE_PROJECT$/,
  /^DOCKER_(HOST|TLS_VERIFY)$/,
];

/** Variables whose value is the path of a file the build reads. */
const FILE_VARIABLES = ['GOOGLE_APPLICATION_CREDENTIALS', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE'];

/** DOCKER_CERT_PATH names a directory of these. */
export const DOCKER_CERT_FILES = ['ca.pem', 'cert.pem', 'key.pem'];

/** What a remote build takes from this environment. */
export interface RemoteEnvironment {
  /** Passed by value. */
  values: Record<string, string>;
  /** Variable name -> the local file it names (content travels). */
  files: Record<string, string>;
  /** DOCKER_CERT_PATH, when set: its certificate files travel. */
  dockerCertPath?: string;
}

export function remoteEnvironment(env: NodeJS.ProcessEnv): RemoteEnvironment {
  const values: Record<string, string> = {};
  const files: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    // A socket on this machine means nothing on the cluster: the node's own is mounted instead.
    if (name === 'DOCKER_HOST' && value.startsWith('unix://')) continue;
    if (BY_VALUE.some((re) => re.test(name))) values[name] = value;
    else if (FILE_VARIABLES.includes(name)) files[name] = value;
  }
  const certs = env.DOCKER_CERT_PATH;
  return { values, files, ...(certs ? { dockerCertPath: certs } : {}) };
}
