import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A parsed iso_checksum. */
export interface Checksum {
  /** none: do not check. file: the digest is looked up in `file` at download time. */
  kind: 'none' | 'digest' | 'file';
  algorithm?: string;
  hex?: string;
  file?: string;
  error?: string;
}

const LENGTHS: Record<number, string> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };
const ALGORITHMS = ['md5', 'sha1', 'sha256', 'sha512'];

/** Parses Packer's iso_checksum forms: "type:hex", "file:url", "type:file:url", bare hex, "none". */
export function parseChecksum(text: string): Checksum {
  const t = text.trim();
  if (t === 'none') return { kind: 'none' };
  const i = t.indexOf(':');
  if (i < 0) {
    const algorithm = LENGTHS[t.length];
    if (!algorithm || !/^[0-9a-f]+$/i.test(t))
      return {
        kind: 'digest',
        error: `iso_checksum "${t}" is neither "type:value", a known digest length, nor "none"`,
      };
    return { kind: 'digest', algorithm, hex: t.toLowerCase() };
  }
  const head = t.slice(0, i).toLowerCase();
  const rest = t.slice(i + 1);
  if (head === 'file') return { kind: 'file', file: rest };
  if (!ALGORITHMS.includes(head))
    return {
      kind: 'digest',
      error: `iso_checksum type "${head}" is not one of ${ALGORITHMS.join(', ')}, file, none`,
    };
  if (rest.startsWith('file:') || /^(https?|file):\/\//.test(rest)) {
    return {
      kind: 'file',
      algorithm: head,
      file: rest.startsWith('file:') && !rest.startsWith('file://') ? rest.slice(5) : rest,
    };
  }
  if (
    !/^[0-9a-f]+$/i.test(rest) ||
    rest.length !== Number(Object.keys(LENGTHS).find((k) => LENGTHS[Number(k)] === head))
  )
    return { kind: 'digest', error: `iso_checksum: "${rest}" is not a ${head} digest` };
  return { kind: 'digest', algorithm: head, hex: rest.toLowerCase() };
}

/** Reads a checksum file (GNU "hex  name" or BSD "SHA256 (name) = hex") and finds the entry for `name`. */
export async function digestFromFile(
  c: Checksum,
  name: string,
  fetchText: (url: string) => Promise<string>,
): Promise<{ algorithm: string; hex: string }> {
  const url = c.file!;
  const text = /^https?:\/\//.test(url)
    ? await fetchText(url)
    : await readFile(url.startsWith('file://') ? fileURLToPath(url) : url, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  for (const line of lines) {
    const bsd = /^(\w+) \((.+)\) = ([0-9a-fA-F]+)$/.exec(line.trim());
    if (bsd && basename(bsd[2]!) === name)
      return { algorithm: bsd[1]!.toLowerCase(), hex: bsd[3]!.toLowerCase() };
    const gnu = /^([0-9a-fA-F]+)\s+\*?(.+)$/.exec(line.trim());
    if (gnu && (basename(gnu[2]!.replace(/^\.\//, '')) === name || lines.length === 1)) {
      const hex = gnu[1]!.toLowerCase();
      return { algorithm: c.algorithm ?? LENGTHS[hex.length] ?? 'sha256', hex };
    }
  }
  throw new Error(`no checksum for "${name}" in ${url}`);
}

/** The digest of a file. */
export function fileDigest(path: string, algorithm: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash(algorithm);
    const rs = createReadStream(path, signal ? { signal } : {});
    rs.on('data', (c) => hash.update(c));
    rs.on('error', reject);
    rs.on('end', () => resolve(hash.digest('hex')));
  });
}
