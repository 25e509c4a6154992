import type { AttributeSpec, Diagnostics } from '@kiln/plugin-sdk';

/** How to reach Compute Engine: project, credentials and endpoint. */
export interface AccessConfig {
  projectId: string;
  /** account_file or credentials_file: a path to a JSON key, or the JSON itself. */
  credentialsFile?: string;
  /** Which attribute named credentialsFile (for messages). */
  credentialsFileAttribute?: 'account_file' | 'credentials_file';
  credentialsJson?: string;
  accessToken?: string;
  impersonateServiceAccount?: string;
  /** custom_endpoints.compute: e.g. "http://127.0.0.1:8085/" instead of https://compute.googleapis.com/. */
  computeEndpoint?: string;
}

const str = (description: string): AttributeSpec => ({ type: 'string', description });
const secret = (description: string): AttributeSpec => ({ type: 'string', sensitive: true, description });

/** The access attributes of the googlecompute builder. */
export const accessAttributes: Record<string, AttributeSpec> = {
  project_id: str('The project to build in (default: GOOGLE_PROJECT / GOOGLE_CLOUD_PROJECT).'),
  account_file: secret('A service account key: a path to its JSON file, or the JSON itself.'),
  credentials_file: secret('Like account_file: a credentials JSON file (service account or ADC file).'),
  credentials_json: secret('The credentials JSON itself.'),
  access_token: secret('An OAuth2 access token (default: GOOGLE_OAUTH_ACCESS_TOKEN); used as given.'),
  impersonate_service_account: str('Act as this service account, with the other credentials as the source.'),
  custom_endpoints: {
    type: 'map(string)',
    description: 'Other API endpoints by service; "compute" is used (e.g. "http://127.0.0.1:8085/").',
  },
  vault_gcp_oauth_engine: str('Not supported: give an access_token instead.'),
};

/** Reads the access attributes of a decoded body. */
export function decodeAccessConfig(v: Record<string, unknown>, diags: Diagnostics): AccessConfig {
  const s = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  const env = process.env;
  const c: AccessConfig = {
    projectId: s('project_id') ?? env.GOOGLE_PROJECT ?? env.GOOGLE_CLOUD_PROJECT ?? '',
  };
  const file = s('account_file') ?? s('credentials_file');
  if (file) {
    c.credentialsFile = file;
    c.credentialsFileAttribute = s('account_file') ? 'account_file' : 'credentials_file';
  }
  const json = s('credentials_json');
  if (json) c.credentialsJson = json;
  const token = s('access_token') ?? env.GOOGLE_OAUTH_ACCESS_TOKEN;
  if (token) c.accessToken = token;
  const imp = s('impersonate_service_account');
  if (imp) c.impersonateServiceAccount = imp;
  const endpoints = (v.custom_endpoints as Record<string, string> | undefined) ?? {};
  if (endpoints.compute) c.computeEndpoint = endpoints.compute;
  if (!c.projectId)
    diags.error('a project_id must be specified', ['project_id'], 'Set project_id, or GOOGLE_PROJECT.');
  const given = ['account_file', 'credentials_file', 'credentials_json', 'access_token'].filter((k) => s(k));
  if (given.length > 1)
    diags.error(`only one of ${given.join(', ')} can be given`, [given[1] ?? 'account_file']);
  if (s('vault_gcp_oauth_engine'))
    diags.error(
      'vault_gcp_oauth_engine is not supported',
      ['vault_gcp_oauth_engine'],
      'Give an access_token instead.',
    );
  if (c.computeEndpoint && endpointOf(c.computeEndpoint) === undefined)
    diags.error('custom_endpoints.compute must be a URL (http:// or https://)', ['custom_endpoints']);
  for (const k of Object.keys(endpoints))
    if (k !== 'compute') diags.warning(`custom_endpoints.${k} is not used by Kiln`, ['custom_endpoints']);
  return c;
}

/** The client options of an endpoint URL ("http://127.0.0.1:8085/"), or undefined when it is not one. */
export function endpointOf(
  url: string,
): { apiEndpoint: string; port: number; protocol: 'http' | 'https' } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const protocol = u.protocol === 'http:' ? 'http' : 'https';
  return {
    apiEndpoint: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}
