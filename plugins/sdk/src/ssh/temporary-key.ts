import type { TemporaryKeyType } from './config.js';
import { loadSsh2 } from './load-ssh2.js';

/** A key pair made for one build; the public half goes into the machine. */
export interface TemporaryKeyPair {
  /** OpenSSH private key (PEM-like text). */
  privateKey: string;
  /** One authorized_keys line: "<type> <base64> <comment>". */
  publicKey: string;
}

/** Generates a key pair (Packer's ssh_temporary_key_pair_type / _bits). */
export function generateTemporaryKeyPair(
  type: TemporaryKeyType,
  bits: number,
  comment = 'kiln-temporary-key',
): Promise<TemporaryKeyPair> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, pair: { private: string; public: string }) => {
      if (err) reject(err);
      else resolve({ privateKey: pair.private, publicKey: pair.public.trim() });
    };
    if (type === 'rsa') loadSsh2().utils.generateKeyPair('rsa', { bits, comment }, done);
    else if (type === 'ecdsa')
      loadSsh2().utils.generateKeyPair('ecdsa', { bits: bits as 256 | 384 | 521, comment }, done);
    else loadSsh2().utils.generateKeyPair('ed25519', { comment }, done);
  });
}
