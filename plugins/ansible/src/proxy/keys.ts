import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedKey } from 'ssh2';
import { loadSsh2 } from './load-ssh2.js';

/** The keys of one proxy: its host key, and the one key Ansible may log in with. */
export interface ProxyKeys {
  /** Private host key (OpenSSH format). */
  hostKey: string;
  /** The user's public key, parsed by ssh2. */
  authorizedKey: ParsedKey;
  /** The private half Ansible uses (-e ansible_ssh_private_key_file), when Kiln made the pair. */
  privateKeyFile?: string;
}

function generate(type: 'ECDSA' | 'RSA'): Promise<{ private: string; public: string }> {
  const { utils } = loadSsh2();
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, pair: { private: string; public: string }) =>
      err ? reject(err) : resolve(pair);
    if (type === 'RSA') utils.generateKeyPair('rsa', { bits: 2048, comment: 'kiln-ansible' }, done);
    else utils.generateKeyPair('ecdsa', { bits: 384, comment: 'kiln-ansible' }, done);
  });
}

function parse(text: string, what: string): ParsedKey {
  const k = loadSsh2().utils.parseKey(text);
  if (k instanceof Error) throw new Error(`${what}: ${k.message}`);
  return (Array.isArray(k) ? k[0] : k) as ParsedKey;
}

/**
 * Makes (or reads) the proxy's keys, as Packer does: a one-time host key
 * unless `hostKeyFile` is given; a one-time user key pair, its private half
 * written (mode 0600) into `dir`, unless `authorizedKeyFile` names the public
 * key Ansible will use.
 */
export async function proxyKeys(
  type: 'ECDSA' | 'RSA',
  dir: string,
  hostKeyFile?: string,
  authorizedKeyFile?: string,
): Promise<ProxyKeys> {
  const hostKey = hostKeyFile ? await readFile(hostKeyFile, 'utf8') : (await generate(type)).private;
  parse(hostKey, `ssh_host_key_file ${hostKeyFile ?? ''}`.trim());
  if (authorizedKeyFile) {
    const text = await readFile(authorizedKeyFile, 'utf8');
    return { hostKey, authorizedKey: parse(text.trim(), `ssh_authorized_key_file ${authorizedKeyFile}`) };
  }
  const pair = await generate(type);
  const privateKeyFile = join(dir, 'ansible-key');
  await writeFile(privateKeyFile, pair.private, { mode: 0o600 });
  return { hostKey, authorizedKey: parse(pair.public, 'generated key'), privateKeyFile };
}
