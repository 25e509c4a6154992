import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Attributes whose values name local files or directories a provisioner
 * uploads or runs (Packer's shell, file, powershell, ansible, ... spell them
 * this way). Their contents are part of a step's cache key.
 */
const FILE_ATTRIBUTES = new Set([
  'script',
  'scripts',
  'source',
  'sources',
  'playbook_file',
  'playbook_files',
  'playbook_dir',
  'playbook_paths',
  'galaxy_file',
  'role_paths',
  'collection_paths',
  'group_vars',
  'host_vars',
  'inventory_file',
  'env_var_file',
]);

/** The local paths a provisioner's evaluated body names, by attribute (a download's `source` is remote). */
export function localFilesOf(body: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (!FILE_ATTRIBUTES.has(name)) continue;
    if ((name === 'source' || name === 'sources') && body.direction === 'download') continue;
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string' && v !== '') out.push(v);
  }
  return out;
}

/**
 * A digest of a local file or directory tree: names, kinds, executable bits,
 * symlink targets and contents, in a fixed order. A path that does not exist
 * digests as "missing" (the provisioner will say what is wrong when it runs).
 */
export async function digestPath(path: string, cwd: string): Promise<string> {
  const hash = createHash('sha256');
  await feed(hash, isAbsolute(path) ? path : resolve(cwd, path), '.');
  return hash.digest('hex');
}

async function feed(hash: ReturnType<typeof createHash>, path: string, rel: string): Promise<void> {
  let st: Awaited<ReturnType<typeof lstat>>;
  try {
    st = await lstat(path);
  } catch {
    hash.update(`missing ${rel}\n`);
    return;
  }
  if (st.isSymbolicLink()) {
    hash.update(`link ${rel} ${await readlink(path)}\n`);
    return;
  }
  if (st.isDirectory()) {
    hash.update(`dir ${rel}\n`);
    for (const name of (await readdir(path)).sort()) await feed(hash, join(path, name), `${rel}/${name}`);
    return;
  }
  const content = await readFile(path);
  hash.update(`file ${rel} ${st.mode & 0o111 ? 'x' : '-'} ${content.length}\n`);
  hash.update(content);
}
