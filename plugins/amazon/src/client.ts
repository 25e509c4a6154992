import { EC2Client } from '@aws-sdk/client-ec2';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AccessConfig } from './access-config.js';

/** An EC2 client for one region, with the access configuration's credentials and endpoint. */
export function ec2Client(access: AccessConfig, region: string = access.region): EC2Client {
  // The SDK's notice about future Node versions is not the build's concern.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const credentials =
    access.accessKey && access.secretKey
      ? {
          accessKeyId: access.accessKey,
          secretAccessKey: access.secretKey,
          ...(access.token ? { sessionToken: access.token } : {}),
        }
      : fromNodeProviderChain(access.profile ? { profile: access.profile } : {});
  return new EC2Client({
    region,
    credentials,
    maxAttempts: access.maxRetries,
    retryMode: 'adaptive',
    ...(access.customEndpointEc2 ? { endpoint: access.customEndpointEc2 } : {}),
  });
}

/** What the user sees for an AWS error: the API's code and message, never a stack. */
export function awsMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { Code?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'CredentialsProviderError' || /Could not load credentials/.test(e.message)) {
    return 'No valid credential sources found for the amazon plugin: set access_key and secret_key, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or the shared credentials file.';
  }
  if (/Deserialization error|XML parse error/.test(e.message)) {
    const status = e.$metadata?.httpStatusCode;
    if (status !== undefined && status >= 500) return `the EC2 endpoint failed (HTTP ${status})`;
    return `the EC2 endpoint returned an unreadable answer${status ? ` (HTTP ${status})` : ''}: check region and custom_endpoint_ec2`;
  }
  if ((e as { code?: string }).code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message)) {
    return `cannot connect to the EC2 endpoint: ${e.message}`;
  }
  const code = e.Code ?? (e.name !== 'Error' ? e.name : undefined);
  return code && !e.message.startsWith(code) ? `${code}: ${e.message}` : e.message;
}

/** Rethrows an AWS error as a plain Error with a clear message and context. */
export function awsError(context: string, error: unknown): Error {
  if (error instanceof Error && error.name === 'AbortError') return error;
  return new Error(`${context}: ${awsMessage(error)}`);
}
