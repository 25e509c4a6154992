import type { RegistryAuth } from './driver.js';

/** The login options shared by the builder and docker-push. */
export interface LoginOptions {
  login: boolean;
  loginServer?: string;
  loginUsername?: string;
  loginPassword?: string;
}

/** Engine API credentials for a reference, when login is on. */
export function registryAuth(opts: LoginOptions, ref: string): RegistryAuth | undefined {
  if (!opts.login || !opts.loginUsername) return undefined;
  return {
    username: opts.loginUsername,
    password: opts.loginPassword ?? '',
    serveraddress: opts.loginServer ?? registryOf(ref),
  };
}

/** The registry host of an image reference ("docker.io" when none is named). */
export function registryOf(ref: string): string {
  const first = ref.split('/')[0] ?? '';
  if (ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return first;
  return 'docker.io';
}
