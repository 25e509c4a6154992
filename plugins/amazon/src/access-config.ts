import { type AttributeSpec, attr, type Diagnostics } from '@kiln/plugin-sdk';

/** How to reach EC2: region, credentials and endpoint (Packer's AccessConfig). */
export interface AccessConfig {
  region: string;
  accessKey?: string;
  secretKey?: string;
  token?: string;
  profile?: string;
  customEndpointEc2?: string;
  skipRegionValidation: boolean;
  /** Maximum SDK attempts per call (throttling and transient errors are retried). */
  maxRetries: number;
}

const str = (description: string) => attr.string(description);
const secret = (description: string) => attr.string(description, { sensitive: true });

/** The access attributes shared by the builder and the data source. */
export const accessAttributes: Record<string, AttributeSpec> = {
  region: str('The region to build in (default: AWS_REGION, AWS_DEFAULT_REGION or the profile).'),
  access_key: secret('The access key (default: AWS_ACCESS_KEY_ID, shared credentials, profile).'),
  secret_key: secret('The secret key (default: AWS_SECRET_ACCESS_KEY, shared credentials, profile).'),
  token: secret('A session token (AWS_SESSION_TOKEN).'),
  profile: str('A profile of the shared config and credentials files (AWS_PROFILE).'),
  custom_endpoint_ec2: str(
    'Talk to this EC2 endpoint instead of the region\'s (e.g. "http://127.0.0.1:5001").',
  ),
  skip_region_validation: {
    type: 'bool',
    default: false,
    description: 'Do not check that the regions exist.',
  },
  skip_credential_validation: { type: 'bool', default: false, description: 'Accepted for compatibility.' },
  skip_metadata_api_check: { type: 'bool', default: false, description: 'Accepted for compatibility.' },
  insecure_skip_tls_verify: { type: 'bool', default: false, description: 'Accepted for compatibility.' },
  max_retries: { type: 'number', description: 'Maximum attempts per API call (default 10).' },
  shared_credentials_file: str('A shared credentials file (AWS_SHARED_CREDENTIALS_FILE).'),
};

/** Reads the access attributes of a decoded body. */
export function decodeAccessConfig(v: Record<string, unknown>, diags: Diagnostics): AccessConfig {
  const s = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  const region = s('region') ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? '';
  const c: AccessConfig = {
    region,
    skipRegionValidation: v.skip_region_validation === true,
    maxRetries: typeof v.max_retries === 'number' && v.max_retries > 0 ? v.max_retries : 10,
  };
  const set = <K extends keyof AccessConfig>(k: K, val: AccessConfig[K] | undefined) => {
    if (val !== undefined) c[k] = val;
  };
  set('accessKey', s('access_key'));
  set('secretKey', s('secret_key'));
  set('token', s('token'));
  set('profile', s('profile'));
  set('customEndpointEc2', s('custom_endpoint_ec2'));
  const shared = s('shared_credentials_file');
  if (shared) process.env.AWS_SHARED_CREDENTIALS_FILE = shared;
  if (!c.region)
    diags.error('region is required', ['region'], 'Set region, or AWS_REGION / AWS_DEFAULT_REGION.');
  if ((c.accessKey === undefined) !== (c.secretKey === undefined))
    diags.error('access_key and secret_key must be set together', [
      c.accessKey ? 'secret_key' : 'access_key',
    ]);
  if (c.customEndpointEc2 && !/^https?:\/\//.test(c.customEndpointEc2))
    diags.error('custom_endpoint_ec2 must be a URL (http:// or https://)', ['custom_endpoint_ec2']);
  return c;
}
