import { existsSync, readFileSync } from 'node:fs';
import type { AuthClient, GoogleAuth, OAuth2Client } from 'google-auth-library';

/** The auth library, loaded on first use (validate never needs it). */
const authLibrary = () => import('google-auth-library');

import type { AccessConfig } from './access-config.js';

/** The scope the builder asks for (Compute Engine and the image's storage). */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** An authenticated client, and a sentence saying where its credentials came from. */
export interface Credentials {
  client: AuthClient | GoogleAuth;
  source: string;
}

/**
 * The credentials of an access configuration, in Packer's order: an access
 * token, credentials_json, account_file / credentials_file (a path or the
 * JSON itself), else Application Default Credentials
 * (GOOGLE_APPLICATION_CREDENTIALS, gcloud's file, the metadata server);
 * impersonate_service_account then acts as that account with them. Throws
 * an error that names what was tried.
 */
export async function credentialsOf(access: AccessConfig): Promise<Credentials> {
  const base = await sourceCredentials(access);
  if (!access.impersonateServiceAccount) return base;
  const { GoogleAuth, Impersonated } = await authLibrary();
  const sourceClient =
    base.client instanceof GoogleAuth ? ((await base.client.getClient()) as AuthClient) : base.client;
  return {
    client: new Impersonated({
      sourceClient: sourceClient as OAuth2Client,
      targetPrincipal: access.impersonateServiceAccount,
      targetScopes: [CLOUD_PLATFORM_SCOPE],
      lifetime: 3600,
    }),
    source: `${access.impersonateServiceAccount} impersonated with ${base.source}`,
  };
}

async function sourceCredentials(access: AccessConfig): Promise<Credentials> {
  const { GoogleAuth, OAuth2Client } = await authLibrary();
  if (access.accessToken) {
    const client = new OAuth2Client();
    client.setCredentials({ access_token: access.accessToken });
    return { client, source: 'the access token' };
  }
  const fromJson = (text: string, what: string) => clientOfJson(GoogleAuth, text, what);
  if (access.credentialsJson)
    return { client: fromJson(access.credentialsJson, 'credentials_json'), source: 'credentials_json' };
  if (access.credentialsFile) {
    const what = access.credentialsFileAttribute ?? 'account_file';
    const text = access.credentialsFile.trim().startsWith('{')
      ? access.credentialsFile
      : readKeyFile(access.credentialsFile, what);
    return {
      client: fromJson(text, what),
      source: `${what} ${access.credentialsFile.trim().startsWith('{') ? '(JSON)' : access.credentialsFile}`,
    };
  }
  const auth = new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
  try {
    await auth.getClient();
  } catch (e) {
    throw new Error(
      `No Google credentials found: tried Application Default Credentials (${adcPlaces()}): ${(e as Error).message.split('\n')[0]?.replace(/\.+$/, '')}. Set account_file, credentials_file, credentials_json or access_token (or GOOGLE_OAUTH_ACCESS_TOKEN), or run \`gcloud auth application-default login\`.`,
    );
  }
  return { client: auth, source: 'Application Default Credentials' };
}

function readKeyFile(path: string, what: string): string {
  if (!existsSync(path))
    throw new Error(`${what} ${path}: no such file (give a path to a JSON key, or the JSON itself)`);
  return readFileSync(path, 'utf8');
}

/**
 * A client for a credentials JSON. Service account keys are used without
 * explicit scopes, so that the library signs its own tokens for the API
 * (no token exchange).
 */
function clientOfJson(Auth: typeof GoogleAuth, text: string, what: string): GoogleAuth {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${what} is not valid JSON: ${(e as Error).message}`);
  }
  const type = json.type;
  if (
    type !== 'service_account' &&
    type !== 'authorized_user' &&
    type !== 'external_account' &&
    type !== 'impersonated_service_account'
  )
    throw new Error(
      `${what} is not a Google credentials file (its "type" is ${JSON.stringify(type ?? null)}; expected "service_account" or "authorized_user")`,
    );
  return new Auth(
    type === 'service_account'
      ? { credentials: json }
      : { credentials: json, scopes: [CLOUD_PLATFORM_SCOPE] },
  );
}

function adcPlaces(): string {
  const env = process.env.GOOGLE_APPLICATION_CREDENTIALS;
  return env
    ? `GOOGLE_APPLICATION_CREDENTIALS=${env}`
    : 'GOOGLE_APPLICATION_CREDENTIALS unset, gcloud application-default file, metadata server';
}
