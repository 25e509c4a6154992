/** How the compress post-processor writes its output. */
export interface CompressFormat {
  archive: 'tar' | 'zip' | undefined;
  algorithm: 'gzip' | undefined;
}

/** Formats Packer supports that Kiln does not (yet). */
const unsupported = ['lz4', 'bgzf', 'xz'];

/**
 * Derives archive and compression from the output name (or `format`), as
 * Packer does: the last one or two extensions; unknown or none means tar.gz.
 * Returns an error message for formats Kiln cannot write.
 */
export function detectCompressFormat(output: string, format?: string): CompressFormat | string {
  const name = format ? `${output}.${format}` : output;
  const exts = [...name.matchAll(/\.([a-z0-9]+)/g)].map((m) => m[1]!);
  const last = exts.at(-1);
  const before = exts.at(-2);
  if (last === undefined) return { archive: 'tar', algorithm: 'gzip' };
  if (last === 'zip' || last === 'tar') return { archive: last, algorithm: undefined };
  if (unsupported.includes(last))
    return `${last} compression is not supported; use .tar.gz (.tgz), .tar, .zip or .gz`;
  if (last === 'gz') return { archive: before === 'tar' ? 'tar' : undefined, algorithm: 'gzip' };
  return { archive: 'tar', algorithm: 'gzip' };
}
