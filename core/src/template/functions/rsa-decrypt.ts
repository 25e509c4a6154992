import { createPrivateKey } from 'node:crypto';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

const big = (b64url: string) => BigInt(`0x${Buffer.from(b64url, 'base64url').toString('hex') || '0'}`);

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

/**
 * rsadecrypt(ciphertext, privatekey): RSA PKCS #1 v1.5 decryption with a
 * PEM "RSA PRIVATE KEY", as go-cty-funcs does it. Node.js refuses PKCS #1
 * v1.5 private-key decryption (CVE-2023-46809), so the RSA step is done
 * here on the key's numbers; a template decrypts a small secret once.
 */
export const rsaDecrypt: FunctionSpec = fn(
  [param('ciphertext', T.string), param('privatekey', T.string)],
  T.string,
  ([c, k]) => {
    const text = c!.str;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
      fail(`failed to decode input "${text}": cipher text must be base64-encoded`);
    const block = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(k!.str);
    if (!block) fail('failed to parse key: no key found');
    if (/Proc-Type:\s*4,ENCRYPTED/.test(block[2]!))
      fail(
        'failed to parse key: password protected keys are not supported. Please decrypt the key prior to use',
      );
    if (block[1] !== 'RSA PRIVATE KEY')
      fail('x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)');
    let jwk: { n?: string; d?: string };
    try {
      jwk = createPrivateKey({ key: block[0], format: 'pem' }).export({ format: 'jwk' }) as typeof jwk;
    } catch {
      return fail('x509: malformed private key');
    }
    const n = big(jwk.n!);
    const d = big(jwk.d!);
    const size = Buffer.from(jwk.n!, 'base64url').length;
    const cipher = Buffer.from(text, 'base64');
    const cv = BigInt(`0x${cipher.toString('hex') || '0'}`);
    if (cipher.length > size || cv >= n) fail('crypto/rsa: decryption error');
    const em = Buffer.from(
      modPow(cv, d, n)
        .toString(16)
        .padStart(size * 2, '0'),
      'hex',
    );
    const sep = em.indexOf(0, 2);
    if (em[0] !== 0 || em[1] !== 2 || sep < 10) fail('crypto/rsa: decryption error');
    return Value.string(em.subarray(sep + 1).toString('utf8'));
  },
);
